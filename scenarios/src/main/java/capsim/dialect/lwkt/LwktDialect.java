package capsim.dialect.lwkt;

import capsim.personality.Personality;
import capsim.personality.lwkt.Call;
import capsim.personality.lwkt.LwktAction;
import capsim.personality.lwkt.LwktMessage;
import capsim.personality.lwkt.LwktPersonality;
import capsim.personality.lwkt.LwktThread;
import capsim.personality.lwkt.LwktWorld;
import capsim.personality.lwkt.MsgFlag;
import capsim.personality.lwkt.MsgPort;
import capsim.scenario.Dialect;
import capsim.scenario.Line;
import capsim.scenario.ScenarioException;
import capsim.scenario.Statement;
import capsim.scenario.StepWords;
import capsim.scenario.Token;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The scenario language of the LWKT personality ({@code variant lwkt}). Declarations are steps:
 * <pre>
 * thread T [quota N]
 * T port P [agent queue|sync] [arrival queue|upcall]
 * T message M [call getpid|call sleep N|call stage|signal SIG|timer N] [reply P] [async] [abortable]
 * T write M "TEXT"         T send M to P          T domsg M to P
 * T getmsg P               T reply M [result W]   T sendsys M
 * T waitsys M|P            T flushsys             T enter-critical      T exit-critical
 * T abort M                T free M
 * kernel tick [N]          kernel signal T SIG
 * expect owner M = NAME    expect creator M = T   expect queued P = N   expect upcalls T = N  expect deferred T = N
 * expect critical T = N    expect flags M = F,F|none                    expect result M = W
 * expect returned M = N    expect overruns M = N  expect armed M = yes|no
 * expect state T = running|blocked              expect usage T = N    expect staged T = N
 * expect freed M
 * </pre>
 */
public final class LwktDialect implements Dialect<LwktWorld> {
    private static final String VERBS = "port, message, write, send, domsg, getmsg, reply, sendsys, waitsys, flushsys, "
            + "enter-critical, exit-critical, abort, free";
    private static final String EXPECTS = "owner, creator, queued, upcalls, deferred, critical, flags, result, returned, overruns, "
            + "armed, state, usage, staged, freed";
    private static final String FLAGS = "ASYNC, SYNC, QUEUED, DONE, REPLY, PERSISTENT, ABORTABLE, ABORT, or none";

    private final LwktPersonality personality = new LwktPersonality();

    @Override
    public Personality<LwktWorld> personality() {
        return personality;
    }

    @Override
    public Statement<LwktWorld> statement(Line l) throws ScenarioException {
        Token first = l.peek("a statement");
        if (first.kind() != Token.Kind.WORD) {
            throw l.error(first, "expected a statement (thread, kernel, expect, or a thread's name), found " + first.describe());
        }
        return switch (first.text()) {
            case "thread" -> {
                l.next("");
                String name = name(l, "a thread name");
                long quota = 0;
                if (!l.atEnd()) {
                    l.keyword("quota", "'quota' or the end of the line");
                    quota = l.number("a quota", 0, 1_000_000);
                }
                yield step(new LwktAction.NewThread(name, quota));
            }
            case "kernel" -> {
                l.next("");
                yield step(kernel(l));
            }
            case "expect" -> {
                l.next("");
                yield new Statement.Expect<>(expectation(l));
            }
            default -> {
                String thread = name(l, "a thread name");
                yield step(threadStep(l, thread));
            }
        };
    }

    private static Statement<LwktWorld> step(LwktAction a) {
        return new Statement.Step<>(a);
    }

    /** A name: a word starting with a letter or '_' that is not a reserved word. */
    private static String name(Line l, String what) throws ScenarioException {
        Token t = l.next(what);
        if (t.kind() != Token.Kind.WORD || !t.text().matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            throw l.error(t, "expected " + what + ", found " + t.describe());
        }
        if (LwktWorld.RESERVED.contains(t.text()) || StepWords.READER.contains(t.text())) {
            throw l.error(t, "expected " + what + ", found the reserved word " + t.describe());
        }
        return t.text();
    }

