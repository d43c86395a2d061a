package capsim.personality.lwkt;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;

/**
 * {@code lwkt-no-upcall-in-critical}: the kernel never pushes an upcall into a userland critical section. Every
 * upcall the step delivered found its thread at depth 0; a thread's upcall count rises only by the upcalls the
 * step delivered (none bypass the interlock); and a thread in a critical section before and after the step got
 * none.
 */
public final class NoUpcallInCritical implements PersonalityInvariant<LwktWorld> {
    public String name() {
        return "lwkt-no-upcall-in-critical";
    }

    public String description() {
        return "no upcall is delivered to a thread inside a critical section (it is flagged for flushsys instead)";
    }

    public String check(LwktWorld before, LwktWorld after, PersonalityAction<LwktWorld> action, String outcome) {
        boolean stepped = after.step() != before.step();
        if (stepped) {
            for (LwktWorld.Upcall u : after.upcallLog()) {
                if (u.depth() > 0) {
                    return "upcall to " + u.thread() + " with " + u.message() + " inside a critical section (depth "
                            + u.depth() + ")";
                }
            }
        }
        for (LwktThread t : after.threads().values()) {
            LwktThread b = before.thread(t.name());
            int was = b == null ? 0 : b.upcalls();
            long logged = stepped ? after.upcallLog().stream().filter(u -> u.thread().equals(t.name())).count() : 0;
            if (t.upcalls() - was != logged) {
                return t.name() + "'s upcalls went from " + was + " to " + t.upcalls() + " but the step delivered "
                        + logged;
            }
            if (b != null && b.critical() > 0 && t.critical() > 0 && t.upcalls() != b.upcalls()) {
                return t.name() + " got an upcall while it stayed in a critical section";
            }
        }
        return null;
    }
}
