package capsim.kernel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who pays: every object is charged to one activity and to all its ancestors, and a step that needs pages
 * checks every quota first (all-or-nothing). Viengoos charges storage to activities the same way
 * (an activity's usage includes its descendants'). Stateless: usage lives on each {@link Activity}.
 */
final class Quotas {
    private Quotas() {
    }

    /** Charges one object to {@code a} and every ancestor. */
    static void charge(Kernel k, Activity a) {
        for (Activity x = a; x != null; x = parentOf(k, x)) {
            x.addUsage(1);
        }
    }

    /** Gives back the charge of a freed object. */
    static void uncharge(Kernel k, KernelObject o) {
        for (Activity x = (Activity) k.heap.get(o.chargedTo()); x != null; x = parentOf(k, x)) {
            x.addUsage(-1);
        }
    }

    static Activity parentOf(Kernel k, Activity a) {
        return a.parent() == KernelObject.NO_OID ? null : (Activity) k.heap.get(a.parent());
    }

    /** Throws ENOMEM unless one more object can be charged to {@code a} and every ancestor. */
    static void requireQuota(Kernel k, Activity a) {
        Lifecycle.requireNotDying(k, a);
        for (Activity x = a; x != null; x = parentOf(k, x)) {
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
    static void requirePages(Kernel k, Activity p1, Activity p2, Activity p3) {
        int n = (p1 != null ? 1 : 0) + (p2 != null ? 1 : 0) + (p3 != null ? 1 : 0);
        if (n == 0) {
            return;
        }
        if (n == 1 || !k.variant.chargesStepAtomically()) {
            for (Activity p : new Activity[] {p1, p2, p3}) {
                if (p != null) {
                    requireQuota(k, p);
                }
            }
            return;
        }
        Map<Integer, Integer> need = new LinkedHashMap<>();
        for (Activity p : new Activity[] {p1, p2, p3}) {
            if (p == null) {
                continue;
            }
            Lifecycle.requireNotDying(k, p);
            for (Activity x = p; x != null; x = parentOf(k, x)) {
                need.merge(x.oid(), 1, Integer::sum);
            }
        }
        for (var e : need.entrySet()) {
            Activity x = (Activity) k.heap.get(e.getKey());
            if (x.quota() > 0 && x.usage() + e.getValue() > x.quota()) {
                throw new KernelException(KernelError.ENOMEM, "activity#" + x.oid() + " cannot pay for " + e.getValue()
                        + " more pages (usage " + x.usage() + ", quota " + x.quota() + ")");
            }
        }
    }

    /**
     * The activity that pays for a fresh page a thread needs (a buffer with no live frame): the thread's own
     * ("the next access of the source buffer will allocate a fresh frame", seed 001).
     */
    static Activity threadActivity(Kernel k, KernelThread t) {
        if (k.heap.lookup(t.activity()) instanceof Activity a) {
            return a;
        }
        throw new KernelException(KernelError.VOID_CAPABILITY, "thread#" + t.oid() + " has no live activity to pay for a frame");
    }
}
