package capsim.kernel;

import capsim.kernel.variant.FrameTransfer;

/**
 * The state of one message transfer from a source buffer into a target buffer.
 * A transfer is a sequence of units of kernel work; where the variant is
 * preemptible it stops at a preemption point whenever the step's work bound is
 * reached, and {@link Kernel#resume()} continues it from here.
 */
final class Transfer implements Work {
    enum Phase { CAPS, REST, BYTES, FINISH }

    final int msg;
    final int source;
    final int target;
    /** MIN(source cap_count, target cap_count). */
    final int caps;
    /** The transfer's frame treatment (degrades to byte copying when the source has no frame). */
    final FrameTransfer mode;
    /** The source frame, held by the kernel once revoked from the sender (void when none). */
    Capability sourceFrame;
    /** The target frame at the start (void when none). */
    final Capability targetFrame;
    /** The target's cap_count at the start (the addresses to fill or void). */
    final int targetCapCount;
    /** The source's cap_count at the start. */
    final int sourceCapCount;
    Phase phase = Phase.CAPS;
    int index;

    Transfer(int msg, int source, int target, int caps, FrameTransfer mode,
             Capability sourceFrame, Capability targetFrame, int targetCapCount, int sourceCapCount) {
        this.msg = msg;
        this.source = source;
        this.target = target;
        this.caps = caps;
        this.mode = mode;
        this.sourceFrame = sourceFrame;
        this.targetFrame = targetFrame;
        this.targetCapCount = targetCapCount;
        this.sourceCapCount = sourceCapCount;
    }

    @Override
    public Transfer copy() {
        Transfer t = new Transfer(msg, source, target, caps, mode, sourceFrame, targetFrame, targetCapCount, sourceCapCount);
        t.phase = phase;
        t.index = index;
        return t;
    }

    TransferState view() {
        return new TransferState(msg, source, target, caps, phase.name().toLowerCase(java.util.Locale.ROOT), index);
    }
}
