package example.mailbox;

import capsim.kernel.variant.FrameTransfer;
import capsim.kernel.variant.QueueModel;
import capsim.kernel.variant.SourceRevocation;
import capsim.kernel.variant.Variant;

/** {@link Mailbox} without preemption points: the checker shows it breaks bounded-kernel-work. */
public final class UnboundedMailbox implements Variant {
    public String name() { return "mailbox-unbounded"; }
    public String summary() { return "mailbox with the whole copy in one kernel step (breaks bounded-kernel-work)"; }
    public QueueModel queues() { return QueueModel.FIRST_CLASS; }
    public FrameTransfer frameTransfer() { return FrameTransfer.COPY_BYTES; }
    public SourceRevocation sourceRevocation() { return SourceRevocation.NONE; }
    public boolean preemptible() { return false; }
}
