package capsim.personality.lwkt;

import capsim.kernel.CapType;
import capsim.kernel.Capability;
import capsim.personality.PersonalityException;
import java.util.ArrayList;

/**
 * The kernel's system port: sendsys (getpid and stage at once, sleep held, signals and timers armed as persistent
 * messages, EASYNC), the clock (sleeps over, staged pages written out, timers due), signals, and re-arming a
 * persistent message once its owner took a return.
 */
final class SystemCalls {
    private SystemCalls() {
    }

    static String sendsys(LwktWorld w, String thread, String message) throws PersonalityException {
        LwktThread t = Lookup.running(w, thread);
        LwktMessage m = Lookup.msg(w, message);
        Lookup.owned(m, t);
        if (m.call() == null) {
            throw LwktWorld.err("EINVAL", message + " carries no system call");
        }
        boolean async = m.has(MsgFlag.ASYNC);
        Capability fresh = null;
        if (m.call() instanceof Call.Stage) {
            // The fresh page first: an exhausted quota refuses the call before anything changes.
            LwktThread payer = w.threads.get(m.creator());
            fresh = w.cap(w.allocate(CapType.FRAME, payer.activity(), message, LwktPersonality.ROLE_MESSAGE));
        }
        Messages.prepareSend(w, m, thread, LwktWorld.KERNEL, !async);
        w.hand(m, thread, LwktWorld.KERNEL);
        MsgPort sys = w.ports.get(LwktWorld.KERNEL);
        switch (m.call()) {
            case Call.Getpid g -> {
                w.touch(m, LwktWorld.KERNEL);
                w.event(thread + " sendsys " + message + ": the kernel completes getpid at once (synchronous result ok)");
                Messages.complete(w, m, LwktWorld.KERNEL, "ok");
                return "ok";
            }
            case Call.Stage s -> {
                w.touch(m, LwktWorld.KERNEL);
                Capability old = m.frame();
                m.setFrame(fresh);
                w.staged.add(new LwktWorld.Staged(old, m.creator(), message, w.now + 1));
                w.label(old.oid(), message + " (staged)", LwktPersonality.ROLE_STAGED);
                w.event(thread + " sendsys " + message + ": the kernel takes page #" + old.oid()
                        + " (its alone until written out at tick " + (w.now + 1) + ", still charged to " + m.creator()
                        + ") and gives " + message + " fresh page #" + fresh.oid());
                Messages.complete(w, m, LwktWorld.KERNEL, "ok");
                return "ok";
            }
            case Call.Sleep s -> {
                Ports.enqueue(w, sys, m);
                w.sleeping.add(new LwktWorld.Sleeping(message, w.now + s.ticks()));
                if (async) {
                    w.event("msg " + message + ": EASYNC, the kernel holds it until tick " + (w.now + s.ticks()));
                    return "EASYNC";
                }
                t.setWait(new LwktThread.Wait("sendsys", message));
                w.event(thread + " blocks in sendsys " + message + " until tick " + (w.now + s.ticks()));
                return "BLOCKED";
            }
            case Call.Signal s -> {
                w.armed.add(new LwktWorld.Armed(message, -1, 0));
                w.event("msg " + message + ": EASYNC, the kernel arms signal " + s.signal() + " for " + m.creator()
                        + " (live in the kernel until aborted)");
                return "EASYNC";
            }
            case Call.Timer tm -> {
                w.armed.add(new LwktWorld.Armed(message, w.now + tm.period(), 0));
                w.event("msg " + message + ": EASYNC, the kernel arms a timer every " + tm.period() + " ticks (first at tick "
                        + (w.now + tm.period()) + ", live until aborted)");
                return "EASYNC";
            }
        }
    }

