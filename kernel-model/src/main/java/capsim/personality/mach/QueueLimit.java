package capsim.personality.mach;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.HashSet;
import java.util.Set;

/**
 * A message sent through a send right never joins a queue that holds its limit already: when the step
 * queued one, at most limit messages (counting it) are ahead of anything queued after it. Messages sent
 * through send-once rights (replies, notifications) may go past the limit, as in Mach.
 */
public final class QueueLimit implements PersonalityInvariant<MachWorld> {
    public String name() {
        return "mach-queue-limit";
    }

    public String description() {
        return "a message sent through a send right never makes its port's queue longer than the limit";
    }

    public String check(MachWorld before, MachWorld w, PersonalityAction<MachWorld> action, String outcome) {
        for (Port p : w.ports.values()) {
            Port was = before.ports.get(p.label);
            Set<Integer> old = new HashSet<>();
            if (was != null) {
                for (MachMessage m : was.queue) {
                    old.add(m.id());
                }
            }
            for (int i = 0; i < p.queue.size(); i++) {
                MachMessage m = p.queue.get(i);
                if (!old.contains(m.id()) && m.destRight() == RightKind.SEND && i + 1 > p.limit) {
                    return "msg " + m.id() + " was queued on " + p.label + " as number " + (i + 1) + " past its limit " + p.limit;
                }
            }
        }
        return null;
    }
}
