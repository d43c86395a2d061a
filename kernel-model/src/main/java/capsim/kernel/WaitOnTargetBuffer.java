package capsim.kernel;

/**
 * The seed's queue model (seed 001, the 2008 messenger code): a send names a message buffer, and senders
 * wait on that target buffer itself. A delivery blocks the target until its owner receives again, and a
 * blocked target (or one still in a transfer) queues the sender: this class is the one place of that rule.
 */
final class WaitOnTargetBuffer extends Waiting {
    static final WaitOnTargetBuffer INSTANCE = new WaitOnTargetBuffer();

    private WaitOnTargetBuffer() {
    }

    @Override
    boolean hasQueueObjects() {
        return false;
    }

    @Override
    MessageBuffer receiverNow(Kernel k, MessageBuffer source, KernelObject target, int targetAddr) {
        if (!(target instanceof MessageBuffer tb)) {
            throw new KernelException(KernelError.WRONG_TYPE,
                    CapAddress.format(targetAddr) + " designates a " + target.type().word() + ", not a buffer");
        }
        if (tb == source) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "a buffer cannot send to itself");
        }
        // A blocked target queues the sender; so does one whose previous transfer is unfinished.
        return !tb.blocked() && !tb.inTransfer() ? tb : null;
    }

    @Override
    void enqueueSender(MessageBuffer s, KernelObject target) {
        ((MessageBuffer) target).sendersMutable().add(s.oid());
    }

    @Override
    void takeReceiver(KernelObject target, MessageBuffer receiver) {
        // The target buffer was not waiting anywhere: nothing to take it from.
    }

    @Override
    MessageQueue receiveFrom(Kernel k, KernelThread t, MessageBuffer b, int queueAddr, boolean blocking) {
        if (!CapAddress.isNone(queueAddr)) {
            throw new KernelException(KernelError.NOT_SUPPORTED,
                    k.variant.name() + " has no first-class queues: receive unblocks the buffer itself");
        }
        if (!blocking && b.sendersMutable().isEmpty()) {
            // server.c: a non-blocking receive with nobody waiting answers EWOULDBLOCK; the buffer stays as it was.
            throw new KernelException(KernelError.EWOULDBLOCK, "no sender waits on buffer#" + b.oid());
        }
        return null;
    }

    /** Receiving unblocks the buffer and delivers the first waiting sender, one only. */
    @Override
    Outcome receive(Kernel k, MessageBuffer b, MessageQueue q) {
        b.setBlocked(false);
        k.trace.add(new Event.BlockChanged(b.oid(), false));
        if (b.sendersMutable().isEmpty()) {
            return Outcome.UNBLOCKED;
        }
        return deliverFirst(k, b.sendersMutable(), b);
    }

    @Override
    boolean blocksOnDelivery() {
        return true;
    }
}
