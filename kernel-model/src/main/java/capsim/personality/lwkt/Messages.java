package capsim.personality.lwkt;

import capsim.kernel.Frame;
import capsim.personality.PersonalityException;

/**
 * A message's life between threads: written by its owner, sent (EASYNC when queued, done at once by a synchronous
 * agent), replied, completed (to a domsg waiter, onto its reply port, or back to its creator), waited for,
 * aborted (lwkt_abortmsg: only an MSGF_ABORTABLE message not yet done) and freed.
 */
final class Messages {
    private Messages() {
    }

    static void write(LwktWorld w, String thread, String message, byte[] bytes) throws PersonalityException {
        LwktThread t = Lookup.running(w, thread);
        LwktMessage m = Lookup.msg(w, message);
        Lookup.owned(m, t);
        if (!Frame.fits(0, bytes.length)) {
            throw LwktWorld.err("EINVAL", bytes.length + " bytes do not fit in a page");
        }
        w.touch(m, thread);
        w.writeBytes(m.frame().oid(), bytes);
        w.event(thread + " writes " + bytes.length + " bytes into " + message);
    }

    /** Clears what a previous trip left and points the message at {@code target}. */
    static void prepareSend(LwktWorld w, LwktMessage m, String by, String target, boolean sync) {
        w.touch(m, by);
        m.set(MsgFlag.DONE, false);
        m.set(MsgFlag.REPLY, false);
        m.set(MsgFlag.SYNC, sync);
        m.setWaiter(sync ? by : null);
        m.setResult(null);
        m.resetReturns();
        m.setTarget(target);
        w.aborts.remove(m.name());
    }

    /** sendmsg ({@code sync} false) or domsg ({@code sync} true) to a user port. */
    static String send(LwktWorld w, String thread, String message, String port, boolean sync) throws PersonalityException {
        LwktThread t = Lookup.running(w, thread);
        LwktMessage m = Lookup.msg(w, message);
        MsgPort p = Lookup.portNamed(w, port);
        Lookup.owned(m, t);
        if (p.agent() == MsgPort.Agent.KERNEL) {
            throw LwktWorld.err("EINVAL", "the system port takes system calls: use sendsys");
        }
        if (m.persistent()) {
            throw LwktWorld.err("EINVAL", message + " is persistent: only the kernel returns it again and again (use sendsys)");
        }
        if (sync && p.agent() == MsgPort.Agent.QUEUE && thread.equals(p.owner())) {
            throw LwktWorld.err("EDEADLK", thread + " would wait forever for its own port " + port + " to reply");
        }
        String verb = sync ? "domsg" : "send";
        prepareSend(w, m, thread, port, sync);
        w.hand(m, thread, port);
        if (p.agent() == MsgPort.Agent.SYNC) {
            w.touch(m, port);
            w.event(thread + " " + verb + " " + message + " to " + port + ": the agent completes it at once (synchronous result ok)");
            complete(w, m, port, "ok");
            return "ok";
        }
        Ports.enqueue(w, p, m);
        w.event("msg " + message + ": EASYNC, queued on port " + port + " (owner now " + port + ")");
        if (sync) {
            t.setWait(new LwktThread.Wait("domsg", message));
            w.event(thread + " blocks in domsg " + message + " until it is replied");
        }
        Ports.arrival(w, p, m);
        return sync && t.waiting() != null ? "BLOCKED" : sync ? "ok" : "EASYNC";
    }

    static String describeResult(LwktMessage m) {
        if (!m.has(MsgFlag.REPLY)) {
            return " (a request)";
        }
        return " (returned, result " + m.result() + (m.returned() > 1 ? ", return " + m.returned() : "") + ")";
    }

