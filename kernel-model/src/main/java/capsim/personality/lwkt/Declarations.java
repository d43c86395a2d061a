package capsim.personality.lwkt;

import capsim.kernel.CapType;
import capsim.personality.PersonalityException;

/** New threads (an activity and a kernel thread), ports (a message queue) and messages (a page), each charged to its thread. */
final class Declarations {
    private Declarations() {
    }

    static void newThread(LwktWorld w, String name, long quota) throws PersonalityException {
        Lookup.freeName(w, name);
        if (quota < 0) {
            throw LwktWorld.err("EINVAL", "a quota is at least 0 (0: no limit of its own), not " + quota);
        }
        int act = w.activity(w.rootActivity(), quota, name, LwktPersonality.ROLE_ACTIVITY);
        int th = w.allocate(CapType.THREAD, act, name, LwktPersonality.ROLE_THREAD);
        w.threads.put(name, new LwktThread(name, act, w.cap(th), quota));
        w.event("thread " + name + ": activity #" + act + (quota > 0 ? " (quota " + quota + ")" : " (no quota of its own)")
                + " pays for kernel thread #" + th);
    }

    static void newPort(LwktWorld w, String thread, String name, MsgPort.Agent agent, MsgPort.Arrival arrival) throws PersonalityException {
        LwktThread t = Lookup.running(w, thread);
        Lookup.freeName(w, name);
        if (agent == MsgPort.Agent.KERNEL) {
            throw LwktWorld.err("EINVAL", "only the kernel's system port has the kernel agent");
        }
        int q = w.allocate(CapType.MESSAGE_QUEUE, t.activity(), name, LwktPersonality.ROLE_PORT);
        w.ports.put(name, new MsgPort(name, thread, w.cap(q), agent, arrival));
        w.event("port " + name + " of " + thread + ": queue #" + q + " charged to " + thread + "; agent " + agent.word()
                + ", arrival " + arrival.word());
    }

    static void newMessage(LwktWorld w, String thread, String name, Call call, String reply, boolean async, boolean abortable)
            throws PersonalityException {
        LwktThread t = Lookup.running(w, thread);
        Lookup.freeName(w, name);
        if (reply != null) {
            Lookup.portNamed(w, reply);
            if (reply.equals(LwktWorld.KERNEL)) {
                throw LwktWorld.err("EINVAL", "the system port is not a reply port");
            }
        }
        if (call != null && call.persistent() && reply == null) {
            throw LwktWorld.err("EINVAL", "a " + call.text().split(" ")[0] + " message needs a reply port: the kernel returns it there");
        }
        int f = w.allocate(CapType.FRAME, t.activity(), name, LwktPersonality.ROLE_MESSAGE);
        LwktMessage m = new LwktMessage(name, thread, w.cap(f), reply, call, async, abortable);
        w.messages.put(name, m);
        w.event("message " + name + " of " + thread + ": page #" + f + " charged to " + thread
                + (call == null ? "" : ", " + call.text()) + (reply == null ? ", no reply port" : ", reply port " + reply)
                + (m.persistent() ? " (persistent)" : "") + (abortable ? " (abortable)" : ""));
    }
}
