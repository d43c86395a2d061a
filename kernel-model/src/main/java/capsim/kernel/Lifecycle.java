package capsim.kernel;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.collections.api.list.primitive.MutableIntList;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;

/**
 * The life of an object: allocation from an activity, activities and their quotas, thread set-up, freeing
 * and tear-down (an activity goes with everything charged under it; whoever waits on a freed object is
 * told EFAULT). Freeing bumps the object's version, so every capability to it reads void, as Viengoos
 * revokes by bumping an object's version. Preemptible destruction is in {@link Destruction}.
 * Stateless: everything lives in the {@link Kernel} passed in.
 */
final class Lifecycle {
    private Lifecycle() {
    }

    // ------------------------------------------------------------------ allocation

    /** Throws unless an object of {@code type} may be allocated at all under this variant (checked before anything else). */
    static void requireAllocatable(Kernel k, CapType type) {
        if (type == CapType.VOID || type == null) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "cannot allocate an object of type void");
        }
        if (type == CapType.MESSAGE_QUEUE && !k.waiting.hasQueueObjects()) {
            throw new KernelException(KernelError.NOT_SUPPORTED, k.variant.name() + " has no first-class queues");
        }
    }

    /** Allocates an object of {@code type} (not an activity) from the activity at {@code activityAddr} into {@code dst}. */
    static int allocate(Kernel k, int thread, int activityAddr, CapType type, int dst) {
        KernelThread t = CapSpace.invoker(k, thread);
        Activity a = CapSpace.strongActivity(k, t, activityAddr);
        long slot = CapSpace.writableSlot(k, t.asRoot(), dst);
        Quotas.requireQuota(k, a);
        KernelObject o = create(k, type, a);
        CapSpace.storeResult(k, thread, slot, o.capability());
        return o.oid();
    }

    static void requireQuotaArgument(long quota) {
        if (quota < 0) {
            throw new KernelException(KernelError.BAD_ARGUMENT, "quota must be >= 0, not " + quota);
        }
    }

    /** Creates a child activity of the activity at {@code parentAddr}, charged to it, into {@code dst}. */
    static int createActivity(Kernel k, int thread, int parentAddr, long quota, int dst) {
        KernelThread t = CapSpace.invoker(k, thread);
        Activity parent = CapSpace.strongActivity(k, t, parentAddr);
        long slot = CapSpace.writableSlot(k, t.asRoot(), dst);
        Quotas.requireQuota(k, parent);
        Activity a = createActivityObject(k, parent, quota);
        CapSpace.storeResult(k, thread, slot, a.capability());
        return a.oid();
    }

    static void setQuota(Kernel k, int thread, int activityAddr, long quota) {
        KernelThread t = CapSpace.invoker(k, thread);
        Activity a = CapSpace.strongActivity(k, t, activityAddr);
        a.setQuota(quota);
        k.trace.add(new Event.QuotaSet(a.oid(), quota));
    }

    /** A fresh object charged to {@code a} (the caller checked the quota). */
    static KernelObject create(Kernel k, CapType type, Activity a) {
        int oid = k.heap.nextOid();
        int version = k.heap.currentVersion(oid);
        KernelObject o = switch (type) {
            case THREAD -> new KernelThread(oid, version, a.oid());
            case CAPPAGE -> new CapPage(oid, version, a.oid());
            case FRAME -> new Frame(oid, version, a.oid());
            case MESSAGE_BUFFER -> new MessageBuffer(oid, version, a.oid());
            case MESSAGE_QUEUE -> new MessageQueue(oid, version, a.oid());
            case ACTIVITY -> new Activity(oid, version, a.oid(), a.oid(), 0);
            case VOID -> throw new IllegalArgumentException("void");
        };
        k.heap.put(o);
        Quotas.charge(k, a);
        k.trace.add(new Event.Allocated(oid, type, a.oid()));
        return o;
    }

    /** A fresh frame charged to {@code a}, as a capability (for a buffer's payload slot). */
    static Capability createFrame(Kernel k, Activity a) {
        return create(k, CapType.FRAME, a).capability();
    }

    static Activity createActivityObject(Kernel k, Activity parent, long quota) {
        Activity a = (Activity) create(k, CapType.ACTIVITY, parent);
        a.setQuota(quota);
        parent.addChild(a.oid());
        return a;
    }

    // ------------------------------------------------------------------ thread set-up

    /** Sets the address-space root and activity of the thread at {@code threadAddr} (void addresses clear them). */
    static void configureThread(Kernel k, int thread, int threadAddr, int asRootAddr, int activityAddr) {
        KernelThread t = CapSpace.invoker(k, thread);
        Capability tc = CapSpace.fetch(k, t.asRoot(), threadAddr);
        KernelThread target = CapSpace.requireType(k, tc, threadAddr, KernelThread.class, CapType.THREAD);
        CapSpace.requireStrong(tc, threadAddr);
        Capability root = CapAddress.isNone(asRootAddr) ? Capability.VOID : CapSpace.fetch(k, t.asRoot(), asRootAddr);
        Capability act = CapAddress.isNone(activityAddr) ? Capability.VOID : CapSpace.fetch(k, t.asRoot(), activityAddr);
        CapSpace.requireVoidOr(root, CapType.CAPPAGE, asRootAddr);
        CapSpace.requireVoidOr(act, CapType.ACTIVITY, activityAddr);
        target.setAsRoot(root);
        target.setActivity(act);
        k.trace.add(new Event.ThreadConfigured(target.oid(), root, act));
    }

    // ------------------------------------------------------------------ freeing

    /** Frees the object the strong capability at {@code addr} designates (see {@link Kernel#free}). */
    static void free(Kernel k, int thread, int addr) {
        KernelThread t = CapSpace.invoker(k, thread);
        Capability c = CapSpace.fetch(k, t.asRoot(), addr);
        KernelObject o = CapSpace.requireLive(k, c, addr);
        if (!c.rights().write()) {
            throw new KernelException(KernelError.READ_ONLY, "freeing needs a strong capability; " + CapAddress.format(addr) + " is weak");
        }
        if (o.oid() == k.rootActivity()) {
            throw new KernelException(KernelError.PROTECTED, "the root activity cannot be destroyed");
        }
        requireNotInTransfer(k, o);
        if (o instanceof Activity a && dyingAbove(k, a)) {
            throw new KernelException(KernelError.BUSY, "activity#" + a.oid() + " is inside a destruction in progress");
        }
        if (k.variant.preemptibleDestruction()) {
            // Bounded like a transfer: stops at a preemption point and the scheduler resumes it.
            new Destruction(o.oid(), o instanceof Activity).run(k);
        } else {
            // The 2008 designs free everything in one step, however much it holds (a bounded-work finding).
            destroy(k, o);
        }
    }

    /** True when {@code a} or an ancestor is the root of a destruction in progress. */
    static boolean dyingAbove(Kernel k, Activity a) {
        if (k.dying.isEmpty()) {
            return false;
        }
        for (Activity x = a; x != null; x = Quotas.parentOf(k, x)) {
            if (k.dying.contains(x.oid())) {
                return true;
            }
        }
        return false;
    }

    static void requireNotDying(Kernel k, Activity a) {
        if (dyingAbove(k, a)) {
            throw new KernelException(KernelError.BUSY, "activity#" + a.oid() + " is being destroyed: nothing more is charged to it");
        }
    }

    /** A buffer in an unfinished transfer, or an activity with one under it, cannot be freed or changed. */
    static void requireNotInTransfer(Kernel k, KernelObject o) {
        if (o instanceof MessageBuffer b && b.inTransfer()) {
            throw new KernelException(KernelError.BUSY, "buffer#" + b.oid() + " is in an unfinished transfer");
        }
        if (o instanceof Activity a) {
            List<Activity> subtree = new ArrayList<>();
            collectSubtree(k, a, subtree);
            IntHashSet oids = new IntHashSet();
            for (Activity x : subtree) {
                oids.add(x.oid());
            }
            for (int oid = 0; oid < k.heap.highWater(); oid++) {
                if (k.heap.get(oid) instanceof MessageBuffer b && b.inTransfer() && oids.contains(b.chargedTo())) {
                    throw new KernelException(KernelError.BUSY,
                            "buffer#" + b.oid() + " under activity#" + a.oid() + " is in an unfinished transfer");
                }
            }
        }
    }

    /**
     * Frees {@code o}; the caller has checked it may. An activity goes with everything charged to it or to
     * a descendant: first the other objects (in oid order), then the activities, deepest first. The objects
     * are found by one scan of the heap: destruction is rare, while exchanges move charges on every transfer.
     */
    static void destroy(Kernel k, KernelObject o) {
        if (!(o instanceof Activity a)) {
            destroyOne(k, o);
            return;
        }
        List<Activity> postOrder = new ArrayList<>();
        collectSubtree(k, a, postOrder);
        IntHashSet subtree = new IntHashSet();
        for (Activity x : postOrder) {
            subtree.add(x.oid());
        }
        for (int oid = 0; oid < k.heap.highWater(); oid++) {
            KernelObject x = k.heap.get(oid);
            if (x != null && !(x instanceof Activity) && subtree.contains(x.chargedTo())) {
                destroyOne(k, x);
            }
        }
        for (Activity x : postOrder) {
            destroyActivity(k, x);
        }
    }

    /** Frees one activity whose subtree is already empty, unlinking it from its parent. */
    static void destroyActivity(Kernel k, Activity x) {
        Activity parent = Quotas.parentOf(k, x);
        if (parent != null) {
            parent.removeChild(x.oid());
        }
        destroyOne(k, x);
    }

    /** The activities of {@code a}'s subtree, children before parents. */
    static void collectSubtree(Kernel k, Activity a, List<Activity> out) {
        for (int c : a.children().toArray()) {
            if (k.heap.get(c) instanceof Activity child) {
                collectSubtree(k, child, out);
            }
        }
        out.add(a);
    }

    /** One unit: tears down what waits on {@code o}, gives back its charge and frees it. */
    static void destroyOne(Kernel k, KernelObject o) {
        k.stepWork++;
        switch (o) {
            case MessageBuffer b -> tearDownBuffer(k, b);
            case MessageQueue q -> tearDownQueue(k, q);
            default -> {
                // Threads take their pending activations with them; frames, pages and activities hold no waiters.
            }
        }
        Quotas.uncharge(k, o);
        k.heap.remove(o.oid());
        k.trace.add(new Event.Freed(o.oid(), o.type(), o.chargedTo()));
    }

    private static void tearDownBuffer(Kernel k, MessageBuffer b) {
        if (b.waitingOn() != KernelObject.NO_OID) {
            KernelObject on = k.heap.get(b.waitingOn());
            if (on instanceof MessageQueue q) {
                q.sendersMutable().remove(b.oid());
                q.receiversMutable().remove(b.oid());
            } else if (on instanceof MessageBuffer t) {
                t.sendersMutable().remove(b.oid());
            }
            if (b.inFlightMessage() != 0) {
                k.trace.add(new Event.MessageWithdrawn(b.inFlightMessage(), b.oid()));
            }
        }
        failSenders(k, b.sendersMutable());
    }

    private static void tearDownQueue(Kernel k, MessageQueue q) {
        failSenders(k, q.sendersMutable());
        MutableIntList receivers = q.receiversMutable();
        while (!receivers.isEmpty()) {
            failReceiver(k, (MessageBuffer) k.heap.get(receivers.removeAtIndex(0)));
        }
    }

    /** Wakes every waiting sender with the EFAULT error message. */
    private static void failSenders(Kernel k, MutableIntList senders) {
        while (!senders.isEmpty()) {
            failSender(k, (MessageBuffer) k.heap.get(senders.removeAtIndex(0)));
        }
    }

    /**
     * The EFAULT error message to one waiting sender, as {@code rpc_error_reply} sends it: loaded
     * non-blockingly into the sender's buffer (dropped if that buffer is blocked, where the variant follows
     * the code), activating its thread only if the buffer asks to be activated on receive.
     */
    static void failSender(Kernel k, MessageBuffer s) {
        int msg = s.inFlightMessage();
        s.setWaitingOn(KernelObject.NO_OID);
        s.setInFlightMessage(0);
        k.stepWork++;
        if (s.blocked() && k.variant.dropsErrorToBlockedSender()) {
            k.trace.add(new Event.ErrorDropped(msg, s.oid(), KernelError.EFAULT));
            return;
        }
        s.setLastError(KernelError.EFAULT);
        k.trace.add(new Event.SenderFailed(msg, s.oid(), KernelError.EFAULT));
        if (k.variant.dropsErrorToBlockedSender() && k.waiting.blocksOnDelivery()) {
            // messenger_message_load delivers like any message: the messenger it loads into is blocked.
            s.setBlocked(true);
            k.trace.add(new Event.BlockChanged(s.oid(), true));
        }
        if (s.activateOnReceive()) {
            Activations.activate(k, s.thread(), s, msg);
        }
    }

    /** A receiver waiting on a destroyed queue is told EFAULT, activated only if it asks to be on receive. */
    static void failReceiver(Kernel k, MessageBuffer r) {
        r.setWaitingOn(KernelObject.NO_OID);
        r.setLastError(KernelError.EFAULT);
        k.stepWork++;
        k.trace.add(new Event.ReceiverFailed(r.oid(), KernelError.EFAULT));
        if (r.activateOnReceive()) {
            Activations.activate(k, r.thread(), r, 0);
        }
    }
}
