package capsim.personality.mach;

/** The kernel notifications modelled (MACH_NOTIFY_*). */
public enum NotificationKind {
    /** The last send right of a port went away (requested by its receiver). */
    NO_SENDERS,
    /** A port a task holds a send or send-once right to died (requested by that task). */
    DEAD_NAME,
    /** A send-once right was destroyed without being used: sent to the port it named. */
    SEND_ONCE,
    /** A receive right was about to be destroyed: it is sent to the backup port instead. */
    PORT_DESTROYED,
    /**
     * A name watched by a dead-name request lost its right while the port lived (deallocated, destroyed, moved
     * out): GNU Mach ipc_right.c sends this through the request's send-once right (ipc_notify_port_deleted).
     */
    PORT_DELETED;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public static NotificationKind fromWord(String w) {
        for (NotificationKind k : values()) {
            if (k.word().equals(w)) {
                return k;
            }
        }
        return null;
    }

    /** The kinds a task can ask for (send-once and port-deleted notifications come unasked). */
    public boolean requestable() {
        return this != SEND_ONCE && this != PORT_DELETED;
    }
}
