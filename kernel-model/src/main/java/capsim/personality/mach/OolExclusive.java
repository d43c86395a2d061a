package capsim.personality.mach;

import capsim.kernel.Frame;
import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each page is in one place: every region and every out-of-line page of a queued message is a live frame
 * held exactly once (a moved page is gone from its sender), and no such page is also a message's own page or
 * a send-once right's prepaid page. A queued message's page is live, charged to its sender, or for one
 * sent through a send-once right, to whoever made that right.
 */
public final class OolExclusive implements PersonalityInvariant<MachWorld> {
    public String name() {
        return "mach-ool-exclusive";
    }

    public String description() {
        return "each out-of-line page is held by exactly one region or queued message; queued messages' pages are live";
    }

    public String check(MachWorld before, MachWorld w, PersonalityAction<MachWorld> action, String outcome) {
        Map<Integer, String> owner = new TreeMap<>();
        for (Task t : w.tasks.values()) {
            for (var r : t.regions.entrySet()) {
                String was = owner.put(r.getValue(), "region " + r.getKey() + " of " + t.name);
                if (was != null) {
                    return "frame#" + r.getValue() + " is both " + was + " and region " + r.getKey() + " of " + t.name;
                }
            }
        }
        for (MachMessage m : w.queuedMessages()) {
            for (OolPage o : m.ool()) {
                String was = owner.put(o.frame(), "ool " + o.region() + " of msg " + m.id());
                if (was != null) {
                    return "frame#" + o.frame() + " is both " + was + " and ool " + o.region() + " of msg " + m.id();
                }
            }
        }
        for (MachMessage m : w.queuedMessages()) {
            if (owner.containsKey(m.frame())) {
                return "msg " + m.id() + "'s page frame#" + m.frame() + " is also " + owner.get(m.frame());
            }
            if (!(w.kernel().heap().get(m.frame()) instanceof Frame f)) {
                return "msg " + m.id() + "'s page frame#" + m.frame() + " is not live";
            }
            if (!m.kernel() && m.destRight() == RightKind.SEND) {
                Task s = w.tasks.get(m.sender());
                if (s == null || f.chargedTo() != s.activity) {
                    return "msg " + m.id() + "'s page is not charged to its sender " + m.sender();
                }
            }
        }
        for (SendOnceRight so : w.sendOnces.values()) {
            if (owner.containsKey(so.frame())) {
                return "send-once #" + so.id() + "'s prepaid page is also " + owner.get(so.frame());
            }
        }
        for (int f : owner.keySet()) {
            if (!(w.kernel().heap().get(f) instanceof Frame)) {
                return "frame#" + f + " (" + owner.get(f) + ") is not live";
            }
        }
        return null;
    }
}
