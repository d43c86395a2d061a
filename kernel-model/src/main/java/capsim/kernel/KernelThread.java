package capsim.kernel;

import org.eclipse.collections.api.list.primitive.ImmutableLongList;
import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.api.list.primitive.MutableLongList;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * A thread: its address-space root, its activity (scheduling and accounting
 * principal), and its activation state. Threads never block in the kernel;
 * message buffers do. An activation puts the thread in activated mode; further
 * activations wait as pending buffers until the thread collects.
 */
public final class KernelThread extends KernelObject {
    private Capability asRoot = Capability.VOID;
    private Capability activity = Capability.VOID;
    private boolean activated;
    private int currentBuffer = NO_OID;
    private long currentId;
    private long currentPayload;
    /** Pending buffers as (oid << 32 | version), so a reused oid is never mistaken for the old buffer. */
    private final MutableLongList pending;
    /** The message each pending buffer's activation was for (parallel to {@link #pending}). */
    private final MutableIntList pendingMessages;
    private int activationCount;

    KernelThread(int oid, int version, int chargedTo) {
        super(CapType.THREAD, oid, version, chargedTo);
        this.pending = new LongArrayList();
        this.pendingMessages = new IntArrayList();
    }

    private KernelThread(KernelThread o) {
        super(CapType.THREAD, o.oid(), o.version(), o.chargedTo());
        this.asRoot = o.asRoot;
        this.activity = o.activity;
        this.activated = o.activated;
        this.currentBuffer = o.currentBuffer;
        this.currentId = o.currentId;
        this.currentPayload = o.currentPayload;
        this.pending = new LongArrayList(o.pending.toArray());
        this.pendingMessages = new IntArrayList(o.pendingMessages.toArray());
        this.activationCount = o.activationCount;
    }


    @Override
    KernelThread copy() {
        return new KernelThread(this);
    }

    public Capability asRoot() {
        return asRoot;
    }

    public Capability activity() {
        return activity;
    }

    /** True while the thread runs its activation handler (until it collects). */
    public boolean activated() {
        return activated;
    }

    /** The activation being handled, or null. */
    public Activation current() {
        return activated ? new Activation(currentBuffer, currentId, currentPayload) : null;
    }

    /** Buffers whose activation waits for the thread to collect, oldest first, as (oid << 32 | version). */
    public ImmutableLongList pending() {
        return pending.toImmutable();
    }

    /** The oids of the pending buffers, oldest first. */
    public int[] pendingBuffers() {
        int[] r = new int[pending.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (int) (pending.get(i) >>> 32);
        }
        return r;
    }

    /** How many activations the thread has entered. */
    public int activationCount() {
        return activationCount;
    }

    void setAsRoot(Capability c) {
        asRoot = c;
    }

    void setActivity(Capability c) {
        activity = c;
    }

    void activate(int buffer, long id, long protectedPayload) {
        activated = true;
        currentBuffer = buffer;
        currentId = id;
        currentPayload = protectedPayload;
        activationCount++;
    }

    void deactivate() {
        activated = false;
        currentBuffer = NO_OID;
        currentId = 0;
        currentPayload = 0;
    }

    /** Queues a pending activation by {@code buffer} (at {@code version}) for message {@code msg}. */
    void addPending(int buffer, int version, int msg) {
        pending.add(((long) buffer << 32) | (version & 0xffffffffL));
        pendingMessages.add(msg);
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** The oldest pending entry as (oid << 32 | version); {@link #nextPendingMessage()} is its message. */
    long nextPending() {
        return pending.get(0);
    }

    int nextPendingMessage() {
        return pendingMessages.get(0);
    }

    void dropNextPending() {
        pending.removeAtIndex(0);
        pendingMessages.removeAtIndex(0);
    }
}
