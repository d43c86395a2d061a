package capsim.personality.mach;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.HashSet;
import java.util.Set;

/**
 * No receive right travels, directly or through ports that travel, inside its own port: following "the
 * receive right of P is carried by a message queued on Q" from any live port ends at a port some task receives on.
 */
public final class NoReceiveCycle implements PersonalityInvariant<MachWorld> {
    public String name() {
        return "mach-no-receive-cycle";
    }

    public String description() {
        return "no port's receive right travels, directly or through other travelling ports, inside its own queue";
    }

    public String check(MachWorld before, MachWorld w, PersonalityAction<MachWorld> action, String outcome) {
        for (Port p : w.ports.values()) {
            if (!p.alive || p.receiver != null) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            StringBuilder path = new StringBuilder(p.label);
            Port cur = p;
            while (cur != null && cur.alive && cur.receiver == null) {
                if (!seen.add(cur.label)) {
                    return "receive-right cycle: " + path;
                }
                MachMessage m = w.message(cur.carrier);
                if (m == null) {
                    break; // lost receive rights are mach-one-receiver's business
                }
                cur = w.ports.get(m.dest());
                path.append(" in ").append(cur.label);
            }
        }
        return null;
    }
}
