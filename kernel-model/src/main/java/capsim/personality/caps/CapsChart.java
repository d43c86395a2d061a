package capsim.personality.caps;

import capsim.personality.SequenceMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sequence chart of a CAPS run (seed 000): processes, the services they register and the client ports
 * they connect are lifelines; a put is an arrow from the client to the service, a get one from the queue to
 * the process that reads it, a reply one from the server to the client's port, a DISPOSE one back to the
 * service. Read from the event log {@link CapsWorld} writes; each message's service and port are remembered
 * from its put.
 */
final class CapsChart implements SequenceMap<CapsWorld> {
    private static final Pattern PUT = Pattern.compile("msg (\\d+): (\\S+) put (\\d+) bytes on (\\S+) to service (\\S+)");
    private static final Pattern GOT = Pattern.compile("msg (\\d+): (\\S+) got (REQUEST|DISPOSE|REPLY)( \\((\\S+)\\))?");
    private static final Pattern REPLIED = Pattern.compile("msg (\\d+): (\\S+) replied (\\d+) bytes");
    private static final Pattern DISPOSE_BACK = Pattern.compile("msg (\\d+): DISPOSE queued back to service (\\S+)");
    private static final Pattern TURNS = Pattern.compile("msg (\\d+): (?:port (\\S+) is closed: the reply|the unread REPLY) turns into a DISPOSE");
    private static final Pattern ENOTCONN = Pattern.compile("msg (\\d+): replied ENOTCONN to (\\S+)");
    private static final Pattern FREED = Pattern.compile("msg (\\d+): freed");
    private static final Pattern MSG_NOTE = Pattern.compile("msg (\\d+): (.*)");
    private static final Pattern CONNECTED = Pattern.compile("(\\S+) connected port (\\S+) to service (\\S+)");
    private static final Pattern REGISTERED = Pattern.compile("(\\S+) registered service (\\S+)");
    private static final Pattern CLOSED = Pattern.compile("(\\S+) closed (port|service) (\\S+)(.*)");
    private static final Pattern SETUP = Pattern.compile("process \\S+: uid");

    @Override
    public List<String> actorRoles() {
        return List.of("process", "service", "port");
    }

    @Override
    public Reader<CapsWorld> reader() {
        return new Reader<>() {
            /** msg id → [client process, port, service], from its put. */
            private final Map<String, String[]> route = new HashMap<>();

            @Override
            public List<Arrow> arrows(int node, String event, CapsWorld after) {
                Matcher m;
                if ((m = PUT.matcher(event)).lookingAt()) {
                    route.put(m.group(1), new String[] {m.group(2), m.group(4), m.group(5)});
                    return List.of(new Arrow(process(m.group(2)), service(m.group(5)),
                            "msg " + m.group(1) + " put REQUEST, " + m.group(3) + " B via " + m.group(4), Kind.SEND));
                }
                if ((m = GOT.matcher(event)).lookingAt()) {
                    String[] r = route(m.group(1));
                    boolean reply = m.group(3).equals("REPLY");
                    Lifeline from = reply ? port(r[1]) : service(r[2]);
                    return List.of(new Arrow(from, process(m.group(2)), "msg " + m.group(1) + " get " + m.group(3)
                            + (m.group(5) != null ? " (" + m.group(5) + ")" : ""), Kind.RECEIVE));
                }
                if ((m = REPLIED.matcher(event)).lookingAt()) {
                    String[] r = route(m.group(1));
                    return List.of(new Arrow(process(m.group(2)), port(r[1]),
                            "msg " + m.group(1) + " REPLY, " + m.group(3) + " B", Kind.REPLY));
                }
                if ((m = DISPOSE_BACK.matcher(event)).lookingAt()) {
                    String[] r = route(m.group(1));
                    return List.of(new Arrow(process(r[0]), service(m.group(2)), "msg " + m.group(1) + " DISPOSE", Kind.DISPOSE));
                }
                if ((m = TURNS.matcher(event)).lookingAt()) {
                    String[] r = route(m.group(1));
                    return List.of(new Arrow(port(r[1]), service(r[2]), "msg " + m.group(1) + " DISPOSE (port closed)",
                            Kind.DISPOSE));
                }
                if ((m = ENOTCONN.matcher(event)).lookingAt()) {
                    String[] r = route(m.group(1));
                    return List.of(new Arrow(service(r[2]), port(m.group(2)),
                            "msg " + m.group(1) + " REPLY ENOTCONN (service closing)", Kind.FAIL));
                }
                if ((m = FREED.matcher(event)).lookingAt()) {
                    return List.of(Arrow.note(service(route(m.group(1))[2]), "msg " + m.group(1) + " freed"));
                }
                if ((m = MSG_NOTE.matcher(event)).lookingAt()) {
                    String[] r = route(m.group(1));
                    // freed, too big, no DISPOSE: something happened to the message where it waits
                    return List.of(Arrow.note(service(r[2]), "msg " + m.group(1) + ": " + shorten(m.group(2))));
                }
                if ((m = CONNECTED.matcher(event)).lookingAt()) {
                    return List.of(new Arrow(port(m.group(2)), service(m.group(3)), "connect " + m.group(2), Kind.NOTE));
                }
                if ((m = REGISTERED.matcher(event)).lookingAt()) {
                    return List.of(new Arrow(process(m.group(1)), service(m.group(2)), "register " + m.group(2), Kind.NOTE));
                }
                if ((m = CLOSED.matcher(event)).lookingAt()) {
                    Lifeline what = m.group(2).equals("port") ? port(m.group(3)) : service(m.group(3));
                    return List.of(Arrow.note(what, "closed by " + m.group(1)));
                }
                // set-up lines are the lifelines' heads; any other line is kept as a note rather than lost
                return SETUP.matcher(event).lookingAt() ? List.of() : List.of(Arrow.unread(Lifeline.kernel(0), event));
            }

            private String[] route(String msg) {
                return route.getOrDefault(msg, new String[3]);
            }
        };
    }

    /** "26 bytes do not fit server's 8-byte buffer: it stays queued, length 26 reported" → up to the colon. */
    private static String shorten(String s) {
        String cut = s.replaceAll(" \\(uid \\d+ gid \\d+\\)", "");
        int colon = cut.indexOf(':');
        return colon > 0 ? cut.substring(0, colon) : cut;
    }

    private static Lifeline process(String name) {
        return name == null ? Lifeline.kernel(0) : new Lifeline(0, "process", name);
    }

    private static Lifeline service(String name) {
        return name == null ? Lifeline.kernel(0) : new Lifeline(0, "service", name);
    }

    private static Lifeline port(String name) {
        return name == null ? Lifeline.kernel(0) : new Lifeline(0, "port", name);
    }
}