    private static int count(Line l, String what) throws ScenarioException {
        return (int) l.number(what, 1, 1_000_000);
    }

    private static LwktAction kernel(Line l) throws ScenarioException {
        Token verb = l.word("'tick' or 'signal' after 'kernel'");
        if (verb.is("tick")) {
            return new LwktAction.Tick(l.atEnd() ? 1 : count(l, "a number of ticks"));
        }
        if (verb.is("signal")) {
            String thread = name(l, "the thread the signal is for");
            return new LwktAction.Signal(thread, signal(l));
        }
        throw l.error(verb, "expected 'tick' or 'signal' after 'kernel', found " + verb.describe());
    }

    private static String signal(Line l) throws ScenarioException {
        Token s = l.next("a signal name (upper case, e.g. INT)");
        if (s.kind() != Token.Kind.WORD || !s.text().matches("[A-Z][A-Z0-9]*")) {
            throw l.error(s, "expected a signal name (upper case, e.g. INT), found " + s.describe());
        }
        return s.text();
    }

    private static LwktAction threadStep(Line l, String t) throws ScenarioException {
        Token verb = l.word("what " + t + " does (" + VERBS + ")");
        switch (verb.text()) {
            case "port" -> {
                String name = name(l, "a port name");
                MsgPort.Agent agent = MsgPort.Agent.QUEUE;
                MsgPort.Arrival arrival = MsgPort.Arrival.QUEUE;
                boolean sawAgent = false;
                boolean sawArrival = false;
                while (!l.atEnd()) {
                    Token k = l.word("'agent', 'arrival' or the end of the line");
                    if (k.is("agent") && !sawAgent) {
                        sawAgent = true;
                        Token a = l.word("an agent (queue or sync)");
                        if (a.is("queue")) {
                            agent = MsgPort.Agent.QUEUE;
                        } else if (a.is("sync")) {
                            agent = MsgPort.Agent.SYNC;
                        } else {
                            throw l.error(a, "expected an agent (queue or sync), found " + a.describe());
                        }
                    } else if (k.is("arrival") && !sawArrival) {
                        sawArrival = true;
                        Token a = l.word("an arrival action (queue or upcall)");
                        if (a.is("queue")) {
                            arrival = MsgPort.Arrival.QUEUE;
                        } else if (a.is("upcall")) {
                            arrival = MsgPort.Arrival.UPCALL;
                        } else {
                            throw l.error(a, "expected an arrival action (queue or upcall), found " + a.describe());
                        }
                    } else {
                        throw l.error(k, "expected " + (sawAgent ? "" : "'agent', ") + (sawArrival ? "" : "'arrival', ")
                                + "or the end of the line, found " + k.describe());
                    }
                }
                return new LwktAction.NewPort(t, name, agent, arrival);
            }
            case "message" -> {
                return message(l, t);
            }
            case "write" -> {
                String m = name(l, "a message name");
                return new LwktAction.Write(t, m, l.string("the data to write, in quotes"));
            }
            case "send", "domsg" -> {
                String m = name(l, "a message name");
                l.keyword("to", "'to' and a port");
                String p = portName(l);
                return verb.is("send") ? new LwktAction.Send(t, m, p) : new LwktAction.DoMsg(t, m, p);
            }
            case "getmsg" -> {
                return new LwktAction.GetMsg(t, portName(l));
            }
            case "reply" -> {
                String m = name(l, "a message name");
                String result = "ok";
                if (!l.atEnd()) {
                    l.keyword("result", "'result' or the end of the line");
                    result = resultWord(l);
                }
                return new LwktAction.Reply(t, m, result);
            }
            case "sendsys" -> {
                return new LwktAction.SendSys(t, name(l, "a message name"));
            }
            case "waitsys" -> {
                return new LwktAction.WaitSys(t, name(l, "a message or port name"));
            }
            case "flushsys" -> {
                return new LwktAction.FlushSys(t);
            }
            case "enter-critical" -> {
                return new LwktAction.EnterCritical(t);
            }
            case "exit-critical" -> {
                return new LwktAction.ExitCritical(t);
            }
            case "abort" -> {
                return new LwktAction.Abort(t, name(l, "a message name"));
            }
            case "free" -> {
                return new LwktAction.Free(t, name(l, "a message name"));
            }
            default -> throw l.error(verb, "expected what " + t + " does (" + VERBS + "), found " + verb.describe());
        }
    }

