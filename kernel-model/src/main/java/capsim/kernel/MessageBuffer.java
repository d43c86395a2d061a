package capsim.kernel;

import org.eclipse.collections.api.list.primitive.ImmutableIntList;
import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;

/**
 * The seed's kernel "message buffer" (the 2008-12 code's messenger): slots
 * for the thread to activate, the address-space root where the message's
 * capability addresses resolve, the payload frame holding the message, and the
 * sender activity; flags; id and protected payload. In designs without
 * first-class queues it is also a send target and carries its own wait queue
 * of senders.
 */
public final class MessageBuffer extends KernelObject {
    /** Flag: activate the buffer's thread when its message is delivered (as source). */
    public static final int ACTIVATE_ON_SEND = 1;
    /** Flag: activate the buffer's thread when a message is delivered into it (as target). */
    public static final int ACTIVATE_ON_RECEIVE = 2;

    private Capability thread = Capability.VOID;
    private Capability asRoot = Capability.VOID;
    private Capability payload = Capability.VOID;
    private Capability senderActivity = Capability.VOID;
    private boolean blocked;
    private int flags;
    private long protectedPayload;
    private long id;
    private final MutableIntList senders;
    private int waitingOn = NO_OID;
    private int inFlightMessage;
    private boolean inTransfer;
    private KernelError lastError;

    MessageBuffer(int oid, int version, int chargedTo) {
        super(CapType.MESSAGE_BUFFER, oid, version, chargedTo);
        this.senders = new IntArrayList();
    }

    private MessageBuffer(MessageBuffer o) {
        super(CapType.MESSAGE_BUFFER, o.oid(), o.version(), o.chargedTo());
        this.thread = o.thread;
        this.asRoot = o.asRoot;
        this.payload = o.payload;
        this.senderActivity = o.senderActivity;
        this.blocked = o.blocked;
        this.flags = o.flags;
        this.protectedPayload = o.protectedPayload;
        this.id = o.id;
        this.senders = new IntArrayList(o.senders.toArray());
        this.waitingOn = o.waitingOn;
        this.inFlightMessage = o.inFlightMessage;
        this.inTransfer = o.inTransfer;
        this.lastError = o.lastError;
    }


    @Override
    MessageBuffer copy() {
        return new MessageBuffer(this);
    }

    public Capability slot(BufferSlot s) {
        return switch (s) {
            case THREAD -> thread;
            case AS_ROOT -> asRoot;
            case PAYLOAD -> payload;
            case SENDER_ACTIVITY -> senderActivity;
        };
    }

    public Capability thread() {
        return thread;
    }

    public Capability asRoot() {
        return asRoot;
    }

    public Capability payload() {
        return payload;
    }

    public Capability senderActivity() {
        return senderActivity;
    }

    /** A blocked buffer accepts no delivery; senders to it wait. */
    public boolean blocked() {
        return blocked;
    }

    public int flags() {
        return flags;
    }

    public boolean activateOnSend() {
        return (flags & ACTIVATE_ON_SEND) != 0;
    }

    public boolean activateOnReceive() {
        return (flags & ACTIVATE_ON_RECEIVE) != 0;
    }

    public long protectedPayload() {
        return protectedPayload;
    }

    public long id() {
        return id;
    }

    /** Source buffers waiting to deliver to this one (designs without first-class queues), oldest first. */
    public ImmutableIntList senders() {
        return senders.toImmutable();
    }

    /** The target or queue this buffer waits on, or {@link #NO_OID}. */
    public int waitingOn() {
        return waitingOn;
    }

    /** The serial of the message this buffer is sending (0 when none is in flight). */
    public int inFlightMessage() {
        return inFlightMessage;
    }

    /** True while an unfinished (preempted) transfer holds this buffer as source or target. */
    public boolean inTransfer() {
        return inTransfer;
    }

    /** The error its last send ended with (the EFAULT "error message"), or null. */
    public KernelError lastError() {
        return lastError;
    }

    void setSlot(BufferSlot s, Capability c) {
        switch (s) {
            case THREAD -> thread = c;
            case AS_ROOT -> asRoot = c;
            case PAYLOAD -> payload = c;
            case SENDER_ACTIVITY -> senderActivity = c;
        }
    }

    void setBlocked(boolean b) {
        blocked = b;
    }

    void setFlags(int f) {
        flags = f;
    }

    void setProtectedPayload(long p) {
        protectedPayload = p;
    }

    void setId(long i) {
        id = i;
    }

    MutableIntList sendersMutable() {
        return senders;
    }

    void setWaitingOn(int oid) {
        waitingOn = oid;
    }

    void setInFlightMessage(int serial) {
        inFlightMessage = serial;
    }

    void setInTransfer(boolean b) {
        inTransfer = b;
    }

    void setLastError(KernelError e) {
        lastError = e;
    }
}
