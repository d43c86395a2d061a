package capsim.personality.lwkt;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code lwkt-ownership}: only the current owner touches a message, and ownership passes only from the owner.
 * The step's ownership log is replayed from the owners before the step: every touch and hand-over must be by
 * the owner at that moment, and the owners after the step must be what the log ends with (an owner that
 * changed without a hand-over is a violation). Then the world must agree with the owners: a message a user
 * port owns is on that port's queue, once; one a thread owns is on no queue; the kernel's is on no user port.
 */
public final class Ownership implements PersonalityInvariant<LwktWorld> {
    public String name() {
        return "lwkt-ownership";
    }

    public String description() {
        return "only a message's current owner touches it or hands it on, and queues agree with owners";
    }

    public String check(LwktWorld before, LwktWorld after, PersonalityAction<LwktWorld> action, String outcome) {
        Map<String, String> current = new TreeMap<>();
        before.messages().forEach((n, m) -> current.put(n, m.owner()));
        Map<String, String> lastBy = new TreeMap<>();
        if (after.step() != before.step()) {
            for (LwktWorld.Handling h : after.handlings()) {
                String owner = current.get(h.message());
                if (owner == null) {
                    LwktMessage created = after.message(h.message());
                    owner = created == null ? h.by() : created.creator();
                }
                if (!owner.equals(h.by())) {
                    return h.text() + " while " + owner + " owns it";
                }
                if (h.to() != null) {
                    current.put(h.message(), h.to());
                    lastBy.put(h.message(), h.by());
                } else {
                    current.putIfAbsent(h.message(), owner);
                }
            }
        }
        for (LwktMessage m : after.messages().values()) {
            String expected = current.getOrDefault(m.name(), m.creator());
            if (!expected.equals(m.owner())) {
                return m.name() + "'s owner became " + m.owner() + " without a hand-over (the owner was " + expected + ")";
            }
        }
        for (LwktMessage m : after.messages().values()) {
            String v = placed(after, m);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String placed(LwktWorld w, LwktMessage m) {
        List<String> holders = w.queuesHolding(m.name());
        String owner = m.owner();
        if (w.thread(owner) != null) {
            return holders.isEmpty() ? null : m.name() + " is owned by thread " + owner + " but queued on " + holders;
        }
        if (owner.equals(LwktWorld.KERNEL)) {
            if (holders.isEmpty() || holders.equals(List.of(LwktWorld.KERNEL))) {
                return null;
            }
            return m.name() + " is the kernel's but queued on " + holders;
        }
        if (w.port(owner) == null) {
            return m.name() + " is owned by " + owner + ", which is no thread, port or the kernel";
        }
        if (!holders.equals(List.of(owner))) {
            return m.name() + " is owned by port " + owner + " but queued on " + (holders.isEmpty() ? "no port" : holders);
        }
        return null;
    }
}
