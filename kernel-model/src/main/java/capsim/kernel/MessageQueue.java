package capsim.kernel;

import org.eclipse.collections.api.list.primitive.ImmutableIntList;
import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * A first-class queue, apart from messages (the revised design): source
 * buffers wait here to deliver, and receiving buffers wait here for a message.
 * At most one of the two lists is non-empty at any time.
 */
public final class MessageQueue extends KernelObject {
    private final MutableIntList senders;
    private final MutableIntList receivers;

    MessageQueue(int oid, int version, int chargedTo) {
        super(CapType.MESSAGE_QUEUE, oid, version, chargedTo);
        this.senders = new IntArrayList();
        this.receivers = new IntArrayList();
    }

    private MessageQueue(MessageQueue o) {
        super(CapType.MESSAGE_QUEUE, o.oid(), o.version(), o.chargedTo());
        this.senders = new IntArrayList(o.senders.toArray());
        this.receivers = new IntArrayList(o.receivers.toArray());
    }


    @Override
    MessageQueue copy() {
        return new MessageQueue(this);
    }

    /** Source buffers waiting to deliver, oldest first. */
    public ImmutableIntList senders() {
        return senders.toImmutable();
    }

    /** Target buffers waiting for a message, oldest first. */
    public ImmutableIntList receivers() {
        return receivers.toImmutable();
    }

    MutableIntList sendersMutable() {
        return senders;
    }

    MutableIntList receiversMutable() {
        return receivers;
    }
}
