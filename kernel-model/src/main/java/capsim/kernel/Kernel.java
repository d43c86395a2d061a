package capsim.kernel;

import capsim.kernel.variant.FrameTransfer;
import capsim.kernel.variant.QueueModel;
import capsim.kernel.variant.SourceRevocation;
import capsim.kernel.variant.Variant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;

/**
 * The simulated kernel: an object heap, a variant, a trace.
 *
 * <p>Every public operation is invoked by a thread (its oid) through
 * capability addresses resolved in that thread's address space. Each one first
 * checks everything it needs (throwing a {@link KernelException} and changing
 * nothing), then commits. A kernel step is one operation call or one
 * {@link #resume()}; the work it did is {@link #lastStepWork()}.
 */
public final class Kernel {
    /** Default bound B on kernel work between preemption points. */
    public static final int DEFAULT_WORK_BOUND = 64;
    /** The smallest bound allowed: the largest indivisible unit of work (finishing a transfer: clearing a page, two activations) must fit. */
    public static final int MIN_WORK_BOUND = 24;
    /** Bytes copied (or cleared) per unit of work. */
    public static final int BYTES_PER_UNIT = 256;

    private final Variant variant;
    private final int workBound;
    private final ObjectHeap heap;
    private final Trace trace;
    private final int rootActivity;
    /** Unfinished transfers and destructions, in the order {@link #resume()} continues them. */
    private final ArrayDeque<Work> inProgress;
    /** Roots of preempted destructions: nothing may be allocated under them, nor an activity freed. */
    private final IntHashSet dying;
    private int nextMessage;
    private int stepWork;
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

    // ------------------------------------------------------------------ capability slots

    /** The capability at {@code addr} as the thread sees it: void if stale, weakened through a read-only path. */
    public Capability readCap(int thread, int addr) {
        beginStep();
        KernelThread t = invoker(thread);
        Capability c = fetch(t.asRoot(), addr);
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
        KernelThread t = invoker(thread);
        Capability c = fetch(t.asRoot(), src);
        if (payload != null && !c.isVoid() && !c.rights().write()) {
            throw new KernelException(KernelError.READ_ONLY,
                    "setting a protected payload needs a strong capability; " + CapAddress.format(src) + " is weak");
        }
        long slot = writableSlot(t.asRoot(), dst);
        Capability out = c.narrow(mask == null ? Rights.FULL : mask);
        if (payload != null && !out.isVoid()) {
            out = out.withPayload(payload);
        }
        storeAt(slot, out);
        trace.add(new Event.SlotWritten(thread, pageOf(slot), slotOf(slot), out));
        endStep(1);
    }

    // ------------------------------------------------------------------ allocation

