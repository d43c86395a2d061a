package capsim.kernel;

/** The type a capability designates; one per kernel object class, plus {@link #VOID}. */
public enum CapType {
    VOID,
    ACTIVITY,
    THREAD,
    CAPPAGE,
    FRAME,
    MESSAGE_BUFFER,
    MESSAGE_QUEUE;

    /** Lower-case name used in scenarios, traces and diagrams. */
    public String word() {
        return switch (this) {
            case VOID -> "void";
            case ACTIVITY -> "activity";
            case THREAD -> "thread";
            case CAPPAGE -> "cappage";
            case FRAME -> "frame";
            case MESSAGE_BUFFER -> "buffer";
            case MESSAGE_QUEUE -> "queue";
        };
    }

    /** The type named by {@link #word()}, or null. */
    public static CapType fromWord(String word) {
        for (CapType t : values()) {
            if (t.word().equals(word)) {
                return t;
            }
        }
        return null;
    }
}
