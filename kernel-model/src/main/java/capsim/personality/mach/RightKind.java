package capsim.personality.mach;

/** The kinds of right a name can denote or a message can carry. */
public enum RightKind {
    SEND,
    RECEIVE,
    SEND_ONCE,
    PORT_SET,
    DEAD_NAME;

    /** The scenario word ({@code send-once}, {@code dead-name}, ...). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static RightKind fromWord(String w) {
        for (RightKind k : values()) {
            if (k.word().equals(w)) {
                return k;
            }
        }
        return null;
    }
}
