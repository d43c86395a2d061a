package capsim.personality.mach;

import capsim.kernel.CapPage;
import capsim.kernel.Capability;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.kernel.MessageQueue;
import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.HashSet;
import java.util.Set;

/**
 * Capabilities name everything: each name's slot in its task's capability page designates the queue object
 * of the port or port set it denotes (full rights for a receive right, send-only otherwise), a dead name's
 * slot designates nothing live, a slot without a name designates nothing live, and each port's queue object is
 * charged to the task holding its receive right (each set's to its owner).
 */
public final class NameMirror implements PersonalityInvariant<MachWorld> {
    public String name() {
        return "mach-name-mirror";
    }

    public String description() {
        return "each name's capability slot designates its port's queue object, and a port is charged to its receiver";
    }

    public String check(MachWorld before, MachWorld w, PersonalityAction<MachWorld> action, String outcome) {
        Kernel k = w.kernel();
        for (Task t : w.tasks.values()) {
            if (!(k.heap().get(t.space) instanceof CapPage page)) {
                return "task " + t.name + " has no capability page";
            }
            Set<Integer> used = new HashSet<>();
            for (RightEntry e : t.names.values()) {
                used.add(e.slot);
                Capability c = page.slot(e.slot);
                if (e.deadUrefs > 0) {
                    if (k.designates(c)) {
                        return t.name + "'s dead name " + e.name + " still designates " + c;
                    }
                    continue;
                }
                int want = e.portSet ? w.sets.get(e.target).queueObject : w.ports.get(e.target).queueObject;
                if (!k.designates(c) || c.oid() != want || !(k.heap().get(want) instanceof MessageQueue)) {
                    return t.name + "'s name " + e.name + " (slot " + e.slot + ") holds " + c + ", not a capability to queue#" + want;
                }
                if (c.rights().read() != (e.receive || e.portSet)) {
                    return t.name + "'s name " + e.name + " holds " + c + " with the wrong rights for a " + e.type() + " right";
                }
            }
            for (int i = 0; i < CapPage.SLOTS; i++) {
                if (!used.contains(i) && k.designates(page.slot(i))) {
                    return t.name + "'s slot " + i + " holds " + page.slot(i) + " but no name uses it";
                }
            }
        }
        for (Port p : w.ports.values()) {
            if (p.alive && p.receiver != null) {
                KernelObject q = k.heap().get(p.queueObject);
                Task r = w.tasks.get(p.receiver);
                if (q == null || r == null || q.chargedTo() != r.activity) {
                    return "port " + p.label + " is not charged to its receiver " + p.receiver;
                }
            }
        }
        for (PortSet s : w.sets.values()) {
            if (s.alive) {
                KernelObject q = k.heap().get(s.queueObject);
                if (q == null || q.chargedTo() != w.tasks.get(s.owner).activity) {
                    return "port set " + s.label + " is not charged to its owner " + s.owner;
                }
            }
        }
        return null;
    }
}
