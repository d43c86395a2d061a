package capsim.personality.caps;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.HashMap;
import java.util.Map;

/**
 * No message is lost, whoever closes: every message put is FREED or in exactly the one place its state names,
 * and that place is open: a REQUEST or DISPOSE in its service's queue, a SERVING one in its service's serving set,
 * a REPLY in its port's queue.
 */
public final class NoLoss implements PersonalityInvariant<CapsWorld> {
    public String name() {
        return "caps-no-loss";
    }

    public String description() {
        return "every message put is freed or in exactly the open queue its state names: never lost, never in two places";
    }

    public String check(CapsWorld before, CapsWorld after, PersonalityAction<CapsWorld> action, String outcome) {
        Map<Integer, String> where = new HashMap<>();
        for (Service s : after.services().values()) {
            for (int id : s.waiting()) {
                String was = where.put(id, "queued to " + s.title());
                if (was != null) {
                    return "msg" + id + " is both " + was + " and queued to " + s.title();
                }
            }
            for (int id : s.serving()) {
                String was = where.put(id, "served by " + s.title());
                if (was != null) {
                    return "msg" + id + " is both " + was + " and served by " + s.title();
                }
            }
        }
        for (ClientPort p : after.ports().values()) {
            for (int id : p.replies()) {
                String was = where.put(id, "waiting at port " + p.name());
                if (was != null) {
                    return "msg" + id + " is both " + was + " and waiting at port " + p.name();
                }
            }
        }
        for (int id = 1; id < after.nextMessage(); id++) {
            CapsMessage m = after.messages().get(id);
            if (m == null) {
                return "msg" + id + " was put but the world has no record of it";
            }
            String place = where.get(id);
            if (m.state() == MsgState.FREED) {
                if (place != null) {
                    return "msg" + id + " is freed but still " + place;
                }
                continue;
            }
            if (place == null) {
                return "msg" + id + " is " + m.state() + " but in no queue: lost";
            }
            Service s = after.services().get(m.service());
            ClientPort p = after.ports().get(m.port());
            boolean right = switch (m.state()) {
                case REQUEST, DISPOSE -> s.open() && s.waiting().contains(id);
                case SERVING -> s.open() && s.serving().contains(id);
                case REPLY -> p.open() && p.replies().contains(id);
                case FREED -> false;
            };
            if (!right) {
                return "msg" + id + " is " + m.state() + " but " + place;
            }
        }
        return null;
    }
}
