package capsim.personality.cluster;

import capsim.personality.SequenceMap;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sequence chart of a cluster run (seed 004): each node's threads and its link agent are lifelines,
 * grouped by node. A thread's send, request, answer or abort goes to its node's agent; the agents exchange
 * the wire messages (command and msgid, as {@link ClusterWorld} logs them); the far agent hands a request or
 * a proxy to its thread and tells the requester how its request ended. The cut is drawn between the agents.
 */
final class ClusterChart implements SequenceMap<ClusterWorld> {
    private static final Pattern SENDS = Pattern.compile("(\\S+): (\\S+) sends (.+?) to (\\S+) slot (\\d+)");
    private static final Pattern PROXY = Pattern.compile("(\\S+): proxy frame#(\\d+) in (\\S+) slot (\\d+)");
    private static final Pattern NO_ROOM = Pattern.compile("(\\S+): no room for a proxy(.*)");
    private static final Pattern RELEASED = Pattern.compile("(\\S+): (\\S+) released the proxy in slot (\\d+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\S+): (\\S+) requests (\\S+) from (\\S+)( in \\S+)?");
    private static final Pattern ANSWERS = Pattern.compile("(\\S+): (\\S+) (answers|aborts) (\\S+)");
    private static final Pattern TOLD = Pattern.compile("(\\S+): (\\S+) told: (\\S+) (.*)");
    private static final Pattern WIRE = Pattern.compile("(\\S+)->(\\S+): (.*), (\\d+) bytes");
    private static final Pattern UP = Pattern.compile("link (\\d+) up over (\\S+)");
    private static final Pattern CUT = Pattern.compile("link (\\d+) cut");
    private static final Pattern LOST = Pattern.compile("(\\S+): link lost: (.*)");
    private static final Pattern SETUP = Pattern.compile("\\S+: (thread|frame) \\S+ .*");

    @Override
    public List<String> actorRoles() {
        return List.of("thread", "agent");
    }

    @Override
    public Reader<ClusterWorld> reader() {
        return new Reader<>() {
            /** A request just made, not yet on the wire: [node, name, target thread]. */
            private String[] pending;

            @Override
            public List<Arrow> arrows(int node, String event, ClusterWorld after) {
                List<String> nodes = shortNames(after);
                Matcher m;
                if ((m = WIRE.matcher(event)).matches()) {
                    int from = nodes.indexOf(m.group(1));
                    int to = nodes.indexOf(m.group(2));
                    List<Arrow> out = new ArrayList<>();
                    out.add(new Arrow(agent(nodes, from), agent(nodes, to), m.group(3) + " (" + m.group(4) + " B)", Kind.LINK));
                    if (pending != null && m.group(3).startsWith("CREATE|REQUEST")) {
                        out.add(new Arrow(agent(nodes, to), new Lifeline(to, "thread", pending[2]), "request " + pending[1]
                                + " arrives", Kind.RECEIVE));
                        pending = null;
                    }
                    return out;
                }
                if ((m = UP.matcher(event)).matches()) {
                    return List.of(new Arrow(agent(nodes, 0), agent(nodes, 1), "link " + m.group(1) + " up over " + m.group(2),
                            Kind.LINK));
                }
                if ((m = CUT.matcher(event)).matches()) {
                    return List.of(new Arrow(agent(nodes, 0), agent(nodes, 1), "link " + m.group(1) + " cut", Kind.CUT));
                }
                int n = nodes.indexOf(event.substring(0, Math.max(0, event.indexOf(':'))));
                if (n < 0) {
                    return List.of(Arrow.unread(Lifeline.kernel(0), event));
                }
                if ((m = SENDS.matcher(event)).matches()) {
                    return List.of(new Arrow(thread(n, m.group(2)), agent(nodes, n),
                            "send " + m.group(3) + " to " + m.group(4) + " slot " + m.group(5), Kind.SEND));
                }
                if ((m = PROXY.matcher(event)).matches()) {
                    return List.of(new Arrow(agent(nodes, n), thread(n, m.group(3)),
                            "proxy frame#" + m.group(2) + " in slot " + m.group(4), Kind.RECEIVE));
                }
                if ((m = NO_ROOM.matcher(event)).matches()) {
                    return List.of(new Arrow(agent(nodes, n), agent(nodes, n), "no room for a proxy", Kind.FAIL));
                }
                if ((m = RELEASED.matcher(event)).matches()) {
                    return List.of(new Arrow(thread(n, m.group(2)), agent(nodes, n), "release slot " + m.group(3), Kind.SEND));
                }
                if ((m = REQUESTS.matcher(event)).matches()) {
                    pending = new String[] {String.valueOf(n), m.group(3), m.group(4)};
                    return List.of(new Arrow(thread(n, m.group(2)), agent(nodes, n), "request " + m.group(3) + " to "
                            + m.group(4) + (m.group(5) != null ? m.group(5) : ""), Kind.SEND));
                }
                if ((m = ANSWERS.matcher(event)).matches()) {
                    String verb = m.group(3).equals("answers") ? "answer " : "abort ";
                    return List.of(new Arrow(thread(n, m.group(2)), agent(nodes, n), verb + m.group(4),
                            verb.startsWith("answer") ? Kind.REPLY : Kind.SEND));
                }
                if ((m = TOLD.matcher(event)).matches()) {
                    boolean answered = m.group(4).equals("answered");
                    return List.of(new Arrow(agent(nodes, n), thread(n, m.group(2)), m.group(3) + " " + m.group(4),
                            answered ? Kind.REPLY : Kind.FAIL));
                }
                if ((m = LOST.matcher(event)).matches()) {
                    return List.of(new Arrow(agent(nodes, n), agent(nodes, n), "link lost: " + m.group(2), Kind.FAIL));
                }
                // set-up lines are the lifelines' heads; any other line is kept as a note rather than lost
                return SETUP.matcher(event).matches() ? List.of() : List.of(Arrow.unread(Lifeline.kernel(n), event));
            }
        };
    }

    @Override
    public int node(String event, ClusterWorld world) {
        int n = shortNames(world).indexOf(event.substring(0, Math.max(0, event.indexOf(':'))));
        return Math.max(n, 0);
    }

    /** The nodes as the event log names them: "a", "b" (the diagrams say "node a"). */
    private static List<String> shortNames(ClusterWorld world) {
        return world.nodeNames().stream().map(n -> n.substring(n.lastIndexOf(' ') + 1)).toList();
    }

    private static Lifeline thread(int node, String name) {
        return new Lifeline(node, "thread", name);
    }

    private static Lifeline agent(List<String> nodes, int node) {
        return new Lifeline(node, "agent", "agent-" + nodes.get(node));
    }
}
