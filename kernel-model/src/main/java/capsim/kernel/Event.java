package capsim.kernel;

/**
 * What the kernel did: every completed operation appends one or more events to
 * the {@link Trace}. Refused operations append nothing (they change nothing).
 * Oids are plain ints; {@code msg} is the kernel's serial number of one send.
 */
public sealed interface Event {

    /** One line for humans, as the trace printer shows it. */
    String text();

    /** An object was allocated and charged to {@code activity}. */
    record Allocated(int oid, CapType type, int activity) implements Event {
        public String text() {
            return "allocate " + type.word() + "#" + oid + " from activity#" + activity;
        }
    }

    /** An object was freed; capabilities to it now read as void. */
    record Freed(int oid, CapType type, int activity) implements Event {
        public String text() {
            return "free " + type.word() + "#" + oid + " (uncharged from activity#" + activity + ")";
        }
    }

    /** An object's version was bumped in place: every outstanding capability to it is revoked. */
    record Reidentified(int oid, CapType type, int newVersion) implements Event {
        public String text() {
            return "re-identify " + type.word() + "#" + oid + " as version " + newVersion + " (old capabilities void)";
        }
    }

    /** A capability was stored in a capability-page slot. */
    record SlotWritten(int thread, int page, int slot, Capability cap) implements Event {
        public String text() {
            return "thread#" + thread + " stores " + cap + " in cappage#" + page + "[" + slot + "]";
        }
    }

    /** A message buffer's slot was set. */
    record BufferSlotSet(int thread, int buffer, BufferSlot slot, Capability cap) implements Event {
        public String text() {
            return "thread#" + thread + " sets buffer#" + buffer + "." + slot.word() + " = " + cap;
        }
    }

    /** A message buffer's flags or id changed. */
    record BufferConfigured(int buffer, int flags, long id) implements Event {
        public String text() {
            return "buffer#" + buffer + " flags=" + flags + " id=" + id;
        }
    }

    /** A message was written into a buffer's payload frame. */
    record MessageWritten(int buffer, int frame, int capCount, int dataCount) implements Event {
        public String text() {
            return "buffer#" + buffer + " message in frame#" + frame + ": " + capCount + " caps, " + dataCount + " bytes";
        }
    }

    /** An activity's quota changed. */
    record QuotaSet(int activity, long quota) implements Event {
        public String text() {
            return "activity#" + activity + " quota=" + quota;
        }
    }

    /** A thread's address-space root or activity slot was set. */
    record ThreadConfigured(int thread, Capability asRoot, Capability activity) implements Event {
        public String text() {
            return "thread#" + thread + " as_root=" + asRoot + " activity=" + activity;
        }
    }

    /** A send began: message {@code msg} from {@code source} to {@code target} (a buffer or a queue). */
    record Sent(int msg, int thread, int source, int target, long protectedPayload) implements Event {
        public String text() {
            return "msg " + msg + ": thread#" + thread + " sends buffer#" + source + " to #" + target
                    + (protectedPayload != 0 ? " (pp=" + protectedPayload + ")" : "");
        }
    }

    /** The message waits on {@code target} (a blocked buffer or a queue with no receiver). */
    record Enqueued(int msg, int source, int target) implements Event {
        public String text() {
            return "msg " + msg + ": buffer#" + source + " waits on #" + target;
        }
    }

    /** A receiving buffer waits on a queue for a message. */
    record ReceiverWaiting(int buffer, int queue) implements Event {
        public String text() {
            return "buffer#" + buffer + " waits for a message on queue#" + queue;
        }
    }

    /** A buffer was unblocked (ready to receive) or blocked. */
    record BlockChanged(int buffer, boolean blocked) implements Event {
        public String text() {
            return "buffer#" + buffer + (blocked ? " blocked" : " unblocked");
        }
    }

    /** Transfer of message {@code msg} from {@code source} into {@code target} began. */
    record TransferStarted(int msg, int source, int target, int caps) implements Event {
        public String text() {
            return "msg " + msg + ": transfer buffer#" + source + " -> buffer#" + target + " (" + caps + " caps)";
        }
    }

    /**
     * Capability {@code index} of message {@code msg} was stored in the target's slot; a void {@code cap}
     * means the source address did not resolve; {@code page} -1 means the target slot was unusable.
     */
    record CapTransferred(int msg, int index, Capability cap, int page, int slot) implements Event {
        public String text() {
            return "msg " + msg + ": cap " + index + " " + cap
                    + (page < 0 ? " -> (target slot unusable: address voided)" : " -> cappage#" + page + "[" + slot + "]");
        }
    }

    /** {@code count} target-side slot addresses were written into frame {@code frame}. */
    record AddressesWritten(int msg, int frame, int count, int voided) implements Event {
        public String text() {
            return "msg " + msg + ": " + count + " target slot addresses written into frame#" + frame
                    + (voided > 0 ? ", " + voided + " voided" : "");
        }
    }

