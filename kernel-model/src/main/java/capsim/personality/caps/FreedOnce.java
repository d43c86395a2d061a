package capsim.personality.caps;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.HashSet;
import java.util.Set;

/**
 * Each message is freed exactly once: the freed log never names a message twice, every message it names is FREED
 * with both its frames gone from the kernel, a FREED message never comes back, and every message that stops
 * being live in a step is in the log.
 */
public final class FreedOnce implements PersonalityInvariant<CapsWorld> {
    public String name() {
        return "caps-freed-once";
    }

    public String description() {
        return "each message is freed exactly once, its frames with it, and never comes back";
    }

    public String check(CapsWorld before, CapsWorld after, PersonalityAction<CapsWorld> action, String outcome) {
        Set<Integer> seen = new HashSet<>();
        for (int id : after.freedLog()) {
            if (!seen.add(id)) {
                return "msg" + id + " was freed twice";
            }
            CapsMessage m = after.messages().get(id);
            if (m == null || m.state() != MsgState.FREED) {
                return "msg" + id + " is in the freed log but is " + (m == null ? "unknown" : m.state().toString());
            }
            if (after.kernel().heap().lookup(m.request()) != null
                    || (m.reply() != null && after.kernel().heap().lookup(m.reply()) != null)) {
                return "msg" + id + " is freed but a frame of it is still live";
            }
        }
        for (CapsMessage m : after.messages().values()) {
            if (m.state() == MsgState.FREED && !seen.contains(m.id())) {
                return "msg" + m.id() + " is FREED but was never freed";
            }
            CapsMessage was = before.messages().get(m.id());
            if (was != null && was.state() == MsgState.FREED && m.state() != MsgState.FREED) {
                return "msg" + m.id() + " came back as " + m.state() + " after it was freed";
            }
        }
        for (CapsMessage was : before.messages().values()) {
            if (!after.messages().containsKey(was.id())) {
                return "msg" + was.id() + " vanished from the world";
            }
        }
        return null;
    }
}
