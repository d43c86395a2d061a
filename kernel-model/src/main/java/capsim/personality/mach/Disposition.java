package capsim.personality.mach;

/** How a right is taken from the sender's name space into a message (Mach's MACH_MSG_TYPE_* dispositions). */
public enum Disposition {
    MOVE_RECEIVE,
    MOVE_SEND,
    MOVE_SEND_ONCE,
    COPY_SEND,
    MAKE_SEND,
    MAKE_SEND_ONCE;

    /** The scenario word: lower case with dashes ({@code make-send-once}). */
    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /** The disposition named by {@link #word()} (or its upper-case Mach spelling), or null. */
    public static Disposition fromWord(String w) {
        for (Disposition d : values()) {
            if (d.word().equals(w) || d.name().equals(w)) {
                return d;
            }
        }
        return null;
    }

    /** The right the message carries after this disposition. */
    public RightKind carries() {
        return switch (this) {
            case MOVE_RECEIVE -> RightKind.RECEIVE;
            case MOVE_SEND, COPY_SEND, MAKE_SEND -> RightKind.SEND;
            case MOVE_SEND_ONCE, MAKE_SEND_ONCE -> RightKind.SEND_ONCE;
        };
    }

    public static String words() {
        StringBuilder b = new StringBuilder();
        for (Disposition d : values()) {
            b.append(b.isEmpty() ? "" : ", ").append(d.word());
        }
        return b.toString();
    }
}
