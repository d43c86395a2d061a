package capsim.kernel;

import capsim.kernel.variant.QueueModel;

/**
 * Where messages wait: the queue model of a variant, as behaviour. IPC ({@link Ipc}) asks it who takes a
 * message now, where a sender waits, and how a receive finds its sender; the shipped models are
 * {@link WaitOnTargetBuffer} (the seed: senders wait on the target buffer) and {@link WaitOnQueue} (the
 * revised design: first-class queues). A variant supplies its model through
 * {@link capsim.kernel.variant.Variant#waiting()}; a new model is one new subclass here.
 * Models hold no state: the queues live on the objects.
 */
public abstract class Waiting {
    Waiting() {
    }

    /** The shipped model for a variant's {@link QueueModel} setting. */
    public static Waiting of(QueueModel model) {
        return switch (model) {
            case TARGET_BUFFERS -> WaitOnTargetBuffer.INSTANCE;
            case FIRST_CLASS -> WaitOnQueue.INSTANCE;
        };
    }

    /** Whether message queues exist as objects (may be allocated and named as send targets). */
    abstract boolean hasQueueObjects();

    /**
     * The buffer that takes a message sent by {@code source} to {@code target} now, or null when the sender
     * must wait. Throws (changing nothing) when {@code target} is not something this model sends to.
     */
    abstract MessageBuffer receiverNow(Kernel k, MessageBuffer source, KernelObject target, int targetAddr);

    /** The sender waits on {@code target} (nothing is copied at enqueue time). */
    abstract void enqueueSender(MessageBuffer s, KernelObject target);

    /** A send delivers to {@link #receiverNow}'s buffer: it stops waiting, if it was. */
    abstract void takeReceiver(KernelObject target, MessageBuffer receiver);

    /**
     * Checks a receive into {@code b} and returns the queue it receives from (null: the buffer itself is
     * where senders wait). Throws (changing nothing) when the receive cannot be made.
     */
    abstract MessageQueue receiveFrom(Kernel k, KernelThread t, MessageBuffer b, int queueAddr, boolean blocking);

    /** Commits a checked receive: delivers from the first waiting sender, or leaves the buffer ready. */
    abstract Outcome receive(Kernel k, MessageBuffer b, MessageQueue q);

    /** Whether a buffer is blocked by a delivery into it, until its owner receives again. */
    abstract boolean blocksOnDelivery();

    /** The first sender waiting in {@code senders} stops waiting and its message starts to transfer into {@code b}. */
    static Outcome deliverFirst(Kernel k, org.eclipse.collections.api.list.primitive.MutableIntList senders, MessageBuffer b) {
        MessageBuffer s = (MessageBuffer) k.heap.get(senders.removeAtIndex(0));
        s.setWaitingOn(KernelObject.NO_OID);
        return Transfer.start(k, s.inFlightMessage(), s, b);
    }
}
