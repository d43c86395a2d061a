package capsim.kernel.variant;

/** How a transfer moves the message page. */
public enum FrameTransfer {
    /** The 2008-12 code: each side keeps its frame; bytes are copied, the target's spare addresses voided. */
    COPY_BYTES,
    /**
     * The Aug 2008 proposal: target slot addresses are written into the source frame, the target's own
     * frame is freed, and the source frame is given to the target (still charged to the sender).
     */
    HANDOFF_FREE_TARGET,
    /**
     * The revised design: the source frame (with the target's addresses written in) goes to the target and
     * the target's old frame, cleared, goes to the source; the two frames swap charges so each side keeps
     * paying for one frame.
     */
    EXCHANGE_CLEARED
}
