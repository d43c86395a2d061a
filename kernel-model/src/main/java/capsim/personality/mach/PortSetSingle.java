package capsim.personality.mach;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;

/**
 * A receive right is in at most one port set, the sets and ports agree on membership, and a member's
 * receive right is held by the set's owner (a receive right that moves leaves its set).
 */
public final class PortSetSingle implements PersonalityInvariant<MachWorld> {
    public String name() {
        return "mach-port-set-single";
    }

    public String description() {
        return "a receive right is in at most one port set, of the task that holds it";
    }

    public String check(MachWorld before, MachWorld w, PersonalityAction<MachWorld> action, String outcome) {
        for (Port p : w.ports.values()) {
            int in = 0;
            for (PortSet s : w.sets.values()) {
                if (s.members.contains(p.label)) {
                    in++;
                    if (!s.alive) {
                        return "dead port set " + s.label + " still has member " + p.label;
                    }
                    if (!s.label.equals(p.set)) {
                        return "port set " + s.label + " lists " + p.label + ", which says it is in " + p.set;
                    }
                    if (!s.owner.equals(p.receiver)) {
                        return "port " + p.label + " is in " + s.owner + "'s set " + s.label + " but its receive right is with "
                                + (p.receiver != null ? p.receiver : "a message");
                    }
                }
            }
            if (in > 1) {
                return "port " + p.label + " is in " + in + " port sets";
            }
            if (p.set != null && in == 0) {
                return "port " + p.label + " says it is in " + p.set + ", which does not list it";
            }
        }
        return null;
    }
}
