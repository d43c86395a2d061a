package capsim.kernel.variant;

/**
 * The proposal with every objection in seed 001 answered: first-class queues apart from messages,
 * the handed-off frame re-identified before target information is written into it (no disclosure),
 * the target frame cleared and exchanged rather than freed, and copying split at preemption points.
 */
public final class Revised implements Variant {
    @Override
    public String name() {
        return "revised";
    }

    @Override
    public String summary() {
        return "seed 001 objections answered: first-class queues, re-identified hand-off (no disclosure), clear-and-exchange, preemptible copy";
    }

    @Override
    public QueueModel queues() {
        return QueueModel.FIRST_CLASS;
    }

    @Override
    public FrameTransfer frameTransfer() {
        return FrameTransfer.EXCHANGE_CLEARED;
    }

    @Override
    public SourceRevocation sourceRevocation() {
        return SourceRevocation.REIDENTIFY;
    }

    @Override
    public boolean preemptible() {
        return true;
    }

    /** The error message is the kernel's, kept in the buffer's error slot: never dropped (no message lost). */
    @Override
    public boolean dropsErrorToBlockedSender() {
        return false;
    }
}
