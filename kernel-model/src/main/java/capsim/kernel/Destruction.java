package capsim.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The state of one preemptible destruction (variants whose {@code preemptibleDestruction()} holds): freeing
 * an object, or an activity with everything charged to it and its descendants, one unit of work at a time,
 * stopping at preemption points and continued by the scheduler, as seL4's preemptible delete and revoke.
 *
 * <p>Units: fail one waiting sender or receiver (EFAULT), or free one object. Objects are found by scanning
 * the heap from {@link #cursor}; a pass that freed something is followed by another (an exchange may have
 * moved a charge into the subtree behind the cursor), and only a pass that finds nothing ends the object
 * phase. Then the activities go, children before parents ({@link #activities}).
 *
 * <p>This class holds both the state and the steps ({@link #run}); the kernel's state is reached through
 * the {@link Kernel} passed in.
 */
final class Destruction implements Work {
    enum Phase { OBJECTS, ACTIVITIES }

    /** The object freed (for an activity: the root of the subtree being destroyed). */
    final int root;
    final boolean activity;
    Phase phase = Phase.OBJECTS;
    /** The next heap oid the object phase looks at. */
    int cursor;
    /** Whether the current pass freed anything. */
    boolean freedThisPass;
    /** Once preempted the root is re-identified (its capabilities read void) and nothing can be added under it. */
    boolean inert;
    /** The subtree's activities, children first (nothing can be created under a dying root, so oids suffice). */
    int[] activities = new int[0];
    int index;

    Destruction(int root, boolean activity) {
        this.root = root;
        this.activity = activity;
    }

    @Override
    public Destruction copy() {
        Destruction d = new Destruction(root, activity);
        d.phase = phase;
        d.cursor = cursor;
        d.freedThisPass = freedThisPass;
        d.inert = inert;
        d.activities = Arrays.copyOf(activities, activities.length);
        d.index = index;
        return d;
    }

    // ------------------------------------------------------------------ the steps

    /** Runs this destruction until it is done (true) or reaches a preemption point (false). */
    boolean run(Kernel k) {
        if (!activity) {
            KernelObject o = k.heap.get(root);
            while (k.heap.get(root) == o) {
                if (!unit(k, o)) {
                    return false;
                }
            }
            return done(k);
        }
        while (phase == Phase.OBJECTS) {
            while (cursor < k.heap.highWater()) {
                KernelObject o = k.heap.get(cursor);
                if (o != null && !(o instanceof Activity) && chargedUnder(k, o, root)) {
                    if (!unit(k, o)) {
                        return false;
                    }
                    if (k.heap.get(cursor) == o) {
                        continue;
                    }
                }
                cursor++;
            }
            if (freedThisPass) {
                // Another pass: an exchange may have moved a charge into the subtree behind the cursor.
                cursor = 0;
                freedThisPass = false;
            } else {
                List<Activity> postOrder = new ArrayList<>();
                Lifecycle.collectSubtree(k, (Activity) k.heap.get(root), postOrder);
                activities = postOrder.stream().mapToInt(KernelObject::oid).toArray();
                index = 0;
                phase = Phase.ACTIVITIES;
            }
        }
        while (index < activities.length) {
            if (k.heap.get(activities[index]) instanceof Activity x) {
                if (mustPreempt(k, 1)) {
                    return preempt(k);
                }
                Lifecycle.destroyActivity(k, x);
            }
            index++;
        }
        return done(k);
    }

    private boolean done(Kernel k) {
        k.dying.remove(root);
        return true;
    }

    /** One unit of destroying {@code o}: fail one of its waiters, or free it. False when preempted first. */
    private boolean unit(Kernel k, KernelObject o) {
        if (o instanceof MessageBuffer b && b.inTransfer()) {
            // Its transfer is queued ahead of us: let it finish first.
            return preempt(k);
        }
        MessageBuffer waiter = null;
        boolean receiver = false;
        if (o instanceof MessageBuffer b && !b.sendersMutable().isEmpty()) {
            waiter = (MessageBuffer) k.heap.get(b.sendersMutable().get(0));
        } else if (o instanceof MessageQueue q && !q.sendersMutable().isEmpty()) {
            waiter = (MessageBuffer) k.heap.get(q.sendersMutable().get(0));
        } else if (o instanceof MessageQueue q && !q.receiversMutable().isEmpty()) {
            waiter = (MessageBuffer) k.heap.get(q.receiversMutable().get(0));
            receiver = true;
        }
        if (mustPreempt(k, waiter != null ? 2 : 1)) {
            return preempt(k);
        }
        if (waiter == null) {
            Lifecycle.destroyOne(k, o);
            freedThisPass = true;
        } else if (receiver) {
            ((MessageQueue) o).receiversMutable().removeAtIndex(0);
            Lifecycle.failReceiver(k, waiter);
        } else {
            (o instanceof MessageQueue q ? q.sendersMutable() : ((MessageBuffer) o).sendersMutable()).removeAtIndex(0);
            Lifecycle.failSender(k, waiter);
        }
        return true;
    }

    private static boolean mustPreempt(Kernel k, int cost) {
        return k.variant.preemptibleDestruction() && k.stepWork + cost > k.workBound();
    }

    /**
     * Stops at a preemption point. The first time, the root is re-identified (every capability to it reads
     * void from now on) and marked dying, so nothing new is charged under it while it waits.
     */
    private boolean preempt(Kernel k) {
        if (!inert) {
            inert = true;
            Revocation.reidentify(k, k.heap.get(root));
            if (activity) {
                k.dying.add(root);
            }
        }
        k.inProgress.addLast(this);
        k.trace.add(new Event.DestructionPreempted(root, k.stepWork));
        return false;
    }

    /** True when {@code o} is charged to activity {@code root} or one of its descendants. */
    private static boolean chargedUnder(Kernel k, KernelObject o, int root) {
        for (int a = o.chargedTo(); a != KernelObject.NO_OID; ) {
            if (a == root) {
                return true;
            }
            a = k.heap.get(a) instanceof Activity x ? x.parent() : KernelObject.NO_OID;
        }
        return false;
    }
}
