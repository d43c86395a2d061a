package capsim.personality.lwkt;

import capsim.personality.PersonalityException;

/**
 * A port's disposition: messages put on and taken off its queue, and what an arrival does (a waiting owner takes
 * it; an upcall port runs its handler; a queue port keeps it for getmsg).
 */
final class Ports {
    private Ports() {
    }

    static void getmsg(LwktWorld w, String thread, String port) throws PersonalityException {
        LwktThread t = Lookup.running(w, thread);
        MsgPort p = Lookup.portNamed(w, port);
        if (!thread.equals(p.owner())) {
            throw LwktWorld.err("EPERM", "only the owner of " + port + " (" + (p.owner() == null ? "the kernel" : p.owner())
                    + ") takes messages off it");
        }
        if (p.queue().isEmpty()) {
            throw LwktWorld.err("EWOULDBLOCK", "nothing is queued on " + port);
        }
        LwktMessage m = w.messages.get(p.queue().get(0));
        takeOff(w, p, m);
        w.hand(m, port, thread);
        w.event(thread + " takes " + m.name() + " off " + port + Messages.describeResult(m));
        SystemCalls.afterTake(w, t, m);
    }

    /** Puts {@code m} (which {@code p} owns) on {@code p}'s queue. */
    static void enqueue(LwktWorld w, MsgPort p, LwktMessage m) {
        w.touch(m, p.name());
        m.set(MsgFlag.QUEUED, true);
        p.queueMutable().add(m.name());
    }

    /** Takes {@code m} off {@code p}'s queue ({@code p} still owns it); a held upcall for it is dropped. */
    static void takeOff(LwktWorld w, MsgPort p, LwktMessage m) {
        w.touch(m, p.name());
        m.set(MsgFlag.QUEUED, false);
        p.queueMutable().remove(m.name());
        if (p.owner() != null) {
            w.threads.get(p.owner()).deferredMutable().remove(m.name());
        }
    }

    /** {@code m} just landed on {@code p}: a waiting owner takes it, else the port's arrival action runs. */
    static void arrival(LwktWorld w, MsgPort p, LwktMessage m) {
        LwktThread t = w.threads.get(p.owner());
        LwktThread.Wait wait = t.waiting();
        if (wait != null && wait.kind().equals("waitsys") && (wait.on().equals(p.name()) || wait.on().equals(m.name()))) {
            takeOff(w, p, m);
            w.hand(m, p.name(), t.name());
            t.setWait(null);
            w.event(t.name() + " wakes: waitsys " + wait.on() + " gets " + m.name() + Messages.describeResult(m));
            SystemCalls.afterTake(w, t, m);
            return;
        }
        if (p.arrival() != MsgPort.Arrival.UPCALL) {
            return;
        }
        if (t.critical() > 0) {
            t.deferredMutable().add(m.name());
            w.event(t.name() + " is in a critical section (depth " + t.critical() + "): upcall for " + m.name()
                    + " flagged, not delivered");
            return;
        }
        CriticalSections.upcall(w, t, p, m);
    }
}
