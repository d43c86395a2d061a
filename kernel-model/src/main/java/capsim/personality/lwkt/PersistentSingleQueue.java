package capsim.personality.lwkt;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.List;

/**
 * {@code lwkt-persistent-single-queue}: a persistent message (signal, timer) is never on two queues at once,
 * nor twice on one: while a return is still out, further occurrences coalesce into an overrun count in the
 * kernel's table. It is armed at most once, and a queued one is owned by the port it is on.
 */
public final class PersistentSingleQueue implements PersonalityInvariant<LwktWorld> {
    public String name() {
        return "lwkt-persistent-single-queue";
    }

    public String description() {
        return "a persistent message is on at most one queue, once, and armed at most once";
    }

    public String check(LwktWorld before, LwktWorld after, PersonalityAction<LwktWorld> action, String outcome) {
        for (LwktMessage m : after.messages().values()) {
            if (!m.persistent()) {
                continue;
            }
            List<String> holders = after.queuesHolding(m.name());
            if (holders.size() > 1) {
                return "persistent " + m.name() + " is queued " + holders.size() + " times: on " + holders;
            }
            if (holders.size() == 1 && !holders.get(0).equals(m.owner())) {
                return "persistent " + m.name() + " is on " + holders.get(0) + " but owned by " + m.owner();
            }
            long armed = after.armed().stream().filter(a -> a.message().equals(m.name())).count();
            if (armed > 1) {
                return "persistent " + m.name() + " is armed " + armed + " times";
            }
        }
        return null;
    }
}
