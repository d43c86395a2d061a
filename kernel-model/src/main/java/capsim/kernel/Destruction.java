package capsim.kernel;

import java.util.Arrays;

/**
 * The state of one preemptible destruction (variants whose {@code preemptibleDestruction()} holds): freeing
 * an object, or an activity with everything charged to it and its descendants, one unit of work at a time,
 * stopping at preemption points and continued by the scheduler, as seL4's preemptible delete and revoke.
 *
 * <p>Units: fail one waiting sender or receiver (EFAULT), or free one object. Objects are found by scanning
 * the heap from {@link #cursor}; a pass that freed something is followed by another (an exchange may have
 * moved a charge into the subtree behind the cursor), and only a pass that finds nothing ends the object
 * phase. Then the activities go, children before parents ({@link #activities}).
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
}
