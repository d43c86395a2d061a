package capsim.personality.lwkt;

import capsim.personality.SequenceMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sequence chart of an LWKT run (seeds 002, 003): threads, their ports and the kernel's system port are
 * lifelines. A message is drawn where it goes: from its holder to a port on sendmsg/domsg/sendsys, off a port
 * to the thread that takes it, back onto its reply port when replied, to its thread as an upcall. The holder
 * of each message (the thread or port that has it, as {@link LwktWorld} logs) is remembered line by line.
 */
final class LwktChart implements SequenceMap<LwktWorld> {
    private static final Pattern CREATED = Pattern.compile("message (\\S+) of (\\S+):");
    private static final Pattern EASYNC_QUEUED = Pattern.compile("msg (\\S+): EASYNC, queued on port (\\S+)");
    private static final Pattern AT_ONCE = Pattern.compile("(\\S+) (send|domsg) (\\S+) to (\\S+): the agent completes it at once \\(synchronous result (\\S+)\\)");
    private static final Pattern TAKES = Pattern.compile("(\\S+) takes (\\S+) off (\\S+)(?: \\((.*)\\))?");
    private static final Pattern RETURNED = Pattern.compile("(\\S+) returned onto (\\S+) \\(result (\\S+)\\)");
    private static final Pattern WAKES_DONE = Pattern.compile("(\\S+) wakes: (\\S+) is done \\(result (\\S+)\\)");
    private static final Pattern BACK_WITH = Pattern.compile("(\\S+) is done and back with (\\S+?)(, no reply port)? \\(result (\\S+)\\)");
    private static final Pattern WAITSYS_GETS = Pattern.compile("(\\S+) wakes: waitsys (\\S+) gets (\\S+)");
    private static final Pattern ALREADY_THERE = Pattern.compile("(\\S+) waitsys (\\S+): (\\S+) is already there");
    private static final Pattern SENDSYS = Pattern.compile("(\\S+) sendsys (\\S+): the kernel (completes (\\S+) at once|takes page #(\\d+).*fresh page #(\\d+))");
    private static final Pattern EASYNC_KERNEL = Pattern.compile("msg (\\S+): EASYNC, the kernel (holds it until tick \\d+|arms (?:signal \\S+|a timer every \\d+ ticks))");
    private static final Pattern KERNEL_RETURNS = Pattern.compile("(timer|signal \\S+): the kernel returns (\\S+) onto (\\S+) \\((return \\d+)");
    private static final Pattern UPCALL = Pattern.compile("upcall: (\\S+) runs the handler of port (\\S+) with (\\S+)");
    private static final Pattern FLAGGED = Pattern.compile("(\\S+) is in a critical section \\(depth (\\d+)\\): upcall for (\\S+) flagged");
    private static final Pattern BACK_TO_KERNEL = Pattern.compile("(\\S+) goes back to the kernel, armed");
    private static final Pattern BLOCKS_IN_SENDSYS = Pattern.compile("(\\S+) blocks in sendsys (\\S+) until (.*)");
    private static final Pattern REPLIES = Pattern.compile("(\\S+) replies (\\S+) \\(result (\\S+)\\)");
    private static final Pattern WAS_ABORTED = Pattern.compile("(\\S+) was aborted: (.*)");
    private static final Pattern ALREADY_BACK = Pattern.compile("(\\S+) waitsys (\\S+): already (back|returned)(.*)");
    private static final Pattern ABORT = Pattern.compile("abort (\\S+): (.*)");
    private static final Pattern KERNEL_NOTE = Pattern.compile("(kernel completes .*|kernel wrote page .*|(?:timer|signal \\S+)(?: to \\S+)?: .*)");
    private static final Pattern THREAD_NOTE = Pattern.compile("(\\S+) (blocks in .*|enters a critical .*|leaves (?:its last|a) critical section.*|flushsys: .*|frees \\S+).*");
    private static final Pattern SETUP = Pattern.compile("thread \\S+: activity .*|port \\S+ of \\S+: .*|\\S+ writes \\d+ bytes into \\S+|tick \\d+");

    @Override
    public List<String> actorRoles() {
        return List.of(LwktPersonality.ROLE_THREAD, LwktPersonality.ROLE_PORT, LwktPersonality.ROLE_SYSTEM_PORT);
    }

