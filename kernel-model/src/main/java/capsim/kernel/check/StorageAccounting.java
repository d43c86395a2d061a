package capsim.kernel.check;

import capsim.kernel.Activity;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;

/**
 * Each activity's usage equals the number of live objects charged to it and its descendants, and a step
 * never raises an activity's usage above a non-zero quota of it or an ancestor. (A quota lowered below the
 * usage is allowed; it only stops further allocation.) Source: Viengoos activities, Coyotos space banks.
 */
public final class StorageAccounting implements Invariant {
    public String name() {
        return "storage-accounting";
    }

    public String description() {
        return "usage equals what is charged to an activity and its descendants, and never grows past a quota";
    }

    public Violation check(StepView s) {
        Kernel k = s.after();
        long[] counted = new long[k.heap().highWater()];
        for (int oid = 0; oid < k.heap().highWater(); oid++) {
            KernelObject o = k.heap().get(oid);
            if (o == null) {
                continue;
            }
            for (int a = o.chargedTo(); a != KernelObject.NO_OID; ) {
                if (!(k.heap().get(a) instanceof Activity act)) {
                    return new Violation(name(), o + " is charged to #" + a + ", which is not a live activity");
                }
                counted[a]++;
                a = act.parent();
            }
        }
        for (int oid = 0; oid < k.heap().highWater(); oid++) {
            if (!(k.heap().get(oid) instanceof Activity a)) {
                continue;
            }
            long want = counted[oid];
            if (a.usage() != want) {
                return new Violation(name(), "activity#" + oid + " usage is " + a.usage() + " but " + want + " objects are charged to it and below");
            }
            if (a.quota() > 0 && a.usage() > a.quota() && s.before().heap().get(oid) instanceof Activity was
                    && a.usage() > was.usage()) {
                return new Violation(name(), "activity#" + oid + " usage grew to " + a.usage() + " past its quota " + a.quota());
            }
        }
        return null;
    }
}
