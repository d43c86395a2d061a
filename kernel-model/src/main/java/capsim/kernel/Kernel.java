package capsim.kernel;

import capsim.kernel.variant.Variant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;

/**
 * The simulated kernel: an object heap, a variant, a trace.
 *
 * <p>Every public operation is invoked by a thread (its oid) through
 * capability addresses resolved in that thread's address space. Each one first
 * checks everything it needs (throwing a {@link KernelException} and changing
 * nothing), then commits. A kernel step is one operation call or one
 * {@link #resume()}; the work it did is {@link #lastStepWork()}.
 *
 * <p>This class is the thin front: the state, copying, step accounting and read-only views. Each rule
 * lives in the file named after its object or concern, as seL4's executable spec keeps one module per
 * object: {@link CapSpace} (address resolution, read/copy/mint), {@link Lifecycle} (allocation,
 * activities, freeing and tear-down), {@link Quotas} (who is charged), {@link Destruction} (preemptible
 * destruction), {@link Buffers} (buffer slots and message pages), {@link Ipc} (send, receive, RPC as
 * check-then-commit), {@link Waiting} (where messages wait: the variant's queue model), {@link Transfer}
 * (the transfer engine), {@link FrameMode} (one class per way of moving the frame), {@link Revocation}
 * and {@link Activations}. Those classes hold no state of their own: they reach it through this kernel,
 * so {@link #copy()} copies only what is here.
 */
public final class Kernel {
    /** Default bound B on kernel work between preemption points. */
    public static final int DEFAULT_WORK_BOUND = 64;
    /** The smallest bound allowed: the largest indivisible unit of work (finishing a transfer: clearing a page, two activations) must fit. */
    public static final int MIN_WORK_BOUND = 24;
    /** Bytes copied (or cleared) per unit of work. */
    public static final int BYTES_PER_UNIT = 256;

    // Package-private: the rule classes (Ipc, Transfer, Lifecycle, ...) work on this state directly.
    final Variant variant;
    private final int workBound;
    final ObjectHeap heap;
    final Trace trace;
    private final int rootActivity;
    /** Unfinished transfers and destructions, in the order {@link #resume()} continues them. */
    final ArrayDeque<Work> inProgress;
    /** Roots of preempted destructions: nothing may be allocated under them, nor an activity freed. */
    final IntHashSet dying;
    /** The variant's behaviour, asked once: where messages wait, and how a transfer moves frames. */
    final Waiting waiting;
    final FrameMode frameMode;
    /** The serial number the next send gets. */
    int nextMessage;
    /** Units of work the current step has done so far. */
    int stepWork;
    private int lastStepWork;
    private int maxStepWork;

    /** A kernel with the default work bound and an unlimited root activity. */
    public Kernel(Variant variant) {
        this(variant, DEFAULT_WORK_BOUND, 0);
    }

    /**
     * A fresh kernel holding only its root activity (oid 0).
     *
     * @param workBound B: units of kernel work a preemptible transfer does before a preemption point
     * @param rootQuota the root activity's quota (0: no limit)
     */
    public Kernel(Variant variant, int workBound, long rootQuota) {
        if (variant == null) {
            throw new IllegalArgumentException("a variant is required");
        }
        if (workBound < MIN_WORK_BOUND) {
            throw new IllegalArgumentException("work bound must be at least " + MIN_WORK_BOUND + ", not " + workBound);
        }
        if (rootQuota < 0) {
            throw new IllegalArgumentException("quota must be >= 0, not " + rootQuota);
        }
        this.variant = variant;
        this.workBound = workBound;
        this.heap = new ObjectHeap(64);
        this.trace = new Trace();
        this.inProgress = new ArrayDeque<>();
        this.dying = new IntHashSet();
        this.nextMessage = 1;
        this.waiting = requireBehaviour(variant.waiting(), "waiting", variant);
        this.frameMode = requireBehaviour(variant.frameMode(), "frameMode", variant);
        Activity root = new Activity(heap.nextOid(), 0, KernelObject.NO_OID, KernelObject.NO_OID, rootQuota);
        heap.put(root);
        this.rootActivity = root.oid();
        trace.add(new Event.Allocated(root.oid(), CapType.ACTIVITY, KernelObject.NO_OID));
    }

