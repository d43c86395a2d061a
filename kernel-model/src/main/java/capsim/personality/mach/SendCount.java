package capsim.personality.mach;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;

/**
 * A live port's send-right count equals the send rights there are: one per name space holding send rights
 * for it (however many user references), one per send right carried in a queued message, and one per queued
 * message sent to it through a send right (held until received). Its send-once count equals its live
 * send-once rights.
 */
public final class SendCount implements PersonalityInvariant<MachWorld> {
    public String name() {
        return "mach-send-count";
    }

    public String description() {
        return "a port's send and send-once counts match the rights held in name spaces and carried in queued messages";
    }

    public String check(MachWorld before, MachWorld w, PersonalityAction<MachWorld> action, String outcome) {
        for (Port p : w.ports.values()) {
            if (!p.alive) {
                continue;
            }
            int held = 0;
            for (Task t : w.tasks.values()) {
                for (RightEntry e : t.names.values()) {
                    if (e.target.equals(p.label) && e.sendUrefs > 0) {
                        held++;
                    }
                }
            }
            int carried = 0;
            for (MachMessage m : w.queuedMessages()) {
                if (m.dest().equals(p.label) && m.destRight() == RightKind.SEND) {
                    carried++;
                }
                for (CarriedRight c : m.rights()) {
                    if (c.port().equals(p.label) && c.kind() == RightKind.SEND) {
                        carried++;
                    }
                }
            }
            if (p.srights != held + carried) {
                return "port " + p.label + " counts " + p.srights + " send rights, but " + held + " name spaces hold one and "
                        + carried + " travel in messages";
            }
            long once = w.sendOnces.values().stream().filter(s -> s.port().equals(p.label)).count();
            if (p.sorights != once) {
                return "port " + p.label + " counts " + p.sorights + " send-once rights, but " + once + " are live";
            }
        }
        return null;
    }
}
