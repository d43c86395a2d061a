package capsim.personality.mach;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A no-senders notification is generated exactly when a port's send-right count reaches 0 while a
 * no-senders request is armed on it, or when a request with a sync count finds the port without senders and
 * {@code sync <= mscount} (GNU Mach ipc_port_nsrequest): once per such moment, never otherwise; and a count never
 * goes below 0.
 * Read off the step's part of the world's send-count log and notification log.
 */
public final class NoSendersExact implements PersonalityInvariant<MachWorld> {
    public String name() {
        return "mach-no-senders-exact";
    }

    public String description() {
        return "no-senders fires exactly when an armed port's send count reaches 0, once, and never otherwise";
    }

    public String check(MachWorld before, MachWorld w, PersonalityAction<MachWorld> action, String outcome) {
        List<MachWorld.SendTransition> log = w.sendLog;
        Map<String, Integer> reached = new TreeMap<>();
        for (int i = Math.min(before.sendLog.size(), log.size()); i < log.size(); i++) {
            MachWorld.SendTransition t = log.get(i);
            if (t.to() < 0) {
                return "the send count of " + t.port() + " went below 0 (" + t.from() + " -> " + t.to() + ")";
            }
            if (t.armed() && t.from() > 0 && t.to() == 0) {
                reached.merge(t.port(), 1, Integer::sum);
            }
        }
        if (action instanceof MachAction.RequestNotification rn && rn.sync() != null
                && rn.kind() == NotificationKind.NO_SENDERS && "ok".equals(outcome)) {
            Task t = before.tasks.get(rn.task());
            RightEntry e = t == null ? null : t.names.get(rn.name());
            Port p = e == null ? null : before.ports.get(e.target);
            if (p != null && p.srights == 0 && rn.sync() <= p.mscount) {
                reached.merge(p.label, 1, Integer::sum);
            }
        }
        Map<String, Integer> fired = new TreeMap<>();
        for (int i = Math.min(before.noSendersFired.size(), w.noSendersFired.size()); i < w.noSendersFired.size(); i++) {
            fired.merge(w.noSendersFired.get(i), 1, Integer::sum);
        }
        for (var e : reached.entrySet()) {
            int f = fired.getOrDefault(e.getKey(), 0);
            if (f != e.getValue()) {
                return "the send count of " + e.getKey() + " reached 0 with no-senders armed " + e.getValue()
                        + " time(s), but " + f + " notification(s) went";
            }
        }
        for (var e : fired.entrySet()) {
            if (!reached.containsKey(e.getKey())) {
                return "a no-senders notification for " + e.getKey() + " went, but its send count did not reach 0 while armed";
            }
        }
        for (Port p : w.ports.values()) {
            if (p.alive && p.noSenders != null && p.srights == 0) {
                Port was = before.ports.get(p.label);
                if (was != null && was.alive && was.srights > 0 && was.noSenders == p.noSenders) {
                    return "port " + p.label + " lost its last sender but its no-senders request is still armed";
                }
            }
        }
        return null;
    }
}