    static void tick(LwktWorld w, int n) throws PersonalityException {
        if (n < 1) {
            throw LwktWorld.err("EINVAL", "a tick count is at least 1, not " + n);
        }
        for (int i = 0; i < n; i++) {
            w.now++;
            w.event("tick " + w.now);
            for (LwktWorld.Staged s : new ArrayList<>(w.staged)) {
                if (s.due() <= w.now) {
                    w.staged.remove(s);
                    w.free(s.page().oid());
                    w.event("kernel wrote page #" + s.page().oid() + " of " + s.message() + " out and freed it ("
                            + s.thread() + " pays for it no more)");
                }
            }
            for (LwktWorld.Sleeping s : new ArrayList<>(w.sleeping)) {
                if (s.due() <= w.now) {
                    w.sleeping.remove(s);
                    LwktMessage m = w.messages.get(s.message());
                    Ports.takeOff(w, w.ports.get(LwktWorld.KERNEL), m);
                    w.touch(m, LwktWorld.KERNEL);
                    w.event("kernel completes " + s.message() + " (sleep over)");
                    Messages.complete(w, m, LwktWorld.KERNEL, "ok");
                }
            }
            for (LwktWorld.Armed a : new ArrayList<>(w.armed)) {
                if (a.due() >= 0 && a.due() <= w.now && w.armed.contains(a)) {
                    Call.Timer tm = (Call.Timer) w.messages.get(a.message()).call();
                    LwktWorld.Armed next = new LwktWorld.Armed(a.message(), a.due() + tm.period(), a.overruns());
                    w.armed.set(w.armed.indexOf(a), next);
                    fire(w, next, "timer");
                }
            }
        }
    }

    static void signal(LwktWorld w, String thread, String signal) throws PersonalityException {
        if (!w.threads.containsKey(thread)) {
            throw LwktWorld.err("ESRCH", "no thread " + thread);
        }
        boolean any = false;
        for (LwktWorld.Armed a : new ArrayList<>(w.armed)) {
            LwktMessage m = w.messages.get(a.message());
            if (m.creator().equals(thread) && m.call() instanceof Call.Signal s && s.signal().equals(signal)
                    && w.armed.contains(a)) {
                any = true;
                fire(w, a, "signal " + signal);
            }
        }
        if (!any) {
            w.event("signal " + signal + " to " + thread + ": no signal message armed: ignored");
        }
    }

    /** The kernel returns an armed persistent message, or counts an overrun while the last return is still out. */
    private static void fire(LwktWorld w, LwktWorld.Armed a, String why) {
        LwktMessage m = w.messages.get(a.message());
        if (!m.owner().equals(LwktWorld.KERNEL)) {
            LwktWorld.Armed more = new LwktWorld.Armed(a.message(), a.due(), a.overruns() + 1);
            w.armed.set(w.armed.indexOf(a), more);
            w.event(why + ": " + m.name() + " is still out (owner " + m.owner() + "): coalesced, overrun " + more.overruns());
            return;
        }
        w.touch(m, LwktWorld.KERNEL);
        m.set(MsgFlag.REPLY, true);
        m.setResult("ok");
        m.countReturn();
        MsgPort r = w.ports.get(m.replyPort());
        w.hand(m, LwktWorld.KERNEL, r.name());
        Ports.enqueue(w, r, m);
        w.event(why + ": the kernel returns " + m.name() + " onto " + r.name() + " (return " + m.returned()
                + "; it stays armed)");
        Ports.arrival(w, r, m);
    }

    /** After a thread took a returned persistent message: re-armed (back to the kernel) unless its abort is pending. */
    static void afterTake(LwktWorld w, LwktThread t, LwktMessage m) {
        if (!m.persistent() || m.has(MsgFlag.DONE)) {
            return;
        }
        if (w.aborts.contains(m.name())) {
            w.touch(m, t.name());
            m.set(MsgFlag.DONE, true);
            w.event(m.name() + " was aborted: this return was its last; " + t.name() + " keeps it");
            return;
        }
        w.hand(m, t.name(), LwktWorld.KERNEL);
        LwktWorld.Armed a = w.armed(m.name());
        if (a != null && a.overruns() > 0) {
            w.armed.set(w.armed.indexOf(a), new LwktWorld.Armed(a.message(), a.due(), 0));
            w.event(m.name() + " goes back to the kernel, armed; " + t.name() + " learns of " + a.overruns()
                    + " overrun(s) coalesced into this return");
        } else {
            w.event(m.name() + " goes back to the kernel, armed (it may be returned again)");
        }
    }
}
