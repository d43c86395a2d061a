package capsim.dialect.mach;

import capsim.kernel.Activity;
import capsim.personality.Personality;
import capsim.personality.mach.Disposition;
import capsim.personality.mach.MachAction;
import capsim.personality.mach.MachPersonality;
import capsim.personality.mach.MachText;
import capsim.personality.mach.MachWorld;
import capsim.personality.mach.NotificationKind;
import capsim.personality.mach.OolMode;
import capsim.personality.mach.Port;
import capsim.personality.mach.Received;
import capsim.personality.mach.RightEntry;
import capsim.personality.mach.RightKind;
import capsim.personality.mach.Task;
import capsim.scenario.Dialect;
import capsim.scenario.Line;
import capsim.scenario.ScenarioException;
import capsim.scenario.Statement;
import capsim.scenario.StepWords;
import capsim.scenario.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The scenario language of the Mach personality. Declarations are steps:
 * <pre>
 * task NAME [quota N]
 * TASK allocate-port LABEL [limit N]
 * TASK port-set LABEL
 * TASK region REGION "data"          TASK write REGION "data"          TASK free-region REGION
 * TASK insert-right NAME DISPOSITION [into TASK]
 * TASK send NAME [DISPOSITION] ["data"] [reply NAME DISPOSITION] [port NAME DISPOSITION]... [ool REGION copy|move|swap]...
 * TASK receive NAME
 * TASK deallocate NAME               TASK destroy NAME                 TASK mod-refs NAME RIGHT DELTA
 * TASK move-member NAME SET|none     TASK set-limit NAME N
 * TASK request-notification no-senders|dead-name|port-destroyed NAME to NOTIFY [sync N]  (sync: no-senders only)
 * </pre>
 * and expectations: {@code expect right TASK NAME TYPE [urefs N]}, {@code expect dead-name TASK NAME [urefs N]},
 * {@code expect no-name TASK NAME}, {@code expect queued PORT = N}, {@code expect senders PORT = N},
 * {@code expect send-once PORT = N}, {@code expect port PORT alive|dead|in-transit}, {@code expect in-set PORT SET|none},
 * {@code expect received TASK "data"}, {@code expect notification TASK KIND SUBJECT}, {@code expect region TASK REGION "data"},
 * {@code expect no-region TASK REGION}, {@code expect usage TASK = N}.
 */
public final class MachDialect implements Dialect<MachWorld> {
    private static final String OPERATIONS = "allocate-port, port-set, region, write, free-region, insert-right, send, receive, "
            + "deallocate, destroy, mod-refs, move-member, set-limit, request-notification";
    private static final String EXPECTATIONS = "right, dead-name, no-name, queued, senders, send-once, port, in-set, received, "
            + "notification, region, no-region, usage, event, no event, invariant";
    /** Words that start a statement (the reader's and 'task') or mean nothing: they name nothing. */
    private static final Set<String> RESERVED = reserved();

    private static Set<String> reserved() {
        Set<String> r = new java.util.HashSet<>(StepWords.READER);
        r.add("task");
        r.add("none");
        return Set.copyOf(r);
    }
    private static final List<String> TYPES = List.of("send", "receive", "send-receive", "send-once", "port-set", "dead-name");

    private final MachPersonality personality = new MachPersonality();

    @Override
    public Personality<MachWorld> personality() {
        return personality;
    }

