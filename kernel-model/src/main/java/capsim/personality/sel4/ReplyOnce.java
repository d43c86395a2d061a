package capsim.personality.sel4;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A reply capability is used at most once: each call's reply capability is consumed once at most (the log of
 * used ones never repeats), a reply that finds one consumes it, and a reply capability exists only in a caller
 * slot, only one per thread, only to a thread waiting for that reply, and as the CDT child of its master.
 */
public final class ReplyOnce implements PersonalityInvariant<Sel4World> {
    public String name() {
        return "sel4-reply-once";
    }

    public String description() {
        return "each reply capability is made by one Call (or fault), used by at most one Reply, and only while its caller waits";
    }

    public String check(Sel4World before, Sel4World after, PersonalityAction<Sel4World> action, String outcome) {
        Set<String> seen = new HashSet<>();
        for (String r : after.usedReplies()) {
            if (!seen.add(r)) {
                return "the reply capability of call " + r + " was used twice";
            }
        }
        Set<String> to = new HashSet<>();
        for (Map.Entry<Slot, Cap> e : after.caps().entrySet()) {
            Cap c = e.getValue();
            if (c.kind() != CapKind.REPLY) {
                continue;
            }
            if (e.getKey().index() != Tcb.CALLER || !(after.object(e.getKey().holder()) instanceof Tcb)) {
                return "a reply capability sits in " + e.getKey() + ", not in a caller slot";
            }
            if (!to.add(c.object())) {
                return "two reply capabilities to " + c.object() + " exist";
            }
            Tcb caller = after.tcb(c.object());
            if (caller == null || !(caller.state() instanceof ThreadState.BlockedOnReply)) {
                return e.getKey() + " holds a reply capability to " + c.object() + ", which is not waiting for a reply";
            }
            if (!new Slot(c.object(), Tcb.REPLY).equals(after.parent(e.getKey()))) {
                return "the reply capability in " + e.getKey() + " is not the CDT child of " + c.object() + "'s master";
            }
        }
        boolean replied = (action instanceof Sel4Action.Reply r && before.tcb(r.thread()) != null
                && before.tcb(r.thread()).slot(Tcb.CALLER) != null)
                || (action instanceof Sel4Action.ReplyRecv rr && before.tcb(rr.thread()) != null
                && before.tcb(rr.thread()).slot(Tcb.CALLER) != null);
        if (replied && outcome.equals("ok") && after.usedReplies().size() != before.usedReplies().size() + 1) {
            return "'" + action.text() + "' held a reply capability but did not use it up";
        }
        return null;
    }
}
