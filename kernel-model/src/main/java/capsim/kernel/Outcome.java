package capsim.kernel;

/** How a send, receive or RPC ended (refusals are {@link KernelException}s instead). */
public enum Outcome {
    /** The message was delivered within this kernel step. */
    DELIVERED,
    /** The transfer started and stopped at a preemption point; {@link Kernel#resume()} continues it. */
    IN_PROGRESS,
    /** The message waits on its target (a blocked buffer or a queue with no receiver). */
    ENQUEUED,
    /** The receiving buffer waits on its queue for a message. */
    WAITING,
    /** The buffer was unblocked and no sender was waiting. */
    UNBLOCKED
}