    @Override
    public Statement<MachWorld> statement(Line l) throws ScenarioException {
        Token first = l.word("a statement ('task', 'expect', or a task name and an operation)");
        if (first.is("task")) {
            String name = name(l, "a task name");
            long quota = 0;
            if (!l.atEnd()) {
                l.keyword("quota", "'quota' or the end of the line");
                quota = l.number("a quota", 0, 1_000_000);
            }
            return step(new MachAction.CreateTask(name, quota));
        }
        if (first.is("expect")) {
            return expectation(l);
        }
        if (RESERVED.contains(first.text())) {
            throw l.error(first, "expected a statement, found " + first.describe());
        }
        String task = first.text();
        Token op = l.word("an operation (" + OPERATIONS + ")");
        return switch (op.text()) {
            case "allocate-port" -> {
                String label = name(l, "a port label");
                int limit = Port.DEFAULT_LIMIT;
                if (!l.atEnd()) {
                    l.keyword("limit", "'limit' or the end of the line");
                    limit = (int) l.number("a queue limit", 0, 1_000_000);
                }
                yield step(new MachAction.AllocatePort(task, label, limit));
            }
            case "port-set" -> step(new MachAction.AllocatePortSet(task, name(l, "a port set label")));
            case "region" -> {
                String r = l.word("a region name").text();
                yield step(new MachAction.Region(task, r, l.string("the region's data in quotes")));
            }
            case "write" -> {
                String r = l.word("a region name").text();
                yield step(new MachAction.Write(task, r, l.string("the data in quotes")));
            }
            case "free-region" -> step(new MachAction.FreeRegion(task, l.word("a region name").text()));
            case "insert-right" -> {
                String n = l.word("a name").text();
                Disposition d = disposition(l);
                String into = null;
                if (!l.atEnd()) {
                    l.keyword("into", "'into' or the end of the line");
                    into = l.word("a task name").text();
                }
                yield step(new MachAction.InsertRight(task, n, d, into));
            }
            case "send" -> send(l, task);
            case "receive" -> step(new MachAction.Receive(task, l.word("a receive right or port set name").text()));
            case "deallocate" -> step(new MachAction.Deallocate(task, l.word("a name").text()));
            case "destroy" -> step(new MachAction.Destroy(task, l.word("a name").text()));
            case "mod-refs" -> {
                String n = l.word("a name").text();
                Token k = l.word("a right (send, receive, send-once, port-set, dead-name)");
                RightKind right = RightKind.fromWord(k.text());
                if (right == null) {
                    throw l.error(k, "expected a right (send, receive, send-once, port-set, dead-name), found " + k.describe());
                }
                int delta = (int) l.number("a change of user references like -1 or +2", -MachWorld.UREFS_MAX - 1, MachWorld.UREFS_MAX + 1);
                yield step(new MachAction.ModRefs(task, n, right, delta));
            }
            case "move-member" -> {
                String n = l.word("a receive right name").text();
                Token s = l.word("a port set name or 'none'");
                yield step(new MachAction.MoveMember(task, n, s.is("none") ? null : s.text()));
            }
            case "set-limit" -> {
                String n = l.word("a receive right name").text();
                yield step(new MachAction.SetLimit(task, n, (int) l.number("a queue limit", 0, 1_000_000)));
            }
            case "request-notification" -> {
                Token k = l.word("a notification (no-senders, dead-name, port-destroyed)");
                NotificationKind kind = NotificationKind.fromWord(k.text());
                if (kind == null || !kind.requestable()) {
                    throw l.error(k, "expected a notification (no-senders, dead-name, port-destroyed), found " + k.describe());
                }
                String n = l.word("the name of the port to watch").text();
                l.keyword("to", "'to' and the notify port");
                String notify = l.word("the notify port (a receive right)").text();
                Integer sync = null;
                if (kind == NotificationKind.NO_SENDERS && !l.atEnd()) {
                    l.keyword("sync", "'sync' and the make-send count, or the end of the line");
                    sync = (int) l.number("the sync count", 0, 1_000_000);
                }
                yield step(new MachAction.RequestNotification(task, kind, n, notify, sync));
            }
            default -> throw l.error(op, "expected an operation (" + OPERATIONS + "), found " + op.describe());
        };
    }

