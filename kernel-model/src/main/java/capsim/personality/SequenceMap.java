package capsim.personality;

import java.util.List;
import java.util.Locale;

/**
 * How a personality's run is drawn as a message-sequence chart: which of its objects are actors (one
 * lifeline each), and which arrow each line of its event log becomes. The visualizer knows nothing of any
 * design: it draws the lifelines and arrows this map gives. A personality that declares no map gets
 * {@link #plain()}: one lifeline per node, every event a note on it, so it still has a chart.
 *
 * <p>Actors are named by role and name ({@link World#roles(int)}, {@link World#names(int)}), not by oid,
 * so an actor whose kernel object is replaced (a Mach port moving to another task) keeps its lifeline.
 *
 * @param <W> the personality's world
 */
public interface SequenceMap<W extends World<W>> {

    /** The role word of lifelines carried by no object: the kernel, a node's link. */
    String FIXED = "";

    /** An actor: its node, the role of the object that carries it ({@link #FIXED} for none) and its name. */
    record Lifeline(int node, String role, String name) {
        public Lifeline {
            if (role == null || name == null) {
                throw new IllegalArgumentException("a lifeline needs a role and a name");
            }
        }

        /** The kernel's own lifeline on node {@code node} (notifications, timers, the system port). */
        public static Lifeline kernel(int node) {
            return new Lifeline(node, FIXED, "kernel");
        }
    }

    /** What an arrow stands for; each kind has its own colour and line. */
    enum Kind {
        /** A message sent or put: a request, a sendmsg, a Mach send. */
        SEND,
        /** A message taken off a queue or port by its receiver. */
        RECEIVE,
        /** A reply, or a message returned onto its reply port. */
        REPLY,
        /** A CAPS DISPOSE: the message goes back to the server to be freed. */
        DISPOSE,
        /** The kernel tells: a notification, an upcall, a wake-up, a completion. */
        NOTIFY,
        /** A message on the wire between two nodes. */
        LINK,
        /** The link between nodes is cut. */
        CUT,
        /** Something failed or was lost, and its owner is told. */
        FAIL,
        /** A note on one lifeline: nothing moved between actors. */
        NOTE,
        /** An event line the map does not read, kept as it is (a note), so nothing the design logged is lost. */
        LOG;

        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One arrow (a note when {@code from} equals {@code to}). */
    record Arrow(Lifeline from, Lifeline to, String text, Kind kind) {
        public Arrow {
            if (from == null || to == null || text == null || kind == null) {
                throw new IllegalArgumentException("an arrow needs both ends, a text and a kind");
            }
        }

        public static Arrow note(Lifeline on, String text) {
            return new Arrow(on, on, text, Kind.NOTE);
        }

        /** An event line no pattern of the map reads, shown as it is on {@code on}. */
        public static Arrow unread(Lifeline on, String event) {
            return new Arrow(on, on, event, Kind.LOG);
        }

        /** Whether it moves something between two actors (not a note on one). */
        public boolean moves() {
            return !from.equals(to);
        }
    }

    /** Reads one run's event log, line by line; it may remember what earlier lines said (msg 1 went to echo). */
    interface Reader<W> {
        /** The arrows of one event line, given the world after the step that logged it (none: nothing drawn). */
        List<Arrow> arrows(int node, String event, W after);
    }

    /** Roles whose objects are lifelines ("process", "service"); each object with one of them is an actor. */
    List<String> actorRoles();

    /** Lifelines carried by no object (the kernel), drawn before the others on their node. */
    default List<Lifeline> fixedLifelines(W world) {
        return List.of();
    }

    /** A fresh reader for one run. */
    Reader<W> reader();

    /**
     * The node an event line belongs to: 0 unless the design runs several kernels (a cluster's lines start
     * with the node's name).
     */
    default int node(String event, W world) {
        List<String> nodes = world.nodeNames();
        for (int i = 0; i < nodes.size() && nodes.size() > 1; i++) {
            if (event.startsWith(nodes.get(i) + ":")) {
                return i;
            }
        }
        return 0;
    }

    /**
     * Where a refused step is marked. By default: from the lifeline named by the step's first word (the
     * actor that tried) to the first other lifeline the step names (what it addressed), or as a note on
     * the actor, or on the first lifeline when the step names no actor ({@code link up}, {@code kernel tick}).
     */
    default Arrow refused(String step, String outcome, List<Lifeline> lifelines) {
        String[] words = step.trim().split("\\s+");
        Lifeline actor = null;
        Lifeline target = null;
        for (int i = 0; i < words.length; i++) {
            for (Lifeline l : lifelines) {
                if (l.name().equals(words[i])) {
                    if (i == 0 && actor == null) {
                        actor = l;
                    } else if (i > 0 && actor != null && target == null && !l.equals(actor)) {
                        target = l;
                    }
                }
            }
        }
        String text = (actor != null ? step.trim().substring(words[0].length()).trim() : step.trim()) + ": " + outcome
                + " (refused)";
        if (actor == null) {
            return Arrow.note(lifelines.isEmpty() ? Lifeline.kernel(0) : lifelines.get(0), text);
        }
        return new Arrow(actor, target == null ? actor : target, text, Kind.FAIL);
    }

    /** The map of a personality that declares none: one lifeline per node, each event a note on it. */
    static <W extends World<W>> SequenceMap<W> plain() {
        return new SequenceMap<>() {
            @Override
            public List<String> actorRoles() {
                return List.of();
            }

            @Override
            public List<Lifeline> fixedLifelines(W world) {
                return java.util.stream.IntStream.range(0, world.kernels().size()).mapToObj(Lifeline::kernel).toList();
            }

            @Override
            public Reader<W> reader() {
                return (node, event, after) -> List.of(Arrow.unread(Lifeline.kernel(node), event));
            }
        };
    }
}
