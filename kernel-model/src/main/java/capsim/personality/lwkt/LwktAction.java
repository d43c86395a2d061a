package capsim.personality.lwkt;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityException;

/**
 * One step of the LWKT personality, one record per operation. {@link #text()} is the scenario line (without
 * its outcome) that the lwkt dialect reads back to an equal record. Outcome words: {@code ok}, {@code EASYNC}
 * (the message is queued: the reply comes later), {@code BLOCKED} (the thread waits until it is replied).
 */
public sealed interface LwktAction extends PersonalityAction<LwktWorld> {

    /** {@code thread NAME [quota N]}: an activity (quota N, 0: none of its own) and a kernel thread it pays for. */
    record NewThread(String name, long quota) implements LwktAction {
        public String text() {
            return "thread " + name + (quota > 0 ? " quota " + quota : "");
        }

        public String apply(LwktWorld w) throws PersonalityException {
            w.newThread(name, quota);
            return "ok";
        }
    }

    /** {@code T port NAME [agent queue|sync] [arrival queue|upcall]}: a port T owns and pays for. */
    record NewPort(String thread, String name, MsgPort.Agent agent, MsgPort.Arrival arrival) implements LwktAction {
        public String text() {
            return thread + " port " + name + (agent == MsgPort.Agent.QUEUE ? "" : " agent " + agent.word())
                    + (arrival == MsgPort.Arrival.QUEUE ? "" : " arrival " + arrival.word());
        }

        public String apply(LwktWorld w) throws PersonalityException {
            w.newPort(thread, name, agent, arrival);
            return "ok";
        }
    }

    /**
     * {@code T message NAME [call getpid|call sleep N|call stage|signal SIG|timer N] [reply PORT] [async]
     * [abortable]}: a message T owns and pays for (a page); a call makes it a system-call message for sendsys;
     * {@code abortable} sets MSGF_ABORTABLE, without which an abort does nothing.
     */
    record NewMessage(String thread, String name, Call call, String reply, boolean async, boolean abortable)
            implements LwktAction {
        /** A message that is not abortable. */
        public NewMessage(String thread, String name, Call call, String reply, boolean async) {
            this(thread, name, call, reply, async, false);
        }

        public String text() {
            return thread + " message " + name + (call == null ? "" : " " + call.text())
                    + (reply == null ? "" : " reply " + reply) + (async ? " async" : "") + (abortable ? " abortable" : "");
        }

        public String apply(LwktWorld w) throws PersonalityException {
            w.newMessage(thread, name, call, reply, async, abortable);
            return "ok";
        }
    }

    /** {@code T write M "TEXT"}: the owner writes the message's data. */
    record Write(String thread, String message, String data) implements LwktAction {
        public String text() {
            return thread + " write " + message + " " + quote(data);
        }

        public String apply(LwktWorld w) throws PersonalityException {
            w.write(thread, message, LwktWorld.bytes(data));
            return "ok";
        }
    }

    /** {@code T send M to P}: asynchronous send; ok when the agent completes it at once, EASYNC when queued. */
    record Send(String thread, String message, String port) implements LwktAction {
        public String text() {
            return thread + " send " + message + " to " + port;
        }

        public String apply(LwktWorld w) throws PersonalityException {
            return w.send(thread, message, port, false);
        }
    }

    /** {@code T domsg M to P}: synchronous send; ok when completed at once, BLOCKED until the reply otherwise. */
    record DoMsg(String thread, String message, String port) implements LwktAction {
        public String text() {
            return thread + " domsg " + message + " to " + port;
        }

        public String apply(LwktWorld w) throws PersonalityException {
            return w.send(thread, message, port, true);
        }
    }

    /** {@code T getmsg P}: the port's owner takes the oldest message off it (EWOULDBLOCK when empty). */
    record GetMsg(String thread, String port) implements LwktAction {
        public String text() {
            return thread + " getmsg " + port;
        }

        public String apply(LwktWorld w) throws PersonalityException {
            w.getmsg(thread, port);
            return "ok";
        }
    }

    /** {@code T reply M [result WORD]}: the holder completes the message and returns it. */
    record Reply(String thread, String message, String result) implements LwktAction {
        public Reply {
            if (result == null || !(result.equals("ok") || result.matches("[A-Z][A-Z0-9_]*"))) {
                throw new IllegalArgumentException("a result is ok or an upper-case error word, not " + result);
            }
        }


        public String text() {
            return thread + " reply " + message + (result.equals("ok") ? "" : " result " + result);
        }

        public String apply(LwktWorld w) throws PersonalityException {
            w.reply(thread, message, result);
            return "ok";
        }
    }

    /** {@code T sendsys M}: the system call in M to the kernel; ok (done at once), EASYNC or BLOCKED. */
    record SendSys(String thread, String message) implements LwktAction {
        public String text() {
            return thread + " sendsys " + message;
        }

        public String apply(LwktWorld w) throws PersonalityException {
            return w.sendsys(thread, message);
        }
    }

    /** {@code T waitsys NAME}: wait until the message NAME is returned, or a message is on the port NAME. */
    record WaitSys(String thread, String name) implements LwktAction {
        public String text() {
            return thread + " waitsys " + name;
        }

        public String apply(LwktWorld w) throws PersonalityException {
            return w.waitsys(thread, name);
        }
    }

    /** {@code T flushsys}: deliver the upcalls held while T was in a critical section. */
    record FlushSys(String thread) implements LwktAction {
        public String text() {
            return thread + " flushsys";
        }

        public String apply(LwktWorld w) throws PersonalityException {
            w.flushsys(thread);
            return "ok";
        }
    }

    /** {@code T enter-critical}. */
    record EnterCritical(String thread) implements LwktAction {
        public String text() {
            return thread + " enter-critical";
        }

        public String apply(LwktWorld w) throws PersonalityException {
            w.enterCritical(thread);
            return "ok";
        }
    }

    /** {@code T exit-critical}. */
    record ExitCritical(String thread) implements LwktAction {
        public String text() {
            return thread + " exit-critical";
        }

        public String apply(LwktWorld w) throws PersonalityException {
            w.exitCritical(thread);
            return "ok";
        }
    }

    /** {@code T abort M}: the sender asks for an abort; the holder decides (advisory). */
    record Abort(String thread, String message) implements LwktAction {
        public String text() {
            return thread + " abort " + message;
        }

        public String apply(LwktWorld w) throws PersonalityException {
            w.abort(thread, message);
            return "ok";
        }
    }

    /** {@code T free M}: the creator, holding it, frees the message's page. */
    record Free(String thread, String message) implements LwktAction {
        public String text() {
            return thread + " free " + message;
        }

        public String apply(LwktWorld w) throws PersonalityException {
            w.free(thread, message);
            return "ok";
        }
    }

    /** {@code kernel tick [N]}: the clock advances N ticks (sleeps end, timers fire, staged pages are written). */
    record Tick(int ticks) implements LwktAction {
        public String text() {
            return "kernel tick" + (ticks == 1 ? "" : " " + ticks);
        }

        public String apply(LwktWorld w) throws PersonalityException {
            w.tick(ticks);
            return "ok";
        }
    }

    /** {@code kernel signal T SIG}: the signal SIG occurs for thread T. */
    record Signal(String thread, String signal) implements LwktAction {
        public String text() {
            return "kernel signal " + thread + " " + signal;
        }

        public String apply(LwktWorld w) throws PersonalityException {
            w.signal(thread, signal);
            return "ok";
        }
    }

    /** A scenario string literal: quotes, backslashes and control bytes escaped. */
    static String quote(String s) {
        return capsim.personality.Quoted.of(s);
    }
}