    /** Allocates an object of {@code type} (not an activity) from the activity at {@code activityAddr}; returns its oid. */
    public int allocate(int thread, int activityAddr, CapType type, int dst) {
        if (type == CapType.ACTIVITY) {
            return createActivity(thread, activityAddr, 0, dst);
        }
        if (type == CapType.VOID || type == null) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "cannot allocate an object of type void");
        }
        if (type == CapType.MESSAGE_QUEUE && variant.queues() != QueueModel.FIRST_CLASS) {
            throw new KernelException(KernelError.NOT_SUPPORTED, variant.name() + " has no first-class queues");
        }
        beginStep();
        KernelThread t = invoker(thread);
        Activity a = strongActivity(t, activityAddr);
        long slot = writableSlot(t.asRoot(), dst);
        requireQuota(a);
        KernelObject o = create(type, a);
        Capability c = o.capability();
        storeAt(slot, c);
        trace.add(new Event.SlotWritten(thread, pageOf(slot), slotOf(slot), c));
        endStep(1);
        return o.oid();
    }

    /** Creates a child activity of the activity at {@code parentAddr}, charged to it; returns its oid. */
    public int createActivity(int thread, int parentAddr, long quota, int dst) {
        if (quota < 0) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "quota must be >= 0, not " + quota);
        }
        beginStep();
        KernelThread t = invoker(thread);
        Activity parent = strongActivity(t, parentAddr);
        long slot = writableSlot(t.asRoot(), dst);
        requireQuota(parent);
        Activity a = createActivityObject(parent, quota);
        Capability c = a.capability();
        storeAt(slot, c);
        trace.add(new Event.SlotWritten(thread, pageOf(slot), slotOf(slot), c));
        endStep(1);
        return a.oid();
    }

    /** Sets the quota of the activity at {@code activityAddr} (0: no limit of its own). */
    public void setQuota(int thread, int activityAddr, long quota) {
        if (quota < 0) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "quota must be >= 0, not " + quota);
        }
        beginStep();
        KernelThread t = invoker(thread);
        Activity a = strongActivity(t, activityAddr);
        a.setQuota(quota);
        trace.add(new Event.QuotaSet(a.oid(), quota));
        endStep(1);
    }

    /**
     * Frees the object the strong capability at {@code addr} designates. Freeing bumps its version, so every
     * capability to it reads as void. An activity is destroyed with everything allocated from it and its
     * descendants. Senders waiting on a freed target are told EFAULT.
     */
    public void free(int thread, int addr) {
        beginStep();
        KernelThread t = invoker(thread);
        Capability c = fetch(t.asRoot(), addr);
        KernelObject o = requireLive(c, addr);
        if (!c.rights().write()) {
            throw new KernelException(KernelError.READ_ONLY, "freeing needs a strong capability; " + CapAddress.format(addr) + " is weak");
        }
        if (o.oid() == rootActivity) {
            throw new KernelException(KernelError.PROTECTED, "the root activity cannot be destroyed");
        }
        requireNotInTransfer(o);
        if (o instanceof Activity a && dyingAbove(a)) {
            throw new KernelException(KernelError.BUSY, "activity#" + a.oid() + " is inside a destruction in progress");
        }
        if (variant.preemptibleDestruction()) {
            // Bounded like a transfer: stops at a preemption point and the scheduler resumes it.
            runDestruction(new Destruction(o.oid(), o instanceof Activity));
        } else {
            // The 2008 designs free everything in one step, however much it holds (a bounded-work finding).
            destroy(o);
        }
        endStep(0);
    }

    // ------------------------------------------------------------------ thread and buffer set-up

    /** Sets the address-space root and activity of the thread at {@code threadAddr} (void addresses clear them). */
    public void configureThread(int thread, int threadAddr, int asRootAddr, int activityAddr) {
        beginStep();
        KernelThread t = invoker(thread);
        Capability tc = fetch(t.asRoot(), threadAddr);
        KernelThread target = requireType(tc, threadAddr, KernelThread.class, CapType.THREAD);
        requireStrong(tc, threadAddr);
        Capability root = CapAddress.isNone(asRootAddr) ? Capability.VOID : fetch(t.asRoot(), asRootAddr);
        Capability act = CapAddress.isNone(activityAddr) ? Capability.VOID : fetch(t.asRoot(), activityAddr);
        requireVoidOr(root, CapType.CAPPAGE, asRootAddr);
        requireVoidOr(act, CapType.ACTIVITY, activityAddr);
        target.setAsRoot(root);
        target.setActivity(act);
        trace.add(new Event.ThreadConfigured(target.oid(), root, act));
        endStep(1);
    }

    /** Stores the capability at {@code src} in slot {@code slot} of the buffer at {@code bufAddr}. */
    public void setBufferSlot(int thread, int bufAddr, BufferSlot slot, int src) {
        beginStep();
        KernelThread t = invoker(thread);
        MessageBuffer b = strongBuffer(t, bufAddr);
        requireNotInTransfer(b);
        Capability c = fetch(t.asRoot(), src);
        requireVoidOr(c, slot.holds(), src);
        b.setSlot(slot, c);
        trace.add(new Event.BufferSlotSet(thread, b.oid(), slot, c));
        endStep(1);
    }

    /** Copies slot {@code slot} of the buffer at {@code bufAddr} into the thread's slot at {@code dst}. */
    public void getBufferSlot(int thread, int bufAddr, BufferSlot slot, int dst) {
        beginStep();
        KernelThread t = invoker(thread);
        // A weak buffer capability is the right to send to the buffer, not to inspect it.
        MessageBuffer b = strongBuffer(t, bufAddr);
        long s = writableSlot(t.asRoot(), dst);
        Capability c = b.slot(slot);
        c = heap.lookup(c) == null ? Capability.VOID : c;
        storeAt(s, c);
        trace.add(new Event.SlotWritten(thread, pageOf(s), slotOf(s), c));
        endStep(1);
    }

    /** Sets the buffer's flags ({@link MessageBuffer#ACTIVATE_ON_SEND}, {@link MessageBuffer#ACTIVATE_ON_RECEIVE}) and id. */
    public void configureBuffer(int thread, int bufAddr, int flags, long id) {
        if ((flags & ~(MessageBuffer.ACTIVATE_ON_SEND | MessageBuffer.ACTIVATE_ON_RECEIVE)) != 0) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "unknown buffer flags " + flags);
        }
        beginStep();
        KernelThread t = invoker(thread);
        MessageBuffer b = strongBuffer(t, bufAddr);
        b.setFlags(flags);
        b.setId(id);
        trace.add(new Event.BufferConfigured(b.oid(), flags, id));
        endStep(1);
    }

    /**
     * Writes a message (capability addresses and bytes) into the buffer's payload frame. A buffer with no
     * live frame first gets a fresh one charged to the invoking thread's activity ("the next access of the
     * source buffer will allocate a fresh frame", seed 001).
     */
    public void writeMessage(int thread, int bufAddr, int[] capAddresses, byte[] bytes) {
        requireFits(capAddresses, bytes);
        beginStep();
        KernelThread t = invoker(thread);
        MessageBuffer b = strongBuffer(t, bufAddr);
        requireNotInTransfer(b);
        Frame f = heap.lookup(b.payload()) instanceof Frame fr ? fr : null;
        if (f == null) {
            Activity a = threadActivity(t);
            requireQuota(a);
            f = (Frame) create(CapType.FRAME, a);
            b.setSlot(BufferSlot.PAYLOAD, f.capability());
        }
        f.write(capAddresses, bytes);
        trace.add(new Event.MessageWritten(b.oid(), f.oid(), capAddresses.length, bytes.length));
        endStep(1 + bytes.length / BYTES_PER_UNIT);
    }

    /** Writes a message page directly through a strong frame capability. */
    public void writeFrame(int thread, int frameAddr, int[] capAddresses, byte[] bytes) {
        requireFits(capAddresses, bytes);
        beginStep();
        KernelThread t = invoker(thread);
        Capability c = fetch(t.asRoot(), frameAddr);
        Frame f = requireType(c, frameAddr, Frame.class, CapType.FRAME);
        requireStrong(c, frameAddr);
        f.write(capAddresses, bytes);
        trace.add(new Event.MessageWritten(KernelObject.NO_OID, f.oid(), capAddresses.length, bytes.length));
        endStep(1 + bytes.length / BYTES_PER_UNIT);
    }

    /** Reads the message page of the frame at {@code frameAddr} (an observation: changes nothing). */
    public MessagePage readFrame(int thread, int frameAddr) {
        beginStep();
        KernelThread t = invoker(thread);
        Capability c = fetch(t.asRoot(), frameAddr);
        Frame f = requireType(c, frameAddr, Frame.class, CapType.FRAME);
        endStep(1);
        return new MessagePage(f.capAddresses(), f.data());
    }

    // ------------------------------------------------------------------ IPC

    /**
     * Sends the message in the buffer at {@code srcAddr} to the target at {@code targetAddr}: a message
     * buffer, or a queue where the variant has first-class queues. If the target cannot take it now, a
     * blocking send enqueues the buffer (nothing is copied at enqueue time) and a non-blocking one fails
     * with EWOULDBLOCK.
     */
    public Outcome send(int thread, int srcAddr, int targetAddr, boolean blocking) {
        beginStep();
        KernelThread t = invoker(thread);
        PreparedSend p = prepareSend(t, srcAddr, targetAddr, blocking);
        requirePages(p.frameActivity, p.receiverFrameActivity);
        Outcome o = commitSend(thread, t, p);
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
        KernelThread t = invoker(thread);
        PreparedReceive r = prepareReceive(t, bufAddr, queueAddr, blocking);
        requirePages(r.frameActivity);
        Outcome o = commitReceive(r);
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
        KernelThread t = invoker(thread);
        PreparedReceive r = prepareReceive(t, replyBufAddr, replyQueueAddr, true);
        if (r.queue == null && !r.buffer.sendersMutable().isEmpty()) {
            throw new KernelException(KernelError.BUSY, "the reply buffer already has waiting senders");
        }
        if (r.queue != null && !r.queue.sendersMutable().isEmpty()) {
            throw new KernelException(KernelError.BUSY, "the reply queue already has waiting senders");
        }
        PreparedSend p = prepareSend(t, requestAddr, targetAddr, true);
        if (p.source == r.buffer || p.target == r.buffer) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "the reply buffer must differ from the request and the target");
        }
        // Up to three fresh pages (reply, request, the target's): all of them or none, under every ancestor.
        requirePages(r.frameActivity, p.frameActivity, p.receiverFrameActivity);
        KernelObject replyTarget = r.queue != null ? r.queue : r.buffer;
        Frame req = heap.lookup(p.source.payload()) instanceof Frame f ? f : null;
        Capability cap0 = req != null && req.capCount() > 0 ? fetchOrVoid(p.source.asRoot(), req.capAddress(0)) : Capability.VOID;
        if (heap.lookup(cap0) != replyTarget) {
            throw new KernelException(KernelError.BAD_ARGUMENT,
                    "an RPC request's capability 0 must name its reply target " + replyTarget);
        }
        MessageBuffer reply = r.buffer;
        reply.setFlags(reply.flags() | MessageBuffer.ACTIVATE_ON_RECEIVE);
        trace.add(new Event.BufferConfigured(reply.oid(), reply.flags(), reply.id()));
        commitReceive(r);
        Outcome o = commitSend(thread, t, p);
        endStep(0);
        return o;
    }

    /** The thread leaves activated mode; the oldest pending buffer, if any, activates it again. */
    public void collect(int thread) {
        beginStep();
        KernelThread t = invoker(thread);
        if (!t.activated()) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "thread#" + thread + " is not in activated mode");
        }
        t.deactivate();
        trace.add(new Event.Collected(thread));
        while (t.hasPending()) {
            long e = t.nextPending();
            int msg = t.nextPendingMessage();
            t.dropNextPending();
            int oid = (int) (e >>> 32);
            KernelObject o = heap.get(oid);
            if (o instanceof MessageBuffer b && b.version() == (int) e) {
                t.activate(b.oid(), b.id(), b.protectedPayload());
                trace.add(new Event.Activated(0, thread, b.oid(), b.id(), b.protectedPayload()));
                break;
            }
            // The buffer that waited was freed (its oid may name a new object now): say which, and for what.
            stepWork++;
            trace.add(new Event.ActivationDropped(msg, oid, thread, Event.DropReason.BUFFER_FREED));
        }
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
                run(x);
            }
            case Destruction d -> {
                trace.add(new Event.DestructionResumed(d.root));
                stepWork++;
                runDestruction(d);
            }
        }
        endStep(0);
        return true;
    }

    // ------------------------------------------------------------------ send and receive, split into check and commit

    private record PreparedSend(MessageBuffer source, Capability targetCap, KernelObject target,
                                boolean deliverNow, MessageBuffer receiver, Activity frameActivity,
                                Activity receiverFrameActivity) {
    }

    private PreparedSend prepareSend(KernelThread t, int srcAddr, int targetAddr, boolean blocking) {
        MessageBuffer s = strongBuffer(t, srcAddr);
        Capability tc = fetch(t.asRoot(), targetAddr);
        KernelObject target = requireLive(tc, targetAddr);
        if (s.waitingOn() != KernelObject.NO_OID || s.inTransfer()) {
            throw new KernelException(KernelError.BUSY, "buffer#" + s.oid() + " is already queued or in transfer");
        }
        boolean deliverNow;
        MessageBuffer receiver = null;
        if (variant.queues() == QueueModel.TARGET_BUFFERS) {
            if (!(target instanceof MessageBuffer tb)) {
                throw new KernelException(KernelError.WRONG_TYPE,
                        CapAddress.format(targetAddr) + " designates a " + target.type().word() + ", not a buffer");
            }
            if (tb == s) {
                throw new KernelException(KernelError.BAD_ARGUMENT, "a buffer cannot send to itself");
            }
            deliverNow = !tb.blocked() && !tb.inTransfer();
            receiver = tb;
        } else {
            if (!(target instanceof MessageQueue q)) {
                throw new KernelException(KernelError.WRONG_TYPE,
                        CapAddress.format(targetAddr) + " designates a " + target.type().word() + ", not a queue");
            }
            deliverNow = !q.receiversMutable().isEmpty();
            if (deliverNow) {
                receiver = (MessageBuffer) heap.get(q.receiversMutable().get(0));
            }
        }
        if (!deliverNow && !blocking) {
            // server.c: a non-blocking send that cannot deliver now answers ETIMEDOUT.
            throw new KernelException(KernelError.ETIMEDOUT, "the target cannot take a message now");
        }
        Activity frameActivity = null;
        if (!(heap.lookup(s.payload()) instanceof Frame)) {
            frameActivity = threadActivity(t);
        }
        // A target that never readied a page still gets the message: a fresh page, charged to the
        // activity the target buffer itself was allocated from. The caller checks the quotas of all pages at once.
        Activity receiverFrameActivity = null;
        if (deliverNow && !(heap.lookup(receiver.payload()) instanceof Frame)) {
            receiverFrameActivity = (Activity) heap.get(receiver.chargedTo());
        }
        return new PreparedSend(s, tc, target, deliverNow, receiver, frameActivity, receiverFrameActivity);
    }

    private Outcome commitSend(int thread, KernelThread t, PreparedSend p) {
        MessageBuffer s = p.source;
        if (p.frameActivity != null) {
            Frame f = (Frame) create(CapType.FRAME, p.frameActivity);
            s.setSlot(BufferSlot.PAYLOAD, f.capability());
        }
        int msg = nextMessage++;
        s.setInFlightMessage(msg);
        s.setLastError(null);
        s.setProtectedPayload(p.targetCap.payload());
        trace.add(new Event.Sent(msg, thread, s.oid(), p.target.oid(), p.targetCap.payload()));
        stepWork++;
        if (!p.deliverNow) {
            s.setWaitingOn(p.target.oid());
            if (p.target instanceof MessageQueue q) {
                q.sendersMutable().add(s.oid());
            } else {
                ((MessageBuffer) p.target).sendersMutable().add(s.oid());
            }
            trace.add(new Event.Enqueued(msg, s.oid(), p.target.oid()));
            return Outcome.ENQUEUED;
        }
        if (p.target instanceof MessageQueue q) {
            q.receiversMutable().removeAtIndex(0);
            p.receiver.setWaitingOn(KernelObject.NO_OID);
        }
        if (p.receiverFrameActivity != null) {
            p.receiver.setSlot(BufferSlot.PAYLOAD, create(CapType.FRAME, p.receiverFrameActivity).capability());
        }
        return startTransfer(msg, s, p.receiver);
    }

    private record PreparedReceive(MessageBuffer buffer, MessageQueue queue, Activity frameActivity) {
    }

    /** A receiving buffer with no live frame gets a fresh one, charged to the receiving thread's activity. */
    private Activity receiveFrameActivity(KernelThread t, MessageBuffer b) {
        if (heap.lookup(b.payload()) instanceof Frame) {
            return null;
        }
        return threadActivity(t);
    }

    private PreparedReceive prepareReceive(KernelThread t, int bufAddr, int queueAddr, boolean blocking) {
        MessageBuffer b = strongBuffer(t, bufAddr);
        requireNotInTransfer(b);
        if (variant.queues() == QueueModel.TARGET_BUFFERS) {
            if (!CapAddress.isNone(queueAddr)) {
                throw new KernelException(KernelError.NOT_SUPPORTED,
                        variant.name() + " has no first-class queues: receive unblocks the buffer itself");
            }
            if (!blocking && b.sendersMutable().isEmpty()) {
                // server.c: a non-blocking receive with nobody waiting answers EWOULDBLOCK; the buffer stays as it was.
                throw new KernelException(KernelError.EWOULDBLOCK, "no sender waits on buffer#" + b.oid());
            }
            return new PreparedReceive(b, null, receiveFrameActivity(t, b));
        }
        if (CapAddress.isNone(queueAddr)) {
            throw new KernelException(KernelError.BAD_ARGUMENT, variant.name() + " receives from a queue: name one");
        }
        Capability qc = fetch(t.asRoot(), queueAddr);
        MessageQueue q = requireType(qc, queueAddr, MessageQueue.class, CapType.MESSAGE_QUEUE);
        if (b.waitingOn() != KernelObject.NO_OID) {
            throw new KernelException(KernelError.BUSY, "buffer#" + b.oid() + " already waits on #" + b.waitingOn());
        }
        if (q.sendersMutable().isEmpty() && !blocking) {
            throw new KernelException(KernelError.EWOULDBLOCK, "no message waits on queue#" + q.oid());
        }
        return new PreparedReceive(b, q, receiveFrameActivity(t, b));
    }

    private Outcome commitReceive(PreparedReceive r) {
        MessageBuffer b = r.buffer;
        stepWork++;
        if (r.frameActivity != null) {
            b.setSlot(BufferSlot.PAYLOAD, create(CapType.FRAME, r.frameActivity).capability());
        }
        if (r.queue == null) {
            b.setBlocked(false);
            trace.add(new Event.BlockChanged(b.oid(), false));
            if (b.sendersMutable().isEmpty()) {
                return Outcome.UNBLOCKED;
            }
            MessageBuffer s = (MessageBuffer) heap.get(b.sendersMutable().removeAtIndex(0));
            s.setWaitingOn(KernelObject.NO_OID);
            return startTransfer(s.inFlightMessage(), s, b);
        }
        MessageQueue q = r.queue;
        if (q.sendersMutable().isEmpty()) {
            b.setWaitingOn(q.oid());
            q.receiversMutable().add(b.oid());
            trace.add(new Event.ReceiverWaiting(b.oid(), q.oid()));
            return Outcome.WAITING;
        }
        MessageBuffer s = (MessageBuffer) heap.get(q.sendersMutable().removeAtIndex(0));
        s.setWaitingOn(KernelObject.NO_OID);
        return startTransfer(s.inFlightMessage(), s, b);
    }

    // ------------------------------------------------------------------ the transfer

    private Outcome startTransfer(int msg, MessageBuffer s, MessageBuffer tb) {
        if (variant.queues() == QueueModel.TARGET_BUFFERS) {
            tb.setBlocked(true);
        }
        Frame sf = heap.lookup(s.payload()) instanceof Frame f1 ? f1 : null;
        Frame tf = heap.lookup(tb.payload()) instanceof Frame f2 ? f2 : null;
        // With no source frame, or one frame shared by both buffers, there is nothing to move: copy instead.
        FrameTransfer mode = sf == null || sf == tf ? FrameTransfer.COPY_BYTES : variant.frameTransfer();
        int tCount = tf == null ? 0 : tf.capCount();
        int n = Math.min(sf == null ? 0 : sf.capCount(), tCount);
        Transfer x = new Transfer(msg, s.oid(), tb.oid(), n, mode,
                sf == null ? Capability.VOID : sf.capability(),
                tf == null ? Capability.VOID : tf.capability(), tCount, sf == null ? 0 : sf.capCount());
        tb.setProtectedPayload(s.protectedPayload());
        trace.add(new Event.TransferStarted(msg, s.oid(), tb.oid(), n));
        stepWork++;
        if (mode != FrameTransfer.COPY_BYTES) {
            SourceRevocation rev = variant.sourceRevocation();
            if (rev == SourceRevocation.REIDENTIFY) {
                heap.bumpVersion(sf);
                x.sourceFrame = sf.capability();
                trace.add(new Event.Reidentified(sf.oid(), CapType.FRAME, sf.version()));
            }
            if (rev != SourceRevocation.NONE) {
                s.setSlot(BufferSlot.PAYLOAD, Capability.VOID);
                trace.add(new Event.FrameDetached(msg, s.oid(), sf.oid()));
            }
            stepWork++;
        }
        return run(x) ? Outcome.DELIVERED : Outcome.IN_PROGRESS;
    }

    /** Runs the transfer until it finishes (true) or reaches a preemption point (false). */
    private boolean run(Transfer x) {
        MessageBuffer s = (MessageBuffer) heap.get(x.source);
        MessageBuffer tb = (MessageBuffer) heap.get(x.target);
        Frame sf = heap.lookup(x.sourceFrame) instanceof Frame f1 ? f1 : null;
        Frame tf = heap.lookup(x.targetFrame) instanceof Frame f2 ? f2 : null;
        boolean handoff = x.mode != FrameTransfer.COPY_BYTES;
        while (true) {
            switch (x.phase) {
                case CAPS -> {
                    while (x.index < x.caps) {
                        int cost = handoff ? 2 : 1;
                        if (mustPreempt(cost)) {
                            return preempt(x, s, tb);
                        }
                        copyOneCap(x, s, tb, sf, tf, handoff);
                        stepWork += cost;
                        x.index++;
                    }
                    x.phase = Transfer.Phase.REST;
                    if (handoff && sf != null) {
                        sf.setCapCount(Math.max(x.mode == FrameTransfer.EXCHANGE_CLEARED ? 0 : sf.capCount(), x.targetCapCount));
                    }
                }
                case REST -> {
                    Frame holder = handoff ? sf : tf;
                    while (x.index < x.targetCapCount) {
                        if (mustPreempt(1)) {
                            return preempt(x, s, tb);
                        }
                        if (holder != null && x.index < holder.capCount()) {
                            holder.setCapAddress(x.index, CapAddress.NONE);
                        }
                        stepWork++;
                        x.index++;
                    }
                    if (handoff && sf != null) {
                        if (x.mode == FrameTransfer.EXCHANGE_CLEARED) {
                            sf.setCapCount(x.targetCapCount);
                        }
                        trace.add(new Event.AddressesWritten(x.msg, sf.oid(), x.caps, Math.max(0, x.targetCapCount - x.caps)));
                    }
                    if (!handoff && tf != null && variant.deliversSourceCapCount()) {
                        // messenger.c: the delivered cap_count becomes the source's; positions past the
                        // target's own addresses read void.
                        stepWork += Math.max(0, x.sourceCapCount - tf.capCount());
                        tf.setCapCount(x.sourceCapCount);
                    }
                    x.phase = handoff ? Transfer.Phase.FINISH : Transfer.Phase.BYTES;
                    x.index = 0;
                }
                case BYTES -> {
                    int total = bytesToCopy(sf, tf);
                    while (x.index * BYTES_PER_UNIT < total) {
                        if (mustPreempt(1)) {
                            return preempt(x, s, tb);
                        }
                        x.index++;
                        stepWork++;
                    }
                    if (tf != null) {
                        if (sf != null) {
                            tf.copyDataFrom(sf, total);
                        } else {
                            tf.copyDataFrom(tf, 0);
                        }
                    }
                    trace.add(new Event.BytesCopied(x.msg, sf == null ? KernelObject.NO_OID : sf.oid(),
                            tf == null ? KernelObject.NO_OID : tf.oid(), total));
                    x.phase = Transfer.Phase.FINISH;
                    x.index = 0;
                }
                case FINISH -> {
                    // Everything the last unit does: the hand-off, clearing and freeing pages, the activations.
                    int activations = (tb.activateOnReceive() ? 1 : 0) + (s.activateOnSend() ? 1 : 0);
                    int frees = x.mode == FrameTransfer.HANDOFF_FREE_TARGET && sf != null && tf != null ? 1 : 0;
                    int cost = 2 + activations + frees
                            + (x.mode == FrameTransfer.EXCHANGE_CLEARED && tf != null ? clearCost(tf) : 0);
                    if (mustPreempt(cost)) {
                        return preempt(x, s, tb);
                    }
                    int start = stepWork;
                    finish(x, s, tb, sf, tf);
                    stepWork = start + cost;
                    return true;
                }
            }
        }
    }

    private void copyOneCap(Transfer x, MessageBuffer s, MessageBuffer tb, Frame sf, Frame tf, boolean handoff) {
        int i = x.index;
        int targetAddr = tf != null && i < tf.capCount() ? tf.capAddress(i) : CapAddress.NONE;
        long slot = locate(tb.asRoot(), targetAddr);
        if (slot >= 0 && (slot & WEAK_BIT) != 0) {
            slot = -1;
        }
        int sourceAddr = sf != null && i < sf.capCount() ? sf.capAddress(i) : CapAddress.NONE;
        Capability cap = fetchOrVoid(s.asRoot(), sourceAddr);
        if (slot >= 0) {
            storeAt(slot, cap);
            trace.add(new Event.CapTransferred(x.msg, i, cap, pageOf(slot), slotOf(slot)));
        } else {
            trace.add(new Event.CapTransferred(x.msg, i, cap, -1, -1));
        }
        int written = slot >= 0 ? targetAddr : CapAddress.NONE;
        if (handoff) {
            // The target's slot address goes into the frame the target will receive.
            if (sf != null && i < sf.capCount()) {
                sf.setCapAddress(i, written);
            }
        } else if (tf != null && slot < 0 && i < tf.capCount()) {
            tf.setCapAddress(i, CapAddress.NONE);
        }
    }

    private static int bytesToCopy(Frame sf, Frame tf) {
        if (sf == null || tf == null) {
            return 0;
        }
        int room = Frame.PAGE_SIZE - Frame.HEADER_SIZE - Frame.ADDRESS_SIZE * tf.capCount();
        return Math.max(0, Math.min(sf.dataCount(), room));
    }

    private static int clearCost(Frame f) {
        return 1 + (f.dataCount() + Frame.ADDRESS_SIZE * f.capCount()) / BYTES_PER_UNIT;
    }

    private void finish(Transfer x, MessageBuffer s, MessageBuffer tb, Frame sf, Frame tf) {
        if (x.mode == FrameTransfer.HANDOFF_FREE_TARGET && sf != null) {
            if (tf != null) {
                destroy(tf);
            }
            tb.setSlot(BufferSlot.PAYLOAD, sf.capability());
            trace.add(new Event.FrameHandedOff(x.msg, sf.oid(), s.oid(), tb.oid(), sf.chargedTo()));
        } else if (x.mode == FrameTransfer.EXCHANGE_CLEARED && sf != null) {
            if (tf != null) {
                tf.clear();
                trace.add(new Event.FrameCleared(tf.oid()));
                heap.bumpVersion(tf);
                trace.add(new Event.Reidentified(tf.oid(), CapType.FRAME, tf.version()));
                swapCharges(sf, tf);
            }
            tb.setSlot(BufferSlot.PAYLOAD, sf.capability());
            trace.add(new Event.FrameHandedOff(x.msg, sf.oid(), s.oid(), tb.oid(), sf.chargedTo()));
            if (tf != null) {
                s.setSlot(BufferSlot.PAYLOAD, tf.capability());
                trace.add(new Event.FrameHandedOff(x.msg, tf.oid(), tb.oid(), s.oid(), tf.chargedTo()));
            }
        }
        s.setInFlightMessage(0);
        s.setInTransfer(false);
        tb.setInTransfer(false);
        trace.add(new Event.Delivered(x.msg, s.oid(), tb.oid()));
        if (tb.activateOnReceive()) {
            activate(tb.thread(), tb, x.msg);
        }
        if (s.activateOnSend()) {
            activate(s.thread(), s, x.msg);
        }
    }

    private boolean mustPreempt(int cost) {
        return variant.preemptible() && stepWork + cost > workBound;
    }

    private boolean preempt(Transfer x, MessageBuffer s, MessageBuffer tb) {
        s.setInTransfer(true);
        tb.setInTransfer(true);
        inProgress.addLast(x);
        trace.add(new Event.Preempted(x.msg, stepWork));
        return false;
    }

    /** Swaps which activities two frames are charged to. Every activity's usage is unchanged. */
    private static void swapCharges(Frame a, Frame b) {
        int ca = a.chargedTo();
        a.setChargedTo(b.chargedTo());
        b.setChargedTo(ca);
    }

    // ------------------------------------------------------------------ activation

    private void activate(Capability threadCap, MessageBuffer b, int msg) {
        stepWork++;
        KernelThread th = heap.lookup(threadCap) instanceof KernelThread k ? k : null;
        if (th == null) {
            trace.add(new Event.ActivationDropped(msg, b.oid(), KernelObject.NO_OID, Event.DropReason.NO_THREAD));
        } else if (!th.activated()) {
            th.activate(b.oid(), b.id(), b.protectedPayload());
            trace.add(new Event.Activated(msg, th.oid(), b.oid(), b.id(), b.protectedPayload()));
        } else {
            th.addPending(b.oid(), b.version(), msg);
            trace.add(new Event.ActivationPending(msg, th.oid(), b.oid()));
        }
    }

    // ------------------------------------------------------------------ object life cycle

    KernelObject create(CapType type, Activity a) {
        int oid = heap.nextOid();
        int version = heap.currentVersion(oid);
        KernelObject o = switch (type) {
            case THREAD -> new KernelThread(oid, version, a.oid());
            case CAPPAGE -> new CapPage(oid, version, a.oid());
            case FRAME -> new Frame(oid, version, a.oid());
            case MESSAGE_BUFFER -> new MessageBuffer(oid, version, a.oid());
            case MESSAGE_QUEUE -> new MessageQueue(oid, version, a.oid());
            case ACTIVITY -> new Activity(oid, version, a.oid(), a.oid(), 0);
            case VOID -> throw new IllegalArgumentException("void");
        };
        heap.put(o);
        charge(a, o);
        trace.add(new Event.Allocated(oid, type, a.oid()));
        return o;
    }

    Activity createActivityObject(Activity parent, long quota) {
        Activity a = (Activity) create(CapType.ACTIVITY, parent);
        a.setQuota(quota);
        parent.addChild(a.oid());
        return a;
    }

    private void charge(Activity a, KernelObject o) {
        for (Activity x = a; x != null; x = parentOf(x)) {
            x.addUsage(1);
        }
    }

    private Activity parentOf(Activity a) {
        return a.parent() == KernelObject.NO_OID ? null : (Activity) heap.get(a.parent());
    }

    /** Throws ENOMEM unless one more object can be charged to {@code a} and every ancestor. */
    void requireQuota(Activity a) {
        requireNotDying(a);
        for (Activity x = a; x != null; x = parentOf(x)) {
            if (x.atQuota()) {
                throw new KernelException(KernelError.ENOMEM, "activity#" + x.oid() + " is at its quota of " + x.quota()
                        + (x == a ? "" : " (an ancestor of activity#" + a.oid() + ")"));
            }
        }
    }

    /**
     * Throws ENOMEM unless one fresh page for each non-null payer can be charged at once: an activity that is
     * an ancestor of several payers must have room for all their pages together (a step is all-or-nothing).
     */
    private void requirePages(Activity... payers) {
        int n = 0;
        for (Activity p : payers) {
            if (p != null) {
                n++;
            }
        }
        if (n == 0) {
            return;
        }
        if (n == 1 || !variant.chargesStepAtomically()) {
            for (Activity p : payers) {
                if (p != null) {
                    requireQuota(p);
                }
            }
            return;
        }
        java.util.Map<Integer, Integer> need = new java.util.LinkedHashMap<>();
        for (Activity p : payers) {
            if (p == null) {
                continue;
            }
            requireNotDying(p);
            for (Activity x = p; x != null; x = parentOf(x)) {
                need.merge(x.oid(), 1, Integer::sum);
            }
        }
        for (var e : need.entrySet()) {
            Activity x = (Activity) heap.get(e.getKey());
            if (x.quota() > 0 && x.usage() + e.getValue() > x.quota()) {
                throw new KernelException(KernelError.ENOMEM, "activity#" + x.oid() + " cannot pay for " + e.getValue()
                        + " more pages (usage " + x.usage() + ", quota " + x.quota() + ")");
            }
        }
    }

    /** True when {@code a} or an ancestor is the root of a destruction in progress. */
    private boolean dyingAbove(Activity a) {
        if (dying.isEmpty()) {
            return false;
        }
        for (Activity x = a; x != null; x = parentOf(x)) {
            if (dying.contains(x.oid())) {
                return true;
            }
        }
        return false;
    }

    private void requireNotDying(Activity a) {
        if (dyingAbove(a)) {
            throw new KernelException(KernelError.BUSY, "activity#" + a.oid() + " is being destroyed: nothing more is charged to it");
        }
    }

    /**
     * Frees {@code o}; the caller has checked it may. An activity goes with everything charged to it or to
     * a descendant: first the other objects (in oid order), then the activities, deepest first. The objects
     * are found by one scan of the heap: destruction is rare, while exchanges move charges on every transfer.
     */
    void destroy(KernelObject o) {
        if (!(o instanceof Activity a)) {
            destroyOne(o);
            return;
        }
        List<Activity> postOrder = new ArrayList<>();
        collectSubtree(a, postOrder);
        IntHashSet subtree =
                new IntHashSet();
        for (Activity x : postOrder) {
            subtree.add(x.oid());
        }
        for (int oid = 0; oid < heap.highWater(); oid++) {
            KernelObject x = heap.get(oid);
            if (x != null && !(x instanceof Activity) && subtree.contains(x.chargedTo())) {
                destroyOne(x);
            }
        }
        for (Activity x : postOrder) {
            Activity parent = parentOf(x);
            if (parent != null) {
                parent.removeChild(x.oid());
            }
            destroyOne(x);
        }
    }

    /** The activities of {@code a}'s subtree, children before parents. */
    private void collectSubtree(Activity a, List<Activity> out) {
        for (int c : a.children().toArray()) {
            if (heap.get(c) instanceof Activity child) {
                collectSubtree(child, out);
            }
        }
        out.add(a);
    }

    private void destroyOne(KernelObject o) {
        stepWork++;
        switch (o) {
            case MessageBuffer b -> tearDownBuffer(b);
            case MessageQueue q -> tearDownQueue(q);
            default -> {
                // Threads take their pending activations with them; frames, pages and activities hold no waiters.
            }
        }
        for (Activity x = (Activity) heap.get(o.chargedTo()); x != null; x = parentOf(x)) {
            x.addUsage(-1);
        }
        heap.remove(o.oid());
        trace.add(new Event.Freed(o.oid(), o.type(), o.chargedTo()));
    }

    private void tearDownBuffer(MessageBuffer b) {
        if (b.waitingOn() != KernelObject.NO_OID) {
            KernelObject on = heap.get(b.waitingOn());
            if (on instanceof MessageQueue q) {
                q.sendersMutable().remove(b.oid());
                q.receiversMutable().remove(b.oid());
            } else if (on instanceof MessageBuffer t) {
                t.sendersMutable().remove(b.oid());
            }
            if (b.inFlightMessage() != 0) {
                trace.add(new Event.MessageWithdrawn(b.inFlightMessage(), b.oid()));
            }
        }
        failSenders(b.sendersMutable());
    }

    private void tearDownQueue(MessageQueue q) {
        failSenders(q.sendersMutable());
        MutableIntList receivers = q.receiversMutable();
        while (!receivers.isEmpty()) {
            failReceiver((MessageBuffer) heap.get(receivers.removeAtIndex(0)));
        }
    }

    /** Wakes every waiting sender with the EFAULT error message. */
    private void failSenders(MutableIntList senders) {
        while (!senders.isEmpty()) {
            failSender((MessageBuffer) heap.get(senders.removeAtIndex(0)));
        }
    }

    /**
     * The EFAULT error message to one waiting sender, as {@code rpc_error_reply} sends it: loaded
     * non-blockingly into the sender's buffer (dropped if that buffer is blocked, where the variant follows
     * the code), activating its thread only if the buffer asks to be activated on receive.
     */
    private void failSender(MessageBuffer s) {
        int msg = s.inFlightMessage();
        s.setWaitingOn(KernelObject.NO_OID);
        s.setInFlightMessage(0);
        stepWork++;
        if (s.blocked() && variant.dropsErrorToBlockedSender()) {
            trace.add(new Event.ErrorDropped(msg, s.oid(), KernelError.EFAULT));
            return;
        }
        s.setLastError(KernelError.EFAULT);
        trace.add(new Event.SenderFailed(msg, s.oid(), KernelError.EFAULT));
        if (variant.dropsErrorToBlockedSender() && variant.queues() == QueueModel.TARGET_BUFFERS) {
            // messenger_message_load delivers like any message: the messenger it loads into is blocked.
            s.setBlocked(true);
            trace.add(new Event.BlockChanged(s.oid(), true));
        }
        if (s.activateOnReceive()) {
            activate(s.thread(), s, msg);
        }
    }

    /** A receiver waiting on a destroyed queue is told EFAULT, activated only if it asks to be on receive. */
    private void failReceiver(MessageBuffer r) {
        r.setWaitingOn(KernelObject.NO_OID);
        r.setLastError(KernelError.EFAULT);
        stepWork++;
        trace.add(new Event.ReceiverFailed(r.oid(), KernelError.EFAULT));
        if (r.activateOnReceive()) {
            activate(r.thread(), r, 0);
        }
    }

    // ------------------------------------------------------------------ preemptible destruction

    /** Runs a destruction until it is done (true) or reaches a preemption point (false). */
    private boolean runDestruction(Destruction d) {
        if (!d.activity) {
            KernelObject o = heap.get(d.root);
            while (heap.get(d.root) == o) {
                if (!destructionUnit(d, o)) {
                    return false;
                }
            }
            return destructionDone(d);
        }
        while (d.phase == Destruction.Phase.OBJECTS) {
            while (d.cursor < heap.highWater()) {
                KernelObject o = heap.get(d.cursor);
                if (o != null && !(o instanceof Activity) && chargedUnder(o, d.root)) {
                    if (!destructionUnit(d, o)) {
                        return false;
                    }
                    if (heap.get(d.cursor) == o) {
                        continue;
                    }
                }
                d.cursor++;
            }
            if (d.freedThisPass) {
                // Another pass: an exchange may have moved a charge into the subtree behind the cursor.
                d.cursor = 0;
                d.freedThisPass = false;
            } else {
                List<Activity> postOrder = new ArrayList<>();
                collectSubtree((Activity) heap.get(d.root), postOrder);
                d.activities = postOrder.stream().mapToInt(KernelObject::oid).toArray();
                d.index = 0;
                d.phase = Destruction.Phase.ACTIVITIES;
            }
        }
        while (d.index < d.activities.length) {
            if (heap.get(d.activities[d.index]) instanceof Activity x) {
                if (mustPreemptDestruction(1)) {
                    return yieldDestruction(d);
                }
                Activity parent = parentOf(x);
                if (parent != null) {
                    parent.removeChild(x.oid());
                }
                destroyOne(x);
            }
            d.index++;
        }
        return destructionDone(d);
    }

    private boolean destructionDone(Destruction d) {
        dying.remove(d.root);
        return true;
    }

    /** One unit of destroying {@code o}: fail one of its waiters, or free it. False when preempted first. */
    private boolean destructionUnit(Destruction d, KernelObject o) {
        if (o instanceof MessageBuffer b && b.inTransfer()) {
            // Its transfer is queued ahead of us: let it finish first.
            return yieldDestruction(d);
        }
        MessageBuffer waiter = null;
        boolean receiver = false;
        if (o instanceof MessageBuffer b && !b.sendersMutable().isEmpty()) {
            waiter = (MessageBuffer) heap.get(b.sendersMutable().get(0));
        } else if (o instanceof MessageQueue q && !q.sendersMutable().isEmpty()) {
            waiter = (MessageBuffer) heap.get(q.sendersMutable().get(0));
        } else if (o instanceof MessageQueue q && !q.receiversMutable().isEmpty()) {
            waiter = (MessageBuffer) heap.get(q.receiversMutable().get(0));
            receiver = true;
        }
        if (mustPreemptDestruction(waiter != null ? 2 : 1)) {
            return yieldDestruction(d);
        }
        if (waiter == null) {
            destroyOne(o);
            d.freedThisPass = true;
        } else if (receiver) {
            ((MessageQueue) o).receiversMutable().removeAtIndex(0);
            failReceiver(waiter);
        } else {
            (o instanceof MessageQueue q ? q.sendersMutable() : ((MessageBuffer) o).sendersMutable()).removeAtIndex(0);
            failSender(waiter);
        }
        return true;
    }

    private boolean mustPreemptDestruction(int cost) {
        return variant.preemptibleDestruction() && stepWork + cost > workBound;
    }

    /**
     * Stops a destruction at a preemption point. The first time, its root is re-identified (every capability
     * to it reads void from now on) and marked dying, so nothing new is charged under it while it waits.
     */
    private boolean yieldDestruction(Destruction d) {
        if (!d.inert) {
            d.inert = true;
            KernelObject root = heap.get(d.root);
            heap.bumpVersion(root);
            trace.add(new Event.Reidentified(root.oid(), root.type(), root.version()));
            if (d.activity) {
                dying.add(d.root);
            }
        }
        inProgress.addLast(d);
        trace.add(new Event.DestructionPreempted(d.root, stepWork));
        return false;
    }

    /** True when {@code o} is charged to activity {@code root} or one of its descendants. */
    private boolean chargedUnder(KernelObject o, int root) {
        for (int a = o.chargedTo(); a != KernelObject.NO_OID; ) {
            if (a == root) {
                return true;
            }
            a = heap.get(a) instanceof Activity x ? x.parent() : KernelObject.NO_OID;
        }
        return false;
    }

    void requireNotInTransfer(KernelObject o) {
        if (o instanceof MessageBuffer b && b.inTransfer()) {
            throw new KernelException(KernelError.BUSY, "buffer#" + b.oid() + " is in an unfinished transfer");
        }
        if (o instanceof Activity a) {
            List<Activity> subtree = new ArrayList<>();
            collectSubtree(a, subtree);
            IntHashSet oids =
                    new IntHashSet();
            for (Activity x : subtree) {
                oids.add(x.oid());
            }
            for (int oid = 0; oid < heap.highWater(); oid++) {
                if (heap.get(oid) instanceof MessageBuffer b && b.inTransfer() && oids.contains(b.chargedTo())) {
                    throw new KernelException(KernelError.BUSY,
                            "buffer#" + b.oid() + " under activity#" + a.oid() + " is in an unfinished transfer");
                }
            }
        }
    }

    // ------------------------------------------------------------------ address resolution

    private static final long WEAK_BIT = 1L << 8;

    /**
     * Locates the slot {@code addr} names under {@code root}: (page oid << 9) | weak << 8 | slot, or -1 when
     * the path does not resolve. A path is weak when any capability on it (root included) lacks write.
     */
    private long locate(Capability root, int addr) {
        if (addr < 0 || !root.rights().read()) {
            return -1;
        }
        if (!(heap.lookup(root) instanceof CapPage page)) {
            return -1;
        }
        boolean weak = !root.rights().write();
        int depth = CapAddress.depth(addr);
        for (int level = 0; level < depth - 1; level++) {
            Capability c = page.slot(CapAddress.slot(addr, level));
            if (!c.rights().read() || !(heap.lookup(c) instanceof CapPage next)) {
                return -1;
            }
            weak |= !c.rights().write();
            page = next;
        }
        return ((long) page.oid() << 9) | (weak ? WEAK_BIT : 0) | CapAddress.slot(addr, depth - 1);
    }

    private static int pageOf(long slot) {
        return (int) (slot >>> 9);
    }

    private static int slotOf(long slot) {
        return (int) (slot & 0xff);
    }

    private void storeAt(long slot, Capability c) {
        ((CapPage) heap.get(pageOf(slot))).setSlot(slotOf(slot), c);
    }

    /** The capability at {@code addr}, void when stale or unresolvable, weakened through a weak path. */
    private Capability fetchOrVoid(Capability root, int addr) {
        long slot = locate(root, addr);
        return slot < 0 ? Capability.VOID : capabilityAt(slot);
    }

    /** Like {@link #fetchOrVoid} but an unresolvable address is an error (a stale capability still reads void). */
    private Capability fetch(Capability root, int addr) {
        return capabilityAt(resolvedSlot(root, addr));
    }

    /** The capability in a located slot as the path lets it be seen: void if stale, weak through a weak path. */
    private Capability capabilityAt(long slot) {
        Capability c = ((CapPage) heap.get(pageOf(slot))).slot(slotOf(slot));
        if (heap.lookup(c) == null) {
            return Capability.VOID;
        }
        return (slot & WEAK_BIT) != 0 ? c.weaken() : c;
    }

    private long resolvedSlot(Capability root, int addr) {
        long slot = locate(root, addr);
        if (slot < 0) {
            throw new KernelException(KernelError.INVALID_ADDRESS,
                    "address " + CapAddress.format(addr) + " does not resolve in the thread's address space");
        }
        return slot;
    }

    private long writableSlot(Capability root, int addr) {
        long slot = resolvedSlot(root, addr);
        if ((slot & WEAK_BIT) != 0) {
            throw new KernelException(KernelError.READ_ONLY,
                    "slot " + CapAddress.format(addr) + " is reached through a read-only path");
        }
        return slot;
    }

    // ------------------------------------------------------------------ argument checks

    private KernelThread invoker(int thread) {
        if (heap.get(thread) instanceof KernelThread t) {
            return t;
        }
        throw new KernelException(KernelError.NO_THREAD, "#" + thread + " is not a live thread");
    }

    private KernelObject requireLive(Capability c, int addr) {
        KernelObject o = heap.lookup(c);
        if (o == null) {
            throw new KernelException(KernelError.VOID_CAPABILITY, "the capability at " + CapAddress.format(addr) + " is void");
        }
        return o;
    }

    private <T extends KernelObject> T requireType(Capability c, int addr, Class<T> cls, CapType type) {
        KernelObject o = requireLive(c, addr);
        if (!cls.isInstance(o)) {
            throw new KernelException(KernelError.WRONG_TYPE,
                    CapAddress.format(addr) + " designates a " + o.type().word() + ", not a " + type.word());
        }
        return cls.cast(o);
    }

    private static void requireStrong(Capability c, int addr) {
        if (!c.rights().write()) {
            throw new KernelException(KernelError.READ_ONLY, "the capability at " + CapAddress.format(addr) + " is weak");
        }
    }

    private void requireVoidOr(Capability c, CapType type, int addr) {
        if (!c.isVoid() && c.type() != type) {
            throw new KernelException(KernelError.WRONG_TYPE,
                    CapAddress.format(addr) + " holds a " + c.type().word() + ", not a " + type.word());
        }
    }

    private MessageBuffer strongBuffer(KernelThread t, int addr) {
        Capability c = fetch(t.asRoot(), addr);
        MessageBuffer b = requireType(c, addr, MessageBuffer.class, CapType.MESSAGE_BUFFER);
        requireStrong(c, addr);
        return b;
    }

    private Activity strongActivity(KernelThread t, int addr) {
        Capability c = fetch(t.asRoot(), addr);
        Activity a = requireType(c, addr, Activity.class, CapType.ACTIVITY);
        requireStrong(c, addr);
        return a;
    }

    private Activity threadActivity(KernelThread t) {
        if (heap.lookup(t.activity()) instanceof Activity a) {
            return a;
        }
        throw new KernelException(KernelError.VOID_CAPABILITY, "thread#" + t.oid() + " has no live activity to pay for a frame");
    }

    private static void requireFits(int[] capAddresses, byte[] bytes) {
        if (capAddresses == null || bytes == null) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "a message needs an address array and a byte array");
        }
        if (!Frame.fits(capAddresses.length, bytes.length)) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "a message of " + capAddresses.length + " caps and "
                    + bytes.length + " bytes does not fit in a " + Frame.PAGE_SIZE + "-byte page");
        }
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