    private Statement<MachWorld> send(Line l, String task) throws ScenarioException {
        String dest = l.word("the destination name").text();
        Disposition dd = null;
        Token t = l.atEnd() ? null : l.peek("");
        if (t != null && t.kind() == Token.Kind.WORD && Disposition.fromWord(t.text()) != null) {
            l.next("");
            dd = Disposition.fromWord(t.text());
        }
        String data = "";
        if (l.peekKind(Token.Kind.STRING)) {
            data = l.string("");
        }
        MachWorld.PortItem reply = null;
        List<MachWorld.PortItem> body = new ArrayList<>();
        List<MachWorld.OolItem> ool = new ArrayList<>();
        while (!l.atEnd()) {
            Token k = l.next("");
            if (k.is("reply")) {
                if (reply != null) {
                    throw l.error(k, "a message has one reply port");
                }
                String n = l.word("the reply port name").text();
                reply = new MachWorld.PortItem(n, disposition(l));
            } else if (k.is("port")) {
                String n = l.word("the name of the right to carry").text();
                body.add(new MachWorld.PortItem(n, disposition(l)));
            } else if (k.is("ool")) {
                String r = l.word("a region name").text();
                Token m = l.word("copy, move or swap");
                OolMode mode = OolMode.fromWord(m.text());
                if (mode == null) {
                    throw l.error(m, "expected copy, move or swap, found " + m.describe());
                }
                ool.add(new MachWorld.OolItem(r, mode));
            } else {
                throw l.error(k, "expected 'reply', 'port', 'ool' or the end of the line, found " + k.describe());
            }
        }
        return step(new MachAction.Send(task, dest, dd, data, reply, body, ool));
    }

    private static Disposition disposition(Line l) throws ScenarioException {
        Token t = l.word("a disposition (" + Disposition.words() + ")");
        Disposition d = Disposition.fromWord(t.text());
        if (d == null) {
            throw l.error(t, "expected a disposition (" + Disposition.words() + "), found " + t.describe());
        }
        return d;
    }

    private static String name(Line l, String what) throws ScenarioException {
        Token t = l.word(what);
        if (RESERVED.contains(t.text())) {
            throw l.error(t, "expected " + what + ", found the reserved word " + t.describe());
        }
        return t.text();
    }

    private static Statement<MachWorld> step(MachAction a) {
        return new Statement.Step<>(a);
    }

    // ------------------------------------------------------------------ expectations