    private Kernel(Kernel o) {
        this.variant = o.variant;
        this.workBound = o.workBound;
        this.heap = o.heap.copy();
        this.trace = o.trace.copy();
        this.rootActivity = o.rootActivity;
        this.inProgress = new ArrayDeque<>();
        for (Work w : o.inProgress) {
            inProgress.add(w.copy());
        }
        this.dying = new IntHashSet(o.dying);
        this.nextMessage = o.nextMessage;
        this.stepWork = o.stepWork;
        this.lastStepWork = o.lastStepWork;
        this.maxStepWork = o.maxStepWork;
        this.waiting = o.waiting;
        this.frameMode = o.frameMode;
    }

    private static <T> T requireBehaviour(T b, String what, Variant v) {
        if (b == null) {
            throw new IllegalArgumentException("variant " + v.name() + " returned no " + what + "()");
        }
        return b;
    }

    /** A deep copy of the whole kernel state (heap, trace, unfinished transfers). */
    public Kernel copy() {
        return new Kernel(this);
    }

    // ------------------------------------------------------------------ read-only views

    public Variant variant() {
        return variant;
    }

    public int workBound() {
        return workBound;
    }

    public ObjectHeap heap() {
        return heap;
    }

    public Trace trace() {
        return trace;
    }

    public int rootActivity() {
        return rootActivity;
    }

    /** Units of work the last kernel step did. */
    public int lastStepWork() {
        return lastStepWork;
    }

    /** The most work any kernel step has done. */
    public int maxStepWork() {
        return maxStepWork;
    }

    /** Serial numbers of sends so far: messages 1 .. messagesSent() exist. */
    public int messagesSent() {
        return nextMessage - 1;
    }

    /** The unfinished transfers, in the order {@link #resume()} will continue them. */
    public List<TransferState> inProgress() {
        List<TransferState> r = new ArrayList<>(inProgress.size());
        for (Work w : inProgress) {
            if (w instanceof Transfer t) {
                r.add(t.view());
            }
        }
        return r;
    }

    /** The roots (oids) of the unfinished destructions, in the order {@link #resume()} will continue them. */
    public List<Integer> destructionsInProgress() {
        List<Integer> r = new ArrayList<>();
        for (Work w : inProgress) {
            if (w instanceof Destruction d) {
                r.add(d.root);
            }
        }
        return r;
    }

    /** Unfinished transfers and destructions: how many {@link #resume()} steps have something to continue. */
    public int unfinishedWork() {
        return inProgress.size();
    }

    /** True when {@code cap} designates a live object (is neither void nor stale). */
    public boolean designates(Capability cap) {
        return heap.lookup(cap) != null;
    }

    /** The boot interface that builds an initial object graph without invoking threads. */
    public Boot boot() {
        return new Boot(this);
    }

    // ------------------------------------------------------------------ capability slots (CapSpace)

    /** The capability at {@code addr} as the thread sees it: void if stale, weakened through a read-only path. */
    public Capability readCap(int thread, int addr) {
        beginStep();
        Capability c = CapSpace.readCap(this, thread, addr);
        endStep(1);
        return c;
    }

    /**
     * Copies the capability at {@code src} into the slot at {@code dst}, narrowed by {@code mask}. A void or
     * stale source stores void (that is how a slot is cleared).
     */
    public void copyCap(int thread, int src, int dst, Rights mask) {
        mintCap(thread, src, dst, mask, null);
    }

    /** Like {@link #copyCap} but sets the copy's protected payload (needs a strong source capability). */
    public void mintCap(int thread, int src, int dst, Rights mask, Long payload) {
        beginStep();
        CapSpace.mintCap(this, thread, src, dst, mask, payload);
        endStep(1);
    }

