package capsim.kernel.variant;

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

    /** How the sender loses access to a handed-off frame (ignored for {@link FrameTransfer#COPY_BYTES}). */
    SourceRevocation sourceRevocation();

    /**
     * Whether a transfer stops at a preemption point whenever it has done the
     * kernel's work bound; false means the whole copy runs in one kernel step.
     */
    boolean preemptible();
}