    /** A port name: a name, or {@code kernel} (the system port, which send refuses with EINVAL). */
    private static String portName(Line l) throws ScenarioException {
        Token t = l.peek("a port name");
        if (t.is(LwktWorld.KERNEL)) {
            l.next("");
            return LwktWorld.KERNEL;
        }
        return name(l, "a port name");
    }

    private static String resultWord(Line l) throws ScenarioException {
        Token r = l.next("a result (ok or an error word such as ECANCELED)");
        if (r.kind() != Token.Kind.WORD || !(r.is("ok") || r.text().matches("[A-Z][A-Z0-9_]*"))) {
            throw l.error(r, "expected a result (ok or an error word such as ECANCELED), found " + r.describe());
        }
        return r.text();
    }

    private static LwktAction message(Line l, String t) throws ScenarioException {
        String name = name(l, "a message name");
        Call call = null;
        String reply = null;
        boolean async = false;
        boolean abortable = false;
        while (!l.atEnd()) {
            Token k = l.word("'call', 'signal', 'timer', 'reply', 'async', 'abortable' or the end of the line");
            if (call == null && k.is("call")) {
                Token c = l.word("a system call (getpid, sleep N, stage)");
                call = switch (c.text()) {
                    case "getpid" -> new Call.Getpid();
                    case "stage" -> new Call.Stage();
                    case "sleep" -> new Call.Sleep(count(l, "a number of ticks"));
                    default -> throw l.error(c, "expected a system call (getpid, sleep N, stage), found " + c.describe());
                };
            } else if (call == null && k.is("signal")) {
                call = new Call.Signal(signal(l));
            } else if (call == null && k.is("timer")) {
                call = new Call.Timer(count(l, "a timer period in ticks"));
            } else if (reply == null && k.is("reply")) {
                reply = name(l, "a reply port name");
            } else if (!async && k.is("async")) {
                async = true;
            } else if (!abortable && k.is("abortable")) {
                abortable = true;
            } else {
                throw l.error(k, "expected " + (call == null ? "'call', 'signal', 'timer', " : "")
                        + (reply == null ? "'reply', " : "") + (async ? "" : "'async', ")
                        + (abortable ? "" : "'abortable', ") + "or the end of the line, found " + k.describe());
            }
        }
        return new LwktAction.NewMessage(t, name, call, reply, async, abortable);
    }

    // ------------------------------------------------------------------ expectations