    // ------------------------------------------------------------------ allocation and freeing (Lifecycle)

    /** Allocates an object of {@code type} (not an activity) from the activity at {@code activityAddr}; returns its oid. */
    public int allocate(int thread, int activityAddr, CapType type, int dst) {
        if (type == CapType.ACTIVITY) {
            return createActivity(thread, activityAddr, 0, dst);
        }
        Lifecycle.requireAllocatable(this, type);
        beginStep();
        int oid = Lifecycle.allocate(this, thread, activityAddr, type, dst);
        endStep(1);
        return oid;
    }

    /** Creates a child activity of the activity at {@code parentAddr}, charged to it; returns its oid. */
    public int createActivity(int thread, int parentAddr, long quota, int dst) {
        Lifecycle.requireQuotaArgument(quota);
        beginStep();
        int oid = Lifecycle.createActivity(this, thread, parentAddr, quota, dst);
        endStep(1);
        return oid;
    }

    /** Sets the quota of the activity at {@code activityAddr} (0: no limit of its own). */
    public void setQuota(int thread, int activityAddr, long quota) {
        Lifecycle.requireQuotaArgument(quota);
        beginStep();
        Lifecycle.setQuota(this, thread, activityAddr, quota);
        endStep(1);
    }

    /**
     * Frees the object the strong capability at {@code addr} designates. Freeing bumps its version, so every
     * capability to it reads as void. An activity is destroyed with everything allocated from it and its
     * descendants. Senders waiting on a freed target are told EFAULT.
     */
    public void free(int thread, int addr) {
        beginStep();
        Lifecycle.free(this, thread, addr);
        endStep(0);
    }

    // ------------------------------------------------------------------ thread and buffer set-up (Lifecycle, Buffers)

    /** Sets the address-space root and activity of the thread at {@code threadAddr} (void addresses clear them). */
    public void configureThread(int thread, int threadAddr, int asRootAddr, int activityAddr) {
        beginStep();
        Lifecycle.configureThread(this, thread, threadAddr, asRootAddr, activityAddr);
        endStep(1);
    }

    /** Stores the capability at {@code src} in slot {@code slot} of the buffer at {@code bufAddr}. */
    public void setBufferSlot(int thread, int bufAddr, BufferSlot slot, int src) {
        beginStep();
        Buffers.setBufferSlot(this, thread, bufAddr, slot, src);
        endStep(1);
    }

    /** Copies slot {@code slot} of the buffer at {@code bufAddr} into the thread's slot at {@code dst}. */
    public void getBufferSlot(int thread, int bufAddr, BufferSlot slot, int dst) {
        beginStep();
        Buffers.getBufferSlot(this, thread, bufAddr, slot, dst);
        endStep(1);
    }

    /** Sets the buffer's flags ({@link MessageBuffer#ACTIVATE_ON_SEND}, {@link MessageBuffer#ACTIVATE_ON_RECEIVE}) and id. */
    public void configureBuffer(int thread, int bufAddr, int flags, long id) {
        Buffers.requireFlags(flags);
        beginStep();
        Buffers.configureBuffer(this, thread, bufAddr, flags, id);
        endStep(1);
    }

    /**
     * Writes a message (capability addresses and bytes) into the buffer's payload frame. A buffer with no
     * live frame first gets a fresh one charged to the invoking thread's activity ("the next access of the
     * source buffer will allocate a fresh frame", seed 001).
     */
    public void writeMessage(int thread, int bufAddr, int[] capAddresses, byte[] bytes) {
        Buffers.requireFits(capAddresses, bytes);
        beginStep();
        Buffers.writeMessage(this, thread, bufAddr, capAddresses, bytes);
        endStep(Buffers.writeWork(bytes));
    }

