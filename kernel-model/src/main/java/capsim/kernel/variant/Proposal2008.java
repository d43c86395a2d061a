package capsim.kernel.variant;

/**
 * The Aug 2008 proposal as seed 001 states it: revoke the frame from the source buffer, copy
 * MIN(source, target) capabilities, copy the target's slot addresses back into the source message,
 * clear the rest, free the target's frame and give it the source's; the copy loop runs in one step.
 */
public final class Proposal2008 implements Variant {
    @Override
    public String name() {
        return "proposal-2008";
    }

    @Override
    public String summary() {
        return "Aug 2008 proposal (seed 001): frame detached from source, target addresses copied back, target frame freed, unbounded copy";
    }

    @Override
    public QueueModel queues() {
        return QueueModel.TARGET_BUFFERS;
    }

    @Override
    public FrameTransfer frameTransfer() {
        return FrameTransfer.HANDOFF_FREE_TARGET;
    }

    @Override
    public SourceRevocation sourceRevocation() {
        return SourceRevocation.DETACH_FROM_BUFFER;
    }

    @Override
    public boolean preemptible() {
        return false;
    }
}
