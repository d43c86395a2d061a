package capsim.personality.mach;

import capsim.personality.SequenceMap;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sequence chart of a Mach run (seed 002): tasks, their ports and the kernel are lifelines. A send is an
 * arrow from the task to the destination port, labelled with the disposition of the send right and what the
 * message carries (rights, out-of-line regions, a reply right); a receive one from the port to the task; a
 * notification one from the kernel to the notify port. Read from the event log {@link MachWorld} writes.
 */
final class MachChart implements SequenceMap<MachWorld> {
    private static final Pattern SENDS = Pattern.compile("msg (\\d+): (\\S+) sends to port (\\S+) \\((\\S+)\\)\\s*(.*)");
    private static final Pattern RECEIVES = Pattern.compile("msg (\\d+): (\\S+) receives from port (\\S+): (.*)");
    private static final Pattern NOTIFY = Pattern.compile("msg (\\d+): notify (\\S+) for (\\S+) to port (\\S+)(?: \\(of \\S+\\))?\\s*(.*)");
    private static final Pattern DESTROYED = Pattern.compile("msg (\\d+) destroyed \\(port (\\S+) died\\)");
    private static final Pattern DIES = Pattern.compile("port (\\S+) dies");
    private static final Pattern FRESH = Pattern.compile("the kernel gives (\\S+) a fresh page for region (\\S+)");
    private static final Pattern CHARGED = Pattern.compile("port (\\S+) is now charged to (\\S+)");
    private static final Pattern INSERTS = Pattern.compile("(\\S+) inserts (\\S+) of (\\S+) into (\\S+) as (\\S+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\S+) requests (\\S+) notification for (\\S+) to port (\\S+)");
    private static final Pattern DESTROYS = Pattern.compile("(\\S+) destroys (?:the receive right of (\\S+)|(\\S+) \\(receive\\))");
    private static final Pattern TASK_NOTE = Pattern.compile("(\\S+) (deallocates .*|destroys .*|mod-refs .*|allocates region .*|writes region .*|sets the queue limit .*)");
    private static final Pattern SET_NOTE = Pattern.compile("(\\S+) (?:moves (\\S+) into port set (\\S+)|leaves port set (\\S+))");
    private static final Pattern SETUP = Pattern.compile("task \\S+ created.*|\\S+ allocates port (set )?\\S+.*");

    @Override
    public List<String> actorRoles() {
        return List.of("task", "port");
    }

    @Override
    public List<Lifeline> fixedLifelines(MachWorld world) {
        return List.of(Lifeline.kernel(0));
    }

    @Override
    public Reader<MachWorld> reader() {
        return (node, event, after) -> {
            Matcher m;
            if ((m = SENDS.matcher(event)).matches()) {
                return List.of(new Arrow(task(m.group(2)), port(m.group(3)),
                        "msg " + m.group(1) + " send (" + m.group(4) + ")" + rest(m.group(5)), Kind.SEND));
            }
            if ((m = RECEIVES.matcher(event)).matches()) {
                Kind kind = m.group(4).contains("notification") ? Kind.NOTIFY : Kind.RECEIVE;
                return List.of(new Arrow(port(m.group(3)), task(m.group(2)), "msg " + m.group(1) + " receive: " + m.group(4), kind));
            }
            if ((m = NOTIFY.matcher(event)).matches()) {
                return List.of(new Arrow(Lifeline.kernel(0), port(m.group(4)),
                        "msg " + m.group(1) + " notify " + m.group(2) + " (" + m.group(3) + ")" + rest(m.group(5)), Kind.NOTIFY));
            }
            if ((m = DESTROYED.matcher(event)).matches()) {
                return List.of(new Arrow(port(m.group(2)), port(m.group(2)), "msg " + m.group(1) + " destroyed", Kind.FAIL));
            }
            if ((m = DIES.matcher(event)).matches()) {
                return List.of(new Arrow(port(m.group(1)), port(m.group(1)), "port " + m.group(1) + " dies", Kind.FAIL));
            }
            if ((m = FRESH.matcher(event)).matches()) {
                return List.of(new Arrow(Lifeline.kernel(0), task(m.group(1)), "fresh page for " + m.group(2), Kind.NOTIFY));
            }
            if ((m = CHARGED.matcher(event)).matches()) {
                return List.of(Arrow.note(port(m.group(1)), "now charged to " + m.group(2)));
            }
            if ((m = INSERTS.matcher(event)).matches()) {
                return List.of(new Arrow(task(m.group(1)), task(m.group(4)), m.group(2) + " of " + m.group(3) + " as " + m.group(5),
                        Kind.NOTE));
            }
            if ((m = REQUESTS.matcher(event)).lookingAt()) {
                return List.of(new Arrow(task(m.group(1)), Lifeline.kernel(0),
                        m.group(2) + " notification for " + m.group(3) + " to " + m.group(4), Kind.NOTE));
            }
            if ((m = DESTROYS.matcher(event)).matches()) {
                String port = m.group(2) != null ? m.group(2) : m.group(3);
                return List.of(new Arrow(task(m.group(1)), port(port), "destroy receive right", Kind.NOTE));
            }
            if ((m = SET_NOTE.matcher(event)).matches()) {
                String port = m.group(2) != null ? m.group(2) : m.group(1);
                String text = m.group(3) != null ? "into port set " + m.group(3) : "leaves port set " + m.group(4);
                return List.of(Arrow.note(port(port), text));
            }
            if ((m = TASK_NOTE.matcher(event)).matches()) {
                return List.of(Arrow.note(task(m.group(1)), m.group(2)));
            }
            // set-up lines are the lifelines' heads; any other line is kept as a note rather than lost
            return SETUP.matcher(event).matches() ? List.of() : List.of(Arrow.unread(Lifeline.kernel(0), event));
        };
    }

    private static final Pattern REPLY_RIGHT = Pattern.compile("(.*?)\\s*\\breply (\\S+) (send-once|send)");

    /** What the message carries, as logged; its reply right said as "reply to PORT (right)". */
    private static String rest(String s) {
        if (s == null || s.isBlank()) {
            return "";
        }
        Matcher r = REPLY_RIGHT.matcher(s.trim());
        if (!r.matches()) {
            return " " + s.trim();
        }
        return " " + (r.group(1).isEmpty() ? "" : r.group(1) + ", ") + "reply to " + r.group(2) + " (" + r.group(3) + ")";
    }

    private static Lifeline task(String name) {
        return new Lifeline(0, "task", name);
    }

    private static Lifeline port(String name) {
        return new Lifeline(0, "port", name);
    }
}
