package capsim.personality.mach;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;

/**
 * Each live port has exactly one receive right: in its receiver's name space, or carried by the one queued
 * message the port says carries it. A dead port has none.
 */
public final class OneReceiver implements PersonalityInvariant<MachWorld> {
    public String name() {
        return "mach-one-receiver";
    }

    public String description() {
        return "each live port has exactly one receive right, held by its receiver or carried by one queued message";
    }

    public String check(MachWorld before, MachWorld w, PersonalityAction<MachWorld> action, String outcome) {
        for (Port p : w.ports.values()) {
            int inSpaces = 0;
            String holder = null;
            for (Task t : w.tasks.values()) {
                for (RightEntry e : t.names.values()) {
                    if (e.receive && e.target.equals(p.label)) {
                        inSpaces++;
                        holder = t.name;
                    }
                }
            }
            int carried = 0;
            int carrier = 0;
            for (MachMessage m : w.queuedMessages()) {
                for (CarriedRight c : m.rights()) {
                    if (c.kind() == RightKind.RECEIVE && c.port().equals(p.label)) {
                        carried++;
                        carrier = m.id();
                    }
                }
            }
            if (!p.alive) {
                if (inSpaces + carried != 0) {
                    return "port " + p.label + " is dead but " + (inSpaces + carried) + " receive rights to it remain";
                }
                continue;
            }
            if (inSpaces + carried != 1) {
                return "port " + p.label + " has " + inSpaces + " receive rights in name spaces and " + carried + " in messages";
            }
            if (p.receiver != null ? !p.receiver.equals(holder) : p.carrier != carrier) {
                return "port " + p.label + " says its receive right is with "
                        + (p.receiver != null ? p.receiver : "msg " + p.carrier) + " but it is with "
                        + (holder != null ? holder : "msg " + carrier);
            }
        }
        return null;
    }
}
