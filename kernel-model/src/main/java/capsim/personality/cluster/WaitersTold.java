package capsim.personality.cluster;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;

/**
 * Every requester is told how its request ended, exactly once: a request still waiting has its transaction
 * open on the requester's side, and one that is over was told once (answered, ended, aborted, lost).
 */
final class WaitersTold implements PersonalityInvariant<ClusterWorld> {
    public String name() {
        return "link-waiters-told";
    }

    public String description() {
        return "a waiting requester's transaction is open, and every request that ended told its requester exactly once";
    }

    public String check(ClusterWorld before, ClusterWorld after, PersonalityAction<ClusterWorld> action, String outcome) {
        for (Request r : after.requests.values()) {
            if (r.state == Request.State.WAITING) {
                if (r.told != 0) {
                    return r.name + " is waiting but its requester was told " + r.told + " times";
                }
                if (!after.requesterOpen(r)) {
                    return r.name + " is over on " + r.from + "'s side but " + r.from + " was never told";
                }
            } else if (r.told != 1) {
                return r.name + " is " + r.state + " and its requester was told " + r.told + " times";
            }
        }
        return null;
    }
}