    static void reply(LwktWorld w, String thread, String message, String result) throws PersonalityException {
        LwktThread t = Lookup.running(w, thread);
        LwktMessage m = Lookup.msg(w, message);
        Lookup.owned(m, t);
        if (m.target() == null || m.has(MsgFlag.DONE)) {
            throw LwktWorld.err("EINVAL", message + " is not in flight: there is nothing to reply");
        }
        if (m.persistent()) {
            throw LwktWorld.err("EINVAL", message + " is persistent: only the kernel returns it");
        }
        w.event(thread + " replies " + message + " (result " + result + ")");
        complete(w, m, thread, result);
    }

    static String waitsys(LwktWorld w, String thread, String name) throws PersonalityException {
        LwktThread t = Lookup.running(w, thread);
        MsgPort p = w.ports.get(name);
        if (p != null) {
            if (!thread.equals(p.owner())) {
                throw LwktWorld.err("EPERM", "only the owner of " + name + " waits on it");
            }
            if (!p.queue().isEmpty()) {
                LwktMessage m = w.messages.get(p.queue().get(0));
                Ports.takeOff(w, p, m);
                w.hand(m, name, thread);
                w.event(thread + " waitsys " + name + ": " + m.name() + " is already there" + describeResult(m));
                SystemCalls.afterTake(w, t, m);
                return "ok";
            }
            t.setWait(new LwktThread.Wait("waitsys", name));
            w.event(thread + " blocks in waitsys " + name + " until a message arrives on it");
            return "BLOCKED";
        }
        LwktMessage m = w.messages.get(name);
        if (m == null) {
            throw LwktWorld.err("ENOENT", "no port or message " + name);
        }
        if (m.owner().equals(thread)) {
            if (m.has(MsgFlag.DONE)) {
                w.event(thread + " waitsys " + name + ": already back (result " + m.result() + ")");
                return "ok";
            }
            throw LwktWorld.err("EINVAL", name + " is not in flight: nothing to wait for");
        }
        MsgPort r = m.replyPort() == null ? null : w.ports.get(m.replyPort());
        if (r != null && m.owner().equals(r.name())) {
            if (!thread.equals(r.owner())) {
                throw LwktWorld.err("EPERM", name + " is on " + r.name() + ", which " + r.owner() + " owns");
            }
            Ports.takeOff(w, r, m);
            w.hand(m, r.name(), thread);
            w.event(thread + " waitsys " + name + ": already returned" + describeResult(m));
            SystemCalls.afterTake(w, t, m);
            return "ok";
        }
        if (!m.creator().equals(thread)) {
            throw LwktWorld.err("EPERM", "only " + name + "'s sender (" + m.creator() + ") waits for it");
        }
        if (r != null && !thread.equals(r.owner())) {
            throw LwktWorld.err("EPERM", name + " returns to " + r.name() + ", which " + r.owner() + " owns");
        }
        if (m.target() == null) {
            throw LwktWorld.err("EINVAL", name + " was never sent: nothing to wait for");
        }
        t.setWait(new LwktThread.Wait("waitsys", name));
        w.event(thread + " blocks in waitsys " + name + " until it is returned");
        return "BLOCKED";
    }