    @Override
    public Reader<LwktWorld> reader() {
        return new Reader<>() {
            /** Message name → who has it now: its creator, a port, a thread, the kernel. */
            private final Map<String, Lifeline> holder = new HashMap<>();

            @Override
            public List<Arrow> arrows(int node, String event, LwktWorld after) {
                Matcher m;
                if ((m = CREATED.matcher(event)).lookingAt()) {
                    holder.put(m.group(1), thread(m.group(2)));
                    return List.of();
                }
                if ((m = EASYNC_QUEUED.matcher(event)).lookingAt()) {
                    return move(m.group(1), port(m.group(2)), "sendmsg " + m.group(1) + ": EASYNC, queued", Kind.SEND);
                }
                if ((m = AT_ONCE.matcher(event)).lookingAt()) {
                    holder.put(m.group(3), thread(m.group(1)));
                    String verb = m.group(2).equals("send") ? "sendmsg " : "domsg ";
                    return move(m.group(3), port(m.group(4)), verb + m.group(3) + ": done at once (" + m.group(5) + ")", Kind.SEND);
                }
                if ((m = TAKES.matcher(event)).lookingAt()) {
                    return List.of(to(m.group(2), port(m.group(3)), thread(m.group(1)), "getmsg " + m.group(2)
                            + (m.group(4) != null ? " (" + m.group(4) + ")" : ""), Kind.RECEIVE));
                }
                if ((m = RETURNED.matcher(event)).lookingAt()) {
                    return move(m.group(1), port(m.group(2)), "reply " + m.group(1) + " (" + m.group(3) + ")", Kind.REPLY);
                }
                if ((m = WAKES_DONE.matcher(event)).lookingAt()) {
                    return move(m.group(2), thread(m.group(1)), m.group(2) + " done (" + m.group(3) + "): "
                            + m.group(1) + " wakes", Kind.REPLY);
                }
                if ((m = BACK_WITH.matcher(event)).lookingAt()) {
                    return move(m.group(1), thread(m.group(2)), m.group(1) + " done, back (" + m.group(4) + ")", Kind.REPLY);
                }
                if ((m = WAITSYS_GETS.matcher(event)).lookingAt()) {
                    return move(m.group(3), thread(m.group(1)), "waitsys gets " + m.group(3), Kind.RECEIVE);
                }
                if ((m = ALREADY_THERE.matcher(event)).lookingAt()) {
                    return move(m.group(3), thread(m.group(1)), "waitsys gets " + m.group(3), Kind.RECEIVE);
                }
                if ((m = SENDSYS.matcher(event)).lookingAt()) {
                    holder.put(m.group(2), thread(m.group(1)));
                    String what = m.group(4) != null ? m.group(4) + " done at once"
                            : "page #" + m.group(5) + " taken, fresh #" + m.group(6);
                    return move(m.group(2), kernel(), "sendsys " + m.group(2) + ": " + what, Kind.SEND);
                }
                if ((m = EASYNC_KERNEL.matcher(event)).lookingAt()) {
                    return move(m.group(1), kernel(), "sendsys " + m.group(1) + ": EASYNC, " + m.group(2)
                            .replace("holds it until", "held until").replace("arms ", "armed: "), Kind.SEND);
                }
                if ((m = KERNEL_RETURNS.matcher(event)).lookingAt()) {
                    return move(m.group(2), port(m.group(3)), m.group(1) + ": " + m.group(2) + " returned (" + m.group(4) + ")",
                            Kind.REPLY);
                }
                if ((m = UPCALL.matcher(event)).lookingAt()) {
                    return move(m.group(3), thread(m.group(1)), "upcall " + m.group(3), Kind.NOTIFY);
                }
                if ((m = FLAGGED.matcher(event)).lookingAt()) {
                    Lifeline from = holder.getOrDefault(m.group(3), kernel());
                    return List.of(new Arrow(from, thread(m.group(1)), "upcall " + m.group(3) + " flagged (critical)", Kind.NOTE));
                }
                if ((m = BLOCKS_IN_SENDSYS.matcher(event)).matches()) {
                    holder.put(m.group(2), thread(m.group(1)));
                    return move(m.group(2), kernel(), "sendsys " + m.group(2) + ": " + m.group(1) + " blocks until " + m.group(3),
                            Kind.SEND);
                }
                if ((m = BACK_TO_KERNEL.matcher(event)).lookingAt()) {
                    return move(m.group(1), kernel(), m.group(1) + " back to the kernel, armed", Kind.SEND);
                }
                if ((m = REPLIES.matcher(event)).matches()) {
                    // the reply is drawn by the next line, where the message goes (its reply port, its waiting sender)
                    holder.put(m.group(2), thread(m.group(1)));
                    return List.of();
                }
                if ((m = WAS_ABORTED.matcher(event)).matches()) {
                    return List.of(Arrow.note(holder.getOrDefault(m.group(1), kernel()), m.group(1) + " was aborted: last return"));
                }
                if ((m = ALREADY_BACK.matcher(event)).matches()) {
                    return List.of(Arrow.note(thread(m.group(1)), "waitsys " + m.group(2) + ": already " + m.group(3)));
                }
                if ((m = ABORT.matcher(event)).lookingAt()) {
                    return List.of(Arrow.note(holder.getOrDefault(m.group(1), kernel()), "abort " + m.group(1) + ": "
                            + clip(m.group(2))));
                }
                if ((m = KERNEL_NOTE.matcher(event)).matches()) {
                    return List.of(Arrow.note(kernel(), clip(event)));
                }
                if ((m = THREAD_NOTE.matcher(event)).matches()) {
                    return List.of(Arrow.note(thread(m.group(1)), clip(m.group(2))));
                }
                // set-up lines are the lifelines' heads; any other line is kept as a note rather than lost
                return SETUP.matcher(event).matches() ? List.of() : List.of(Arrow.unread(kernel(), event));
            }

            /** The message goes from its holder to {@code to}, who holds it next. */
            private List<Arrow> move(String message, Lifeline to, String text, Kind kind) {
                Lifeline from = holder.getOrDefault(message, kernel());
                holder.put(message, to);
                return List.of(new Arrow(from, to, text, kind));
            }

            private Arrow to(String message, Lifeline from, Lifeline to, String text, Kind kind) {
                holder.put(message, to);
                return new Arrow(from, to, text, kind);
            }
        };
    }

    private static String clip(String s) {
        int paren = s.indexOf(" (");
        return paren > 0 ? s.substring(0, paren) : s;
    }

    private static Lifeline thread(String name) {
        return new Lifeline(0, LwktPersonality.ROLE_THREAD, name);
    }

    private static Lifeline port(String name) {
        return name.equals(LwktWorld.KERNEL) ? kernel() : new Lifeline(0, LwktPersonality.ROLE_PORT, name);
    }

    /** The kernel's system port: where sendsys goes, whence timers and signals come back. */
    private static Lifeline kernel() {
        return new Lifeline(0, LwktPersonality.ROLE_SYSTEM_PORT, LwktWorld.KERNEL);
    }
}
