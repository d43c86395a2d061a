package capsim.kernel.variant;

/** Where messages wait. */
public enum QueueModel {
    /** The seed's design: a send targets a message buffer; senders wait on the target buffer itself. */
    TARGET_BUFFERS,
    /** The revised design: a send targets a first-class queue; senders and receivers wait on it. */
    FIRST_CLASS
}
