package capsim.kernel;

/** The capability slots of a message buffer. */
public enum BufferSlot {
    /** The thread to activate. */
    THREAD(CapType.THREAD),
    /** The root of the address space where the message's capability addresses resolve. */
    AS_ROOT(CapType.CAPPAGE),
    /** The frame holding the message. */
    PAYLOAD(CapType.FRAME),
    /** Who pays for delivery (copied at send). */
    SENDER_ACTIVITY(CapType.ACTIVITY);

    private final CapType holds;

    BufferSlot(CapType holds) {
        this.holds = holds;
    }

    /** The type of capability this slot accepts. */
    public CapType holds() {
        return holds;
    }

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
