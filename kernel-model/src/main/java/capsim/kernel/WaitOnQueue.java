package capsim.kernel;

/**
 * The revised design's queue model (seed 001's objection that messages and queues are one object,
 * answered): a send names a first-class message queue; senders and ready receivers both wait on it, and
 * a send delivers at once only when a receiver waits.
 */
final class WaitOnQueue extends Waiting {
    static final WaitOnQueue INSTANCE = new WaitOnQueue();

    private WaitOnQueue() {
    }

    @Override
    boolean hasQueueObjects() {
        return true;
    }

    @Override
    MessageBuffer receiverNow(Kernel k, MessageBuffer source, KernelObject target, int targetAddr) {
        if (!(target instanceof MessageQueue q)) {
            throw new KernelException(KernelError.WRONG_TYPE,
                    CapAddress.format(targetAddr) + " designates a " + target.type().word() + ", not a queue");
        }
        // No receiver waiting queues the sender.
        return q.receiversMutable().isEmpty() ? null : (MessageBuffer) k.heap.get(q.receiversMutable().get(0));
    }

    @Override
    void enqueueSender(MessageBuffer s, KernelObject target) {
        ((MessageQueue) target).sendersMutable().add(s.oid());
    }

    @Override
    void takeReceiver(KernelObject target, MessageBuffer receiver) {
        ((MessageQueue) target).receiversMutable().removeAtIndex(0);
        receiver.setWaitingOn(KernelObject.NO_OID);
    }

    @Override
    MessageQueue receiveFrom(Kernel k, KernelThread t, MessageBuffer b, int queueAddr, boolean blocking) {
        if (CapAddress.isNone(queueAddr)) {
            throw new KernelException(KernelError.BAD_ARGUMENT, k.variant.name() + " receives from a queue: name one");
        }
        Capability qc = CapSpace.fetch(k, t.asRoot(), queueAddr);
        MessageQueue q = CapSpace.requireType(k, qc, queueAddr, MessageQueue.class, CapType.MESSAGE_QUEUE);
        if (b.waitingOn() != KernelObject.NO_OID) {
            throw new KernelException(KernelError.BUSY, "buffer#" + b.oid() + " already waits on #" + b.waitingOn());
        }
        if (q.sendersMutable().isEmpty() && !blocking) {
            throw new KernelException(KernelError.EWOULDBLOCK, "no message waits on queue#" + q.oid());
        }
        return q;
    }

    /** Takes the first sender waiting on the queue, or waits there for one. */
    @Override
    Outcome receive(Kernel k, MessageBuffer b, MessageQueue q) {
        if (q.sendersMutable().isEmpty()) {
            b.setWaitingOn(q.oid());
            q.receiversMutable().add(b.oid());
            k.trace.add(new Event.ReceiverWaiting(b.oid(), q.oid()));
            return Outcome.WAITING;
        }
        return deliverFirst(k, q.sendersMutable(), b);
    }

    @Override
    boolean blocksOnDelivery() {
        return false;
    }
}
