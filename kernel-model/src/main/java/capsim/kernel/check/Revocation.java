package capsim.kernel.check;

import capsim.kernel.Capability;
import capsim.kernel.Event;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import java.util.List;

/**
 * A capability to a freed object reads as void everywhere: nothing a thread reaches is stale, and no
 * capability the step handed out (copied, transferred, stored) designated a freed object at the time.
 * Source: Viengoos/EROS versioned capabilities (freeing bumps the version).
 */
public final class Revocation implements Invariant {
    public String name() {
        return "revocation";
    }

    public String description() {
        return "a capability to a freed object reads as void everywhere";
    }

    public Violation check(StepView s) {
        Kernel k = s.after();
        for (int oid = 0; oid < k.heap().highWater(); oid++) {
            if (k.heap().get(oid) instanceof KernelThread) {
                for (Capability c : s.reachAfter(oid).values()) {
                    KernelObject o = k.heap().get(c.oid());
                    if (o == null || o.version() != c.version() || o.type() != c.type()) {
                        return new Violation(name(), "thread#" + oid + " reaches a stale " + c + " as if it were live");
                    }
                }
            }
        }
        List<Event> events = k.trace().events();
        for (int i = s.before().trace().size(); i < events.size(); i++) {
            Capability c = switch (events.get(i)) {
                case Event.CapTransferred t -> t.cap();
                case Event.SlotWritten w -> w.cap();
                default -> null;
            };
            if (c == null || c.isVoid()) {
                continue;
            }
            if (s.before().heap().lookup(c) == null && k.heap().lookup(c) == null
                    && !createdInStep(s, c)) {
                return new Violation(name(), "the step handed out " + c + ", which designates no live object");
            }
        }
        return null;
    }

    private static boolean createdInStep(StepView s, Capability c) {
        List<Event> events = s.after().trace().events();
        for (int i = s.before().trace().size(); i < events.size(); i++) {
            if (events.get(i) instanceof Event.Allocated a && a.oid() == c.oid()) {
                return true;
            }
            if (events.get(i) instanceof Event.Reidentified r && r.oid() == c.oid() && r.newVersion() == c.version()) {
                return true;
            }
        }
        return false;
    }
}
