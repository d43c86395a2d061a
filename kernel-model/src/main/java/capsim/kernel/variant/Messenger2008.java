package capsim.kernel.variant;

/**
 * What the Dec 2008 messenger code did: senders queue on the target messenger, capabilities are
 * copied MIN(source, target) and bytes are copied, both frames stay put; the copy loop runs under
 * one lock (one kernel step).
 */
public final class Messenger2008 implements Variant {
    @Override
    public String name() {
        return "messenger-2008";
    }

    @Override
    public String summary() {
        return "Dec 2008 messenger code: senders wait on the target messenger, caps and bytes copied, no frame moves, unbounded copy";
    }

    @Override
    public QueueModel queues() {
        return QueueModel.TARGET_BUFFERS;
    }

    @Override
    public FrameTransfer frameTransfer() {
        return FrameTransfer.COPY_BYTES;
    }

    @Override
    public SourceRevocation sourceRevocation() {
        return SourceRevocation.NONE;
    }

    @Override
    public boolean preemptible() {
        return false;
    }

    /** {@code messenger.c}: the delivered page's cap_count becomes the source's. */
    @Override
    public boolean deliversSourceCapCount() {
        return true;
    }

}
