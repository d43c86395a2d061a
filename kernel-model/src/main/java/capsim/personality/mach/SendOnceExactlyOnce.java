package capsim.personality.mach;

import capsim.kernel.Frame;
import capsim.kernel.KernelObject;
import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every send-once right ever made is either live, held in exactly one place (a name, a queued message, or a
 * notification request) with its prepaid page live and charged to its maker, or has ended exactly once:
 * used to send a message, notified (a send-once notification went to its port), or died with its port
 * (only then may a queued message still carry it, as a dead right).
 */
public final class SendOnceExactlyOnce implements PersonalityInvariant<MachWorld> {
    public String name() {
        return "mach-send-once-exactly-once";
    }

    public String description() {
        return "each send-once right is held in one place until it is used, notified or dies with its port, exactly once";
    }

    public String check(MachWorld before, MachWorld w, PersonalityAction<MachWorld> action, String outcome) {
        Map<Integer, Integer> held = new TreeMap<>();
        Map<Integer, Integer> inMessages = new TreeMap<>();
        for (Task t : w.tasks.values()) {
            for (RightEntry e : t.names.values()) {
                if (e.sendOnce != 0) {
                    held.merge(e.sendOnce, 1, Integer::sum);
                }
            }
        }
        for (Port p : w.ports.values()) {
            for (NotificationRequest r : p.requests()) {
                held.merge(r.sendOnce(), 1, Integer::sum);
            }
        }
        for (MachMessage m : w.queuedMessages()) {
            for (CarriedRight c : m.rights()) {
                if (c.kind() == RightKind.SEND_ONCE) {
                    inMessages.merge(c.sendOnce(), 1, Integer::sum);
                }
            }
        }
        for (int id = 1; id <= w.madeSendOnces(); id++) {
            String ended = w.soEnded.get(id);
            SendOnceRight live = w.sendOnces.get(id);
            int places = held.getOrDefault(id, 0) + inMessages.getOrDefault(id, 0);
            if (ended != null && ended.contains("+")) {
                return "send-once #" + id + " ended more than once: " + ended;
            }
            if (live != null && ended != null) {
                return "send-once #" + id + " is live but ended (" + ended + ")";
            }
            if (live == null && ended == null) {
                return "send-once #" + id + " vanished: neither held, used, notified nor dead";
            }
            if (live != null) {
                if (places != 1) {
                    return "send-once #" + id + " is held in " + places + " places";
                }
                Task maker = w.tasks.get(live.maker());
                KernelObject f = w.kernel().heap().get(live.frame());
                if (!(f instanceof Frame) || maker == null || f.chargedTo() != maker.activity) {
                    return "send-once #" + id + " has no live page charged to its maker " + live.maker();
                }
            } else {
                if (held.containsKey(id)) {
                    return "send-once #" + id + " " + ended + " but a name or request still holds it";
                }
                if (inMessages.containsKey(id) && !ended.equals("died")) {
                    return "send-once #" + id + " " + ended + " but a queued message still carries it";
                }
            }
        }
        for (int id : w.sendOnces.keySet()) {
            if (id < 1 || id > w.madeSendOnces()) {
                return "send-once #" + id + " is live but was never made";
            }
        }
        return null;
    }
}