    private static Function<LwktWorld, String> expectation(Line l) throws ScenarioException {
        Token what = l.word("what to expect (" + EXPECTS + ", event, no event, invariant)");
        switch (what.text()) {
            case "owner", "creator" -> {
                boolean owner = what.is("owner");
                String m = name(l, "a message name");
                l.equalsSign();
                Token o = l.word(owner ? "the owner (a thread, a port, or kernel)" : "the thread that created it");
                String want = o.text();
                return w -> {
                    LwktMessage msg = w.message(m);
                    if (msg == null) {
                        return "no message " + m;
                    }
                    String got = owner ? msg.owner() : msg.creator();
                    return got.equals(want) ? null : what.text() + " " + got;
                };
            }
            case "queued" -> {
                String p = portName(l);
                int n = equalsNumber(l);
                return w -> w.port(p) == null ? "no port " + p : same(w.port(p).queue().size(), n, "queued " + w.port(p).queue());
            }
            case "upcalls", "deferred", "critical", "usage", "staged" -> {
                String t = name(l, "a thread name");
                int n = equalsNumber(l);
                String key = what.text();
                return w -> {
                    LwktThread th = w.thread(t);
                    if (th == null) {
                        return "no thread " + t;
                    }
                    long v = switch (key) {
                        case "upcalls" -> th.upcalls();
                        case "deferred" -> th.deferred().size();
                        case "critical" -> th.critical();
                        case "usage" -> w.usage(t);
                        default -> w.staged().stream().filter(s -> s.thread().equals(t)).count();
                    };
                    return same(v, n, key + " " + v);
                };
            }
            case "returned", "overruns" -> {
                String m = name(l, "a message name");
                int n = equalsNumber(l);
                boolean returned = what.is("returned");
                return w -> {
                    LwktMessage msg = w.message(m);
                    if (msg == null) {
                        return "no message " + m;
                    }
                    if (returned) {
                        return same(msg.returned(), n, "returned " + msg.returned());
                    }
                    var a = w.armed(m);
                    int v = a == null ? 0 : a.overruns();
                    return same(v, n, "overruns " + v);
                };
            }
            case "flags" -> {
                String m = name(l, "a message name");
                l.equalsSign();
                Set<MsgFlag> want = flags(l);
                return w -> {
                    LwktMessage msg = w.message(m);
                    if (msg == null) {
                        return "no message " + m;
                    }
                    Set<MsgFlag> got = w.flags(msg);
                    return got.equals(want) ? null : "flags " + text(got);
                };
            }
            case "result" -> {
                String m = name(l, "a message name");
                l.equalsSign();
                String want = resultWord(l);
                return w -> {
                    LwktMessage msg = w.message(m);
                    if (msg == null) {
                        return "no message " + m;
                    }
                    return want.equals(msg.result()) ? null : "result " + (msg.result() == null ? "none" : msg.result());
                };
            }
            case "armed" -> {
                String m = name(l, "a message name");
                l.equalsSign();
                boolean want = yesNo(l);
                return w -> (w.armed(m) != null) == want ? null : (want ? "not armed" : "armed");
            }
            case "state" -> {
                String t = name(l, "a thread name");
                l.equalsSign();
                Token s = l.word("running or blocked");
                if (!s.is("running") && !s.is("blocked")) {
                    throw l.error(s, "expected running or blocked, found " + s.describe());
                }
                boolean blocked = s.is("blocked");
                return w -> {
                    LwktThread th = w.thread(t);
                    if (th == null) {
                        return "no thread " + t;
                    }
                    boolean is = th.waiting() != null;
                    return is == blocked ? null : is ? "blocked in " + th.waiting().text() : "running";
                };
            }
            case "freed" -> {
                String m = name(l, "a message name");
                return w -> w.message(m) == null ? null : m + " is live (owner " + w.message(m).owner() + ")";
            }
            default -> throw l.error(what, "expected what to expect (" + EXPECTS + ", event, no event, invariant), found "
                    + what.describe());
        }
    }

    private static int equalsNumber(Line l) throws ScenarioException {
        l.equalsSign();
        return (int) l.number("a count", 0, Integer.MAX_VALUE);
    }

    private static boolean yesNo(Line l) throws ScenarioException {
        Token t = l.word("yes or no");
        if (!t.is("yes") && !t.is("no")) {
            throw l.error(t, "expected yes or no, found " + t.describe());
        }
        return t.is("yes");
    }

    private static String same(long got, long want, String found) {
        return got == want ? null : found;
    }

    private static Set<MsgFlag> flags(Line l) throws ScenarioException {
        Token t = l.word("flags (" + FLAGS + ")");
        if (t.is("none")) {
            return EnumSet.noneOf(MsgFlag.class);
        }
        EnumSet<MsgFlag> out = EnumSet.of(flag(l, t));
        while (l.peekKind(Token.Kind.COMMA)) {
            l.next("");
            out.add(flag(l, l.word("a flag (" + FLAGS + ")")));
        }
        return out;
    }

    private static MsgFlag flag(Line l, Token t) throws ScenarioException {
        try {
            return MsgFlag.valueOf(t.text().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw l.error(t, "expected a flag (" + FLAGS + "), found " + t.describe());
        }
    }

    private static String text(Set<MsgFlag> fs) {
        return fs.isEmpty() ? "none" : fs.stream().map(Enum::name).collect(Collectors.joining(","));
    }
}
