package capsim.personality.caps;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * One CAPS step, as data. {@link #text()} prints the scenario line that reads back to an equal action (the
 * {@code caps} dialect). Message bytes are kept as a string of ISO-8859-1 characters, one per byte.
 */
public sealed interface CapsAction extends PersonalityAction<CapsWorld> {

    /** {@code process NAME uid U gid G [quota Q]}: a process with an activity (quota 0: none of its own), a thread and a capability page. */
    record NewProcess(String name, int uid, int gid, long quota) implements CapsAction {
        public String text() {
            return "process " + name + " uid " + uid + " gid " + gid + (quota != 0 ? " quota " + quota : "");
        }

        public String apply(CapsWorld w) throws PersonalityException {
            w.newProcess(name, uid, gid, quota);
            return "ok";
        }
    }

    /** {@code P service NAME uid U gid G flags F,...|none}: P registers the rendezvous point (NAME, U, G). */
    record Register(String process, String service, int uid, int gid, Set<Scope> flags) implements CapsAction {
        public Register {
            flags = Set.copyOf(flags);
        }

        public String text() {
            return process + " service " + service + " uid " + uid + " gid " + gid + " flags " + Scope.words(flags);
        }

        public String apply(CapsWorld w) throws PersonalityException {
            w.register(process, service, uid, gid, flags);
            return "ok";
        }
    }

    /** {@code P connect NAME uid U gid G as PORT}: P connects a new client port to the service (NAME, U, G). */
    record Connect(String process, String service, int uid, int gid, String port) implements CapsAction {
        public String text() {
            return process + " connect " + service + " uid " + uid + " gid " + gid + " as " + port;
        }

        public String apply(CapsWorld w) throws PersonalityException {
            w.connect(process, service, uid, gid, port);
            return "ok";
        }
    }

    /** {@code P put PORT "bytes" [times N]}: P sends N REQUESTs (all or none) on its port. */
    record Put(String process, String port, String data, int times) implements CapsAction {
        public Put {
            requireBytes(data);
        }

        public String text() {
            return process + " put " + port + " " + quote(data) + (times != 1 ? " times " + times : "");
        }

        public String apply(CapsWorld w) throws PersonalityException {
            w.put(process, port, bytes(data), times);
            return "ok";
        }
    }

    /**
     * {@code P get NAME [buffer N]}: P receives from its service or port NAME; the outcome is the state the message
     * came in (REQUEST, REPLY, DISPOSE) or TOOBIG when it does not fit the buffer and stays queued.
     */
    record Get(String process, String from, int buffer) implements CapsAction {
        public String text() {
            return process + " get " + from + (buffer != CapsWorld.DEFAULT_BUFFER ? " buffer " + buffer : "");
        }

        public String apply(CapsWorld w) throws PersonalityException {
            return w.get(process, from, buffer);
        }
    }

    /** {@code P reply msgN "bytes"}: P answers a request it has read. */
    record Reply(String process, int msg, String data) implements CapsAction {
        public Reply {
            requireBytes(data);
        }

        public String text() {
            return process + " reply msg" + msg + " " + quote(data);
        }

        public String apply(CapsWorld w) throws PersonalityException {
            w.reply(process, msg, bytes(data));
            return "ok";
        }
    }

    /** {@code P close NAME}: P closes its port or its service NAME. */
    record Close(String process, String name) implements CapsAction {
        public String text() {
            return process + " close " + name;
        }

        public String apply(CapsWorld w) throws PersonalityException {
            w.close(process, name);
            return "ok";
        }
    }

    private static void requireBytes(String data) {
        for (int i = 0; i < data.length(); i++) {
            if (data.charAt(i) > 0xff) {
                throw new IllegalArgumentException("message data is bytes: one ISO-8859-1 character each");
            }
        }
    }

    /** The bytes of {@code data}, one per character (ISO-8859-1). */
    static byte[] bytes(String data) {
        return data.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code data} in double quotes: printable ASCII kept, {@code " \} escaped, every other byte as \xHH. */
    static String quote(String data) {
        return capsim.personality.Quoted.of(data);
    }
}
