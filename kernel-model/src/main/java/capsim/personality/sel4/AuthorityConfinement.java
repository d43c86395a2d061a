package capsim.personality.sel4;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;

/**
 * Authority confinement as take-grant defines it: after a step, every capability a thread holds to an object that
 * existed before the step was within that thread's authority closure before it ({@link Authority}). Objects made
 * by the step (retyped from untyped the thread could use) are new authority, not leaked authority. Declarations
 * build the system and are not judged.
 */
public final class AuthorityConfinement implements PersonalityInvariant<Sel4World> {
    public String name() {
        return "sel4-authority";
    }

    public String description() {
        return "no step gives a thread a capability beyond the take-grant closure of the state before it";
    }

    public String check(Sel4World before, Sel4World after, PersonalityAction<Sel4World> action, String outcome) {
        if (action instanceof Sel4Action.DeclareCap || action instanceof Sel4Action.DeclareObject
                || action instanceof Sel4Action.DeclareBind || action instanceof Sel4Action.DeclareCover
                || action instanceof Sel4Action.DeclareFaultEp || action instanceof Declaration) {
            return null;
        }
        Authority a = null;
        for (String t : Authority.threads(after)) {
            if (before.tcb(t) == null) {
                continue;
            }
            // what the thread held before is within its closure: only what is new needs the closure
            java.util.Set<Cap> had = new java.util.HashSet<>(Authority.held(before, t));
            for (Cap c : Authority.held(after, t)) {
                if (before.object(c.object()) == null || had.contains(c)) {
                    continue;
                }
                if (a == null) {
                    a = Authority.closure(before);
                }
                if (!a.allows(t, c)) {
                    return t + " now holds " + c.text() + ", beyond what it could come to hold before '" + action.text() + "'";
                }
            }
        }
        return null;
    }
}
