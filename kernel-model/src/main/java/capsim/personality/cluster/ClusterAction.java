package capsim.personality.cluster;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityException;

/** The steps of the cluster, one record each; {@link #text()} is the scenario line that reads back to it. */
public sealed interface ClusterAction extends PersonalityAction<ClusterWorld> {

    /** Does the step (the world remembers it for copies through {@link ClusterWorld#run}). */
    String perform(ClusterWorld w) throws PersonalityException;

    @Override
    default String apply(ClusterWorld w) throws PersonalityException {
        return w.run(this);
    }

    /** {@code thread NAME on a|b quota N}: a thread with its own page and an activity of that quota. */
    record Thread(String name, int node, long quota) implements ClusterAction {
        public String perform(ClusterWorld w) throws PersonalityException {
            w.thread(name, node, quota);
            return "ok";
        }

        public String text() {
            return "thread " + name + " on " + (node == 0 ? "a" : "b") + " quota " + quota;
        }
    }

    /** {@code frame NAME for HOLDER bytes "..."}: a frame the holder pays for, in the first free slot of its page. */
    record Frame(String name, String holder, String bytes) implements ClusterAction {
        public String perform(ClusterWorld w) throws PersonalityException {
            w.frame(name, holder, bytes.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            return "ok";
        }

        public String text() {
            return "frame " + name + " for " + holder + " bytes " + quote(bytes);
        }
    }

    /** {@code link up over pipe|tcp quota N}: the link (again), its agents made the first time with that quota. */
    record LinkUp(String transport, long quota) implements ClusterAction {
        public String perform(ClusterWorld w) throws PersonalityException {
            w.linkUp(transport, quota);
            return "ok";
        }

        public String text() {
            return "link up over " + transport + " quota " + quota;
        }
    }

    /** {@code link cut}: both ends lose the link at once. */
    record Cut() implements ClusterAction {
        public String perform(ClusterWorld w) throws PersonalityException {
            w.cut();
            return "ok";
        }

        public String text() {
            return "link cut";
        }
    }

    /** {@code FROM send SRC to TO slot N}: SRC is an object's name or {@code slot M} of the sender's page. */
    record Send(String from, String source, String to, int slot) implements ClusterAction {
        public String perform(ClusterWorld w) throws PersonalityException {
            return w.send(from, source, to, slot);
        }

        public String text() {
            return from + " send " + source + " to " + to + " slot " + slot;
        }
    }

    /** {@code WHO release slot N}: the thread lets a proxy go. */
    record Release(String who, int slot) implements ClusterAction {
        public String perform(ClusterWorld w) throws PersonalityException {
            w.release(who, slot);
            return "ok";
        }

        public String text() {
            return who + " release slot " + slot;
        }
    }

    /** {@code FROM request NAME to TO [in PARENT]}: a transaction; FROM waits until told how it ended. */
    record Request(String from, String name, String to, String parent) implements ClusterAction {
        public String perform(ClusterWorld w) throws PersonalityException {
            w.request(name, from, to, parent);
            return "ok";
        }

        public String text() {
            return from + " request " + name + " to " + to + (parent != null ? " in " + parent : "");
        }
    }

    /** {@code WHO answer NAME}: the reply, then this side's DELETE. */
    record Answer(String who, String name) implements ClusterAction {
        public String perform(ClusterWorld w) throws PersonalityException {
            w.answer(who, name);
            return "ok";
        }

        public String text() {
            return who + " answer " + name;
        }
    }

    /** {@code WHO abort NAME}: the requester gives up (DELETE|ABORT). */
    record Abort(String who, String name) implements ClusterAction {
        public String perform(ClusterWorld w) throws PersonalityException {
            w.abort(who, name);
            return "ok";
        }

        public String text() {
            return who + " abort " + name;
        }
    }

    /** A string as the scenario language writes it. */
    static String quote(String s) {
        return capsim.personality.Quoted.of(s);
    }
}