    private Statement<MachWorld> expectation(Line l) throws ScenarioException {
        Token what = l.word("what to expect (" + EXPECTATIONS + ")");
        Function<MachWorld, String> f = switch (what.text()) {
            case "right" -> {
                String task = l.word("a task name").text();
                String name = l.word("a name").text();
                Token ty = l.word("a right type (" + String.join(", ", TYPES) + ")");
                if (!TYPES.contains(ty.text())) {
                    throw l.error(ty, "expected a right type (" + String.join(", ", TYPES) + "), found " + ty.describe());
                }
                yield right(task, name, ty.text(), urefs(l));
            }
            case "dead-name" -> {
                String task = l.word("a task name").text();
                String name = l.word("a name").text();
                yield right(task, name, "dead-name", urefs(l));
            }
            case "no-name" -> {
                String task = l.word("a task name").text();
                String name = l.word("a name").text();
                yield w -> {
                    Task t = w.task(task);
                    if (t == null) {
                        return "there is no task " + task;
                    }
                    RightEntry e = t.names().get(name);
                    return e == null ? null : task + " has " + name + " as a " + e.type() + " right";
                };
            }
            case "queued", "senders", "send-once" -> {
                String port = l.word("a port label").text();
                l.equalsSign();
                long n = l.number("a count", 0, Integer.MAX_VALUE);
                String word = what.text();
                yield w -> {
                    Port p = w.port(port);
                    if (p == null) {
                        return "there is no port " + port;
                    }
                    int got = switch (word) {
                        case "queued" -> p.queue().size();
                        case "senders" -> p.srights();
                        default -> p.sorights();
                    };
                    return got == n ? null : "port " + port + " has " + got + " " + (word.equals("queued") ? "queued messages"
                            : word.equals("senders") ? "send rights" : "send-once rights");
                };
            }
            case "port" -> {
                String port = l.word("a port label").text();
                Token s = l.word("alive, dead or in-transit");
                if (!s.is("alive") && !s.is("dead") && !s.is("in-transit")) {
                    throw l.error(s, "expected alive, dead or in-transit, found " + s.describe());
                }
                yield w -> {
                    Port p = w.port(port);
                    if (p == null) {
                        return "there is no port " + port;
                    }
                    String state = !p.alive() ? "dead" : p.receiver() == null ? "in-transit" : "alive";
                    return state.equals(s.text()) ? null : "port " + port + " is " + state;
                };
            }
            case "in-set" -> {
                String port = l.word("a port label").text();
                Token s = l.word("a port set label or 'none'");
                String set = s.is("none") ? null : s.text();
                yield w -> {
                    Port p = w.port(port);
                    if (p == null) {
                        return "there is no port " + port;
                    }
                    return java.util.Objects.equals(p.set(), set) ? null
                            : "port " + port + " is " + (p.set() == null ? "in no set" : "in set " + p.set());
                };
            }
            case "received" -> {
                String task = l.word("a task name").text();
                String data = l.string("the data of the last message received, in quotes");
                yield w -> {
                    Task t = w.task(task);
                    if (t == null) {
                        return "there is no task " + task;
                    }
                    if (t.received().isEmpty()) {
                        return task + " has received nothing";
                    }
                    Received r = t.received().get(t.received().size() - 1);
                    return r.notification() == null && r.data().equals(data) ? null : task + " last received " + r;
                };
            }
            case "notification" -> {
                String task = l.word("a task name").text();
                Token k = l.word("a notification (no-senders, dead-name, send-once, port-destroyed)");
                NotificationKind kind = NotificationKind.fromWord(k.text());
                if (kind == null) {
                    throw l.error(k, "expected a notification (no-senders, dead-name, send-once, port-destroyed), found " + k.describe());
                }
                String subject = l.word("the port (or, for dead-name, the name) it is about").text();
                yield w -> {
                    Task t = w.task(task);
                    if (t == null) {
                        return "there is no task " + task;
                    }
                    for (Received r : t.received()) {
                        if (r.notification() == kind && r.subject().equals(subject)) {
                            return null;
                        }
                    }
                    return task + " has received no " + kind.word() + " notification for " + subject;
                };
            }
            case "region" -> {
                String task = l.word("a task name").text();
                String region = l.word("a region name").text();
                String data = l.string("the region's data in quotes");
                yield w -> {
                    Task t = w.task(task);
                    if (t == null) {
                        return "there is no task " + task;
                    }
                    Integer frame = t.regions().get(region);
                    if (frame == null) {
                        return task + " has no region " + region;
                    }
                    String got = MachTextBridge.frameText(w, frame);
                    return got.equals(data) ? null : "region " + region + " of " + task + " holds " + MachText.quote(got);
                };
            }
            case "no-region" -> {
                String task = l.word("a task name").text();
                String region = l.word("a region name").text();
                yield w -> {
                    Task t = w.task(task);
                    if (t == null) {
                        return "there is no task " + task;
                    }
                    return t.regions().containsKey(region) ? task + " has a region " + region : null;
                };
            }
            case "usage" -> {
                String task = l.word("a task name").text();
                l.equalsSign();
                long n = l.number("a count of pages", 0, Long.MAX_VALUE);
                yield w -> {
                    Task t = w.task(task);
                    if (t == null) {
                        return "there is no task " + task;
                    }
                    long got = ((Activity) w.kernel().heap().get(t.activity())).usage();
                    return got == n ? null : "the activity of " + task + " pays for " + got + " objects";
                };
            }
            default -> throw l.error(what, "expected what to expect (" + EXPECTATIONS + "), found " + what.describe());
        };
        return new Statement.Expect<>(f);
    }

    private static int urefs(Line l) throws ScenarioException {
        if (l.atEnd()) {
            return -1;
        }
        l.keyword("urefs", "'urefs' or the end of the line");
        return (int) l.number("a count of user references", 0, MachWorld.UREFS_MAX);
    }

    private static Function<MachWorld, String> right(String task, String name, String type, int urefs) {
        return w -> {
            Task t = w.task(task);
            if (t == null) {
                return "there is no task " + task;
            }
            RightEntry e = t.names().get(name);
            if (e == null) {
                return task + " has no name " + name;
            }
            if (!e.type().equals(type)) {
                return name + " of " + task + " is a " + e.type() + " right";
            }
            if (urefs >= 0 && e.urefs() != urefs) {
                return name + " of " + task + " has " + e.urefs() + " user references";
            }
            return null;
        };
    }

    /** Reads a frame's bytes as text. */
    private static final class MachTextBridge {
        static String frameText(MachWorld w, int frame) {
            if (!(w.kernel().heap().get(frame) instanceof capsim.kernel.Frame f)) {
                return "";
            }
            return new String(f.data(), java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }
}