    /** {@code bytes} bytes were copied from the source frame to the target frame. */
    record BytesCopied(int msg, int from, int to, int bytes) implements Event {
        public String text() {
            return "msg " + msg + ": copy " + bytes + " bytes frame#" + from + " -> frame#" + to;
        }
    }

    /** The source buffer's payload slot was emptied (the Aug 2008 proposal's "revoke from the buffer"). */
    record FrameDetached(int msg, int buffer, int frame) implements Event {
        public String text() {
            return "msg " + msg + ": frame#" + frame + " detached from buffer#" + buffer;
        }
    }

    /** Frame {@code frame} now belongs to buffer {@code to} (and is charged to {@code chargedTo}). */
    record FrameHandedOff(int msg, int frame, int from, int to, int chargedTo) implements Event {
        public String text() {
            return "msg " + msg + ": frame#" + frame + " handed from buffer#" + from + " to buffer#" + to
                    + " (charged to activity#" + chargedTo + ")";
        }
    }

    /** A frame was zeroed. */
    record FrameCleared(int frame) implements Event {
        public String text() {
            return "clear frame#" + frame;
        }
    }

    /** The kernel reached a preemption point with the transfer unfinished. */
    record Preempted(int msg, int work) implements Event {
        public String text() {
            return "msg " + msg + ": preempted after " + work + " units of work";
        }
    }

    /** The kernel resumed an unfinished transfer. */
    record Resumed(int msg) implements Event {
        public String text() {
            return "msg " + msg + ": resumed";
        }
    }

    /** Message {@code msg} was delivered. */
    record Delivered(int msg, int source, int target) implements Event {
        public String text() {
            return "msg " + msg + ": delivered buffer#" + source + " -> buffer#" + target;
        }
    }

    /** The message failed and its sender was told why (EFAULT when the target died). */
    record SenderFailed(int msg, int source, KernelError reason) implements Event {
        public String text() {
            return "msg " + msg + ": buffer#" + source + " told " + reason;
        }
    }

    /** The source buffer was destroyed while its message waited: the sender withdrew it. */
    record MessageWithdrawn(int msg, int source) implements Event {
        public String text() {
            return "msg " + msg + ": withdrawn (buffer#" + source + " destroyed while waiting)";
        }
    }

    /** A waiting receiver was woken with an error (its queue died). */
    record ReceiverFailed(int buffer, KernelError reason) implements Event {
        public String text() {
            return "buffer#" + buffer + " receive failed: " + reason;
        }
    }

    /** The thread was activated for {@code buffer} ({@code msg} 0: an error wake-up). */
    record Activated(int msg, int thread, int buffer, long id, long protectedPayload) implements Event {
        public String text() {
            return (msg != 0 ? "msg " + msg + ": " : "") + "activate thread#" + thread + " for buffer#" + buffer
                    + " (id=" + id + ", pp=" + protectedPayload + ")";
        }
    }

    /** The thread was already activated: the buffer waits on it. */
    record ActivationPending(int msg, int thread, int buffer) implements Event {
        public String text() {
            return (msg != 0 ? "msg " + msg + ": " : "") + "thread#" + thread + " busy: buffer#" + buffer + " pending";
        }
    }

    /** Why an activation was dropped. */
    enum DropReason {
        /** The buffer's thread slot names no live thread. */
        NO_THREAD,
        /** The buffer waited on a busy thread and was freed before the thread collected it. */
        BUFFER_FREED
    }

    /**
     * An activation was dropped: due now but the buffer names no live thread ({@code thread} is then
     * {@link KernelObject#NO_OID}), or pending on {@code thread} and its buffer freed before the collect.
     */
    record ActivationDropped(int msg, int buffer, int thread, DropReason reason) implements Event {
        public String text() {
            return switch (reason) {
                case NO_THREAD -> "msg " + msg + ": buffer#" + buffer + " names no live thread: no activation";
                case BUFFER_FREED -> "msg " + msg + ": buffer#" + buffer + " was freed while its activation waited on thread#"
                        + thread + ": dropped";
            };
        }
    }

    /** The EFAULT error message could not be loaded into a blocked sender buffer and was dropped ({@code rpc_error_reply}). */
    record ErrorDropped(int msg, int source, KernelError reason) implements Event {
        public String text() {
            return "msg " + msg + ": buffer#" + source + " is blocked: its " + reason + " error message is dropped";
        }
    }

    /** A destruction reached its work bound; the scheduler continues it ({@link Kernel#resume()}). */
    record DestructionPreempted(int oid, int work) implements Event {
        public String text() {
            return "destruction of #" + oid + " preempted after " + work + " units";
        }
    }

    /** The scheduler continues a preempted destruction. */
    record DestructionResumed(int oid) implements Event {
        public String text() {
            return "destruction of #" + oid + " resumed";
        }
    }

    /** The thread left its activation handler. */
    record Collected(int thread) implements Event {
        public String text() {
            return "thread#" + thread + " collects (leaves activated mode)";
        }
    }
}