    /** Writes a message page directly through a strong frame capability. */
    public void writeFrame(int thread, int frameAddr, int[] capAddresses, byte[] bytes) {
        Buffers.requireFits(capAddresses, bytes);
        beginStep();
        Buffers.writeFrame(this, thread, frameAddr, capAddresses, bytes);
        endStep(Buffers.writeWork(bytes));
    }

    /** Reads the message page of the frame at {@code frameAddr} (an observation: changes nothing). */
    public MessagePage readFrame(int thread, int frameAddr) {
        beginStep();
        MessagePage p = Buffers.readFrame(this, thread, frameAddr);
        endStep(1);
        return p;
    }

    // ------------------------------------------------------------------ IPC (Ipc, Waiting, Transfer, Activations)

    /**
     * Sends the message in the buffer at {@code srcAddr} to the target at {@code targetAddr}: a message
     * buffer, or a queue where the variant has first-class queues. If the target cannot take it now, a
     * blocking send enqueues the buffer (nothing is copied at enqueue time) and a non-blocking one fails
     * with EWOULDBLOCK.
     */
    public Outcome send(int thread, int srcAddr, int targetAddr, boolean blocking) {
        beginStep();
        Outcome o = Ipc.send(this, thread, srcAddr, targetAddr, blocking);
        endStep(0);
        return o;
    }

    /**
     * Receives into the buffer at {@code bufAddr}. Without first-class queues ({@code queueAddr} none) this
     * unblocks the buffer and delivers the first waiting sender, one only. With queues it takes the first
     * sender waiting on the queue, or (blocking) waits there for one.
     */
    public Outcome receive(int thread, int bufAddr, int queueAddr, boolean blocking) {
        beginStep();
        Outcome o = Ipc.receive(this, thread, bufAddr, queueAddr, blocking);
        endStep(0);
        return o;
    }

    /**
     * RPC: one call that readies the reply buffer to receive with activation and sends the request, whose
     * capability address 0 must name the reply target (the reply buffer, or the reply queue). The sender
     * is activated when the reply arrives.
     */
    public Outcome rpc(int thread, int requestAddr, int targetAddr, int replyBufAddr, int replyQueueAddr) {
        beginStep();
        Outcome o = Ipc.rpc(this, thread, requestAddr, targetAddr, replyBufAddr, replyQueueAddr);
        endStep(0);
        return o;
    }

    /** The thread leaves activated mode; the oldest pending buffer, if any, activates it again. */
    public void collect(int thread) {
        beginStep();
        Activations.collect(this, thread);
        endStep(1);
    }

    /**
     * A kernel scheduling step: continues the oldest unfinished transfer up to its next preemption point.
     * Returns false (and does nothing) when no transfer is unfinished.
     */
    public boolean resume() {
        Work w = inProgress.pollFirst();
        if (w == null) {
            return false;
        }
        beginStep();
        switch (w) {
            case Transfer x -> {
                trace.add(new Event.Resumed(x.msg));
                stepWork++;
                x.run(this);
            }
            case Destruction d -> {
                trace.add(new Event.DestructionResumed(d.root));
                stepWork++;
                d.run(this);
            }
        }
        endStep(0);
        return true;
    }

    // ------------------------------------------------------------------ for Boot

    void requireQuota(Activity a) {
        Quotas.requireQuota(this, a);
    }

    KernelObject create(CapType type, Activity a) {
        return Lifecycle.create(this, type, a);
    }

    Activity createActivityObject(Activity parent, long quota) {
        return Lifecycle.createActivityObject(this, parent, quota);
    }

    void requireNotInTransfer(KernelObject o) {
        Lifecycle.requireNotInTransfer(this, o);
    }

    void destroy(KernelObject o) {
        Lifecycle.destroy(this, o);
    }

    // ------------------------------------------------------------------ step accounting

    private void beginStep() {
        stepWork = 0;
    }

    private void endStep(int extra) {
        stepWork += extra;
        lastStepWork = stepWork;
        if (stepWork > maxStepWork) {
            maxStepWork = stepWork;
        }
    }
}
