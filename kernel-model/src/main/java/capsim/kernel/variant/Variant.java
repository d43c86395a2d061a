package capsim.kernel.variant;

import capsim.kernel.FrameMode;
import capsim.kernel.Waiting;

/**
 * A design variant: the policy for the parts of the design under discussion.
 * The kernel asks it at each decision point of a transfer. Users add their own
 * by implementing this interface and listing the class in
 * {@code META-INF/services/capsim.kernel.variant.Variant}; see docs/model.md.
 */
public interface Variant {

    /** Lower-case name with dashes, used on the command line and in scenarios. */
    String name();

    /** One line: what this variant does differently. */
    String summary();

    /** Whether messages queue on target buffers or on first-class queues. */
    QueueModel queues();

    /** What the transfer does with the source and target frames. */
    FrameTransfer frameTransfer();

    /**
     * The behaviour behind {@link #frameTransfer()}: the class whose steps move the frames, their cost and
     * who pays afterwards. The kernel asks once, when it is created. Override to supply a new mode (a
     * subclass of {@link FrameMode}); the engine needs no edit.
     */
    default FrameMode frameMode() {
        return FrameMode.of(frameTransfer());
    }

    /**
     * The behaviour behind {@link #queues()}: where senders and receivers wait. The kernel asks once, when
     * it is created.
     */
    default Waiting waiting() {
        return Waiting.of(queues());
    }

    /** How the sender loses access to a handed-off frame (ignored for {@link FrameTransfer#COPY_BYTES}). */
    SourceRevocation sourceRevocation();

    /**
     * Whether a transfer stops at a preemption point whenever it has done the
     * kernel's work bound; false means the whole copy runs in one kernel step.
     */
    boolean preemptible();

    /**
     * Whether the target's delivered page says how many capabilities the <em>source</em> sent
     * ({@code messenger.c}: the delivered {@code cap_count} becomes the source's count, positions past the
     * target's own count reading void). False: the delivered page keeps the target's count.
     */
    default boolean deliversSourceCapCount() {
        return false;
    }

    /**
     * Whether the EFAULT error message to a waiting sender is dropped when the sender's buffer is blocked
     * ({@code rpc_error_reply} loads it non-blockingly). False: it is always recorded.
     */
    default boolean dropsErrorToBlockedSender() {
        return true;
    }


    /** Whether destroying an object (an activity with all it holds) stops at preemption points like a transfer. */
    default boolean preemptibleDestruction() {
        return preemptible();
    }

    /**
     * Whether a step that allocates several pages checks every quota for all of them together (true: a step
     * is all-or-nothing over every page and every ancestor). False reproduces an accounting defect (each
     * page checked on its own) and exists so tests can show the checker finds it.
     */
    default boolean chargesStepAtomically() {
        return true;
    }
}
