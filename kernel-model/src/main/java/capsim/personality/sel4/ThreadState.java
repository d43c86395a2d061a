package capsim.personality.sel4;

/** A thread's state, as seL4's ThreadState (non-MCS); the blocked states say on what and how. */
public sealed interface ThreadState {
    /** One word for scenarios: running, inactive, restart, blocked-on-send, ... */
    String word();

    record Running() implements ThreadState {
        public String word() {
            return "running";
        }
    }

    record Inactive() implements ThreadState {
        public String word() {
            return "inactive";
        }
    }

    /** Will redo its last system call when scheduled (after its endpoint was deleted, or on resume). */
    record Restart() implements ThreadState {
        public String word() {
            return "restart";
        }
    }

    /** Waiting in {@code endpoint}'s send queue, with the badge and rights of the capability it sent through. */
    record BlockedOnSend(String endpoint, long badge, boolean canGrant, boolean canGrantReply, boolean isCall)
            implements ThreadState {
        public String word() {
            return "blocked-on-send";
        }
    }

    /** Waiting in {@code endpoint}'s receive queue; {@code canGrant}: its capability's grant right. */
    record BlockedOnReceive(String endpoint, boolean canGrant) implements ThreadState {
        public String word() {
            return "blocked-on-receive";
        }
    }

    /** Waiting for a reply to a Call or to a fault message. */
    record BlockedOnReply() implements ThreadState {
        public String word() {
            return "blocked-on-reply";
        }
    }

    record BlockedOnNotification(String notification) implements ThreadState {
        public String word() {
            return "blocked-on-notification";
        }
    }

    ThreadState RUNNING = new Running();
    ThreadState INACTIVE = new Inactive();
    ThreadState RESTART = new Restart();
    ThreadState BLOCKED_ON_REPLY = new BlockedOnReply();

    /** Whether the thread can make a system call (Restart threads redo theirs; capsim lets them make the next). */
    default boolean runnable() {
        return this instanceof Running || this instanceof Restart;
    }
}
