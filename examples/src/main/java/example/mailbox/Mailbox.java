package example.mailbox;

import capsim.kernel.variant.FrameTransfer;
import capsim.kernel.variant.QueueModel;
import capsim.kernel.variant.SourceRevocation;
import capsim.kernel.variant.Variant;

/** First-class queues like {@code revised}, but the kernel copies the bytes instead of handing frames off. */
public final class Mailbox implements Variant {
    public String name() { return "mailbox"; }
    public String summary() { return "first-class queues, bytes copied (no frame hand-off), preemptible copy"; }
    public QueueModel queues() { return QueueModel.FIRST_CLASS; }
    public FrameTransfer frameTransfer() { return FrameTransfer.COPY_BYTES; }
    public SourceRevocation sourceRevocation() { return SourceRevocation.NONE; }
    public boolean preemptible() { return true; }
}