    static void abort(LwktWorld w, String thread, String message) throws PersonalityException {
        LwktThread t = Lookup.running(w, thread);
        LwktMessage m = Lookup.msg(w, message);
        if (!m.creator().equals(thread)) {
            throw LwktWorld.err("EPERM", "only " + message + "'s sender (" + m.creator() + ") may ask for an abort");
        }
        // lwkt_msgport.c lwkt_abortmsg: nothing happens unless the message is MSGF_ABORTABLE and not yet DONE or
        // REPLY (a message never sent is DONE from lwkt_initmsg); the call itself never fails.
        if (!m.has(MsgFlag.ABORTABLE)) {
            w.event("abort " + message + ": not ABORTABLE, so lwkt_abortmsg does nothing");
            return;
        }
        if (m.target() == null) {
            w.event("abort " + message + ": never sent, so nothing to abort");
            return;
        }
        if (m.has(MsgFlag.DONE)) {
            w.event("abort " + message + ": already done, so nothing to abort");
            return;
        }
        if (w.aborts.contains(message)) {
            w.event("abort " + message + ": already requested; " + m.owner() + " still decides");
            return;
        }
        if (m.persistent()) {
            LwktWorld.Armed a = w.armed(message);
            if (a != null) {
                w.armed.remove(a);
            }
            if (m.owner().equals(LwktWorld.KERNEL)) {
                w.event("abort " + message + ": the kernel disarms it and returns it a last time (ECANCELED)");
                complete(w, m, LwktWorld.KERNEL, "ECANCELED");
            } else {
                w.aborts.add(message);
                w.event("abort " + message + ": disarmed; the return already on " + m.owner() + " is its last");
            }
            return;
        }
        String owner = m.owner();
        MsgPort p = w.ports.get(owner);
        if (owner.equals(LwktWorld.KERNEL)) {
            w.sleeping.removeIf(s -> s.message().equals(message));
            Ports.takeOff(w, p, m);
            w.event("abort " + message + ": the kernel stops the call and returns it (ECANCELED)");
            w.touch(m, LwktWorld.KERNEL);
            complete(w, m, LwktWorld.KERNEL, "ECANCELED");
        } else if (p != null && p.queue().contains(message)) {
            Ports.takeOff(w, p, m);
            w.event("abort " + message + ": port " + owner + " dequeues it before " + p.owner()
                    + " took it and returns it (ECANCELED)");
            complete(w, m, owner, "ECANCELED");
        } else {
            w.aborts.add(message);
            w.event("abort " + message + ": requested; " + owner + " holds it and decides (advisory)");
        }
    }

    static void free(LwktWorld w, String thread, String message) throws PersonalityException {
        LwktThread t = Lookup.running(w, thread);
        LwktMessage m = Lookup.msg(w, message);
        Lookup.owned(m, t);
        if (!m.creator().equals(thread)) {
            throw LwktWorld.err("EPERM", "only " + message + "'s creator (" + m.creator() + ") frees it");
        }
        w.touch(m, thread);
        int page = m.frame().oid();
        w.free(page);
        w.messages.remove(message);
        w.aborts.remove(message);
        w.event(thread + " frees " + message + " (page #" + page + " no longer charged to " + thread + ")");
    }

    /**
     * Returns {@code m} (owned by {@code by}) with {@code result}: straight to a thread waiting in domsg or a
     * synchronous sendsys, else onto its reply port, else back to its creator (who polls or waits).
     */
    static void complete(LwktWorld w, LwktMessage m, String by, String result) {
        w.touch(m, by);
        m.setResult(result);
        m.set(MsgFlag.DONE, true);
        m.set(MsgFlag.REPLY, true);
        m.countReturn();
        if (m.has(MsgFlag.SYNC)) {
            String waiter = m.waiter();
            m.set(MsgFlag.SYNC, false);
            m.setWaiter(null);
            w.hand(m, by, waiter);
            LwktThread t = w.threads.get(waiter);
            if (t.waiting() != null && t.waiting().on().equals(m.name())) {
                t.setWait(null);
                w.event(waiter + " wakes: " + m.name() + " is done (result " + result + ")");
            } else {
                w.event(m.name() + " is done and back with " + waiter + " (result " + result + ")");
            }
            return;
        }
        if (m.replyPort() != null) {
            MsgPort r = w.ports.get(m.replyPort());
            w.hand(m, by, r.name());
            Ports.enqueue(w, r, m);
            w.event(m.name() + " returned onto " + r.name() + " (result " + result + ")");
            Ports.arrival(w, r, m);
            return;
        }
        w.hand(m, by, m.creator());
        LwktThread c = w.threads.get(m.creator());
        if (c.waiting() != null && c.waiting().kind().equals("waitsys") && c.waiting().on().equals(m.name())) {
            c.setWait(null);
            w.event(m.creator() + " wakes: " + m.name() + " is back (result " + result + ")");
        } else {
            w.event(m.name() + " is done and back with " + m.creator() + ", no reply port (result " + result + ")");
        }
    }
}
