package capsim.personality.lwkt;

import capsim.personality.PersonalityException;
import java.util.ArrayList;
import java.util.List;

/** Critical sections and upcalls: an upcall is delivered only at depth 0, else flagged until flushsys. */
final class CriticalSections {
    private CriticalSections() {
    }

    static void flushsys(LwktWorld w, String thread) throws PersonalityException {
        LwktThread t = Lookup.running(w, thread);
        if (t.critical() > 0) {
            throw LwktWorld.err("EBUSY", thread + " is in a critical section (depth " + t.critical()
                    + "): flushsys would deliver upcalls inside it");
        }
        List<String> held = new ArrayList<>(t.deferred());
        if (held.isEmpty()) {
            w.event(thread + " flushsys: nothing held");
            return;
        }
        w.event(thread + " flushsys: " + held.size() + " held upcall" + (held.size() == 1 ? "" : "s"));
        for (String name : held) {
            LwktMessage m = w.messages.get(name);
            if (m == null || !t.deferred().contains(name)) {
                continue;
            }
            upcall(w, t, w.ports.get(m.owner()), m);
        }
    }

    static void enterCritical(LwktWorld w, String thread) throws PersonalityException {
        LwktThread t = Lookup.running(w, thread);
        t.setCritical(t.critical() + 1);
        w.event(thread + " enters a critical section (depth " + t.critical() + ")");
    }

    static void exitCritical(LwktWorld w, String thread) throws PersonalityException {
        LwktThread t = Lookup.running(w, thread);
        if (t.critical() == 0) {
            throw LwktWorld.err("EINVAL", thread + " is not in a critical section");
        }
        t.setCritical(t.critical() - 1);
        if (t.critical() == 0 && !t.deferred().isEmpty()) {
            w.event(thread + " leaves its last critical section with " + t.deferred().size()
                    + " upcall(s) flagged: it should call flushsys");
        } else {
            w.event(thread + " leaves a critical section (depth " + t.critical() + ")");
        }
    }

    static void upcall(LwktWorld w, LwktThread t, MsgPort p, LwktMessage m) {
        Ports.takeOff(w, p, m);
        w.hand(m, p.name(), t.name());
        t.countUpcall();
        w.upcallLog.add(new LwktWorld.Upcall(t.name(), m.name(), t.critical()));
        w.event("upcall: " + t.name() + " runs the handler of port " + p.name() + " with " + m.name() + Messages.describeResult(m));
        SystemCalls.afterTake(w, t, m);
    }
}
