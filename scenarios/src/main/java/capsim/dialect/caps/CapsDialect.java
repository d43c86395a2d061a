package capsim.dialect.caps;

import capsim.personality.Personality;
import capsim.personality.caps.CapsAction;
import capsim.personality.caps.CapsMessage;
import capsim.personality.caps.CapsPersonality;
import capsim.personality.caps.CapsProcess;
import capsim.personality.caps.CapsWorld;
import capsim.personality.caps.ClientPort;
import capsim.personality.caps.Credentials;
import capsim.personality.caps.LastGet;
import capsim.personality.caps.MsgState;
import capsim.personality.caps.Scope;
import capsim.personality.caps.Service;
import capsim.scenario.Dialect;
import capsim.scenario.Line;
import capsim.scenario.ScenarioException;
import capsim.scenario.Statement;
import capsim.scenario.StepWords;
import capsim.scenario.Token;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The scenario language of DragonFly CAPS ({@code variant caps}); docs/personality-caps.md has every statement.
 * Stateless: names are checked when the step runs (an unknown process is ESRCH, an unknown port EINVAL), so a
 * line reads the same wherever it stands, and every action's {@code text()} reads back to an equal action.
 */
public final class CapsDialect implements Dialect<CapsWorld> {
    private static final String VERBS = "service, connect, put, get, reply, close";
    private static final String EXPECTS = "in-flight, queued, state, freed, got, usage";
    private static final int MAX_ID = Integer.MAX_VALUE;
    private static final int MAX_TIMES = 4096;
    private static final int MAX_BUFFER = 1 << 20;

    private final CapsPersonality personality = new CapsPersonality();

    @Override
    public Personality<CapsWorld> personality() {
        return personality;
    }

    @Override
    public Statement<CapsWorld> statement(Line l) throws ScenarioException {
        Token first = l.word("a statement: 'process', 'expect', or a process name and a verb (" + VERBS + ")");
        Statement<CapsWorld> st;
        if (first.is("process")) {
            st = step(newProcess(l));
        } else if (first.is("expect")) {
            st = expect(l);
        } else {
            st = step(verb(l, first.text()));
        }
        l.end();
        return st;
    }

    private static Statement<CapsWorld> step(CapsAction a) {
        return new Statement.Step<>(a);
    }

    // ------------------------------------------------------------------ steps

    private static CapsAction newProcess(Line l) throws ScenarioException {
        String name = name(l, "a process name");
        int uid = id(l, "uid");
        int gid = id(l, "gid");
        long quota = 0;
        if (!l.atEnd()) {
            l.keyword("quota", "'quota' or the end of the line");
            quota = l.number("the quota (objects; 0: none of its own)", 0, Long.MAX_VALUE);
        }
        return new CapsAction.NewProcess(name, uid, gid, quota);
    }

    private static CapsAction verb(Line l, String proc) throws ScenarioException {
        Token v = l.word("a verb (" + VERBS + ") after the process name");
        switch (v.text()) {
            case "service" -> {
                String name = name(l, "a service name");
                int uid = id(l, "uid");
                int gid = id(l, "gid");
                l.keyword("flags", "'flags' and the flags (user, group, world, excl joined with ',', or none)");
                return new CapsAction.Register(proc, name, uid, gid, flags(l));
            }
            case "connect" -> {
                String name = name(l, "the name of the service to connect to");
                int uid = id(l, "uid");
                int gid = id(l, "gid");
                l.keyword("as", "'as' and a name for the new port");
                return new CapsAction.Connect(proc, name, uid, gid, name(l, "a name for the new port"));
            }
            case "put" -> {
                String port = name(l, "a port name");
                String data = l.string("the message in quotes");
                int times = 1;
                if (!l.atEnd()) {
                    l.keyword("times", "'times' or the end of the line");
                    times = (int) l.number("how many messages", 1, MAX_TIMES);
                }
                return new CapsAction.Put(proc, port, data, times);
            }
            case "get" -> {
                String from = name(l, "a service or port name");
                int buffer = CapsWorld.DEFAULT_BUFFER;
                if (!l.atEnd()) {
                    l.keyword("buffer", "'buffer' or the end of the line");
                    buffer = (int) l.number("the receive buffer's size in bytes", 0, MAX_BUFFER);
                }
                return new CapsAction.Get(proc, from, buffer);
            }
            case "reply" -> {
                int msg = msg(l);
                return new CapsAction.Reply(proc, msg, l.string("the reply in quotes"));
            }
            case "close" -> {
                return new CapsAction.Close(proc, name(l, "a service or port name"));
            }
            default -> throw l.error(v, "expected a verb (" + VERBS + ") after the process name, found " + v.describe());
        }
    }

    /** The words that start a CAPS statement besides the reader's own ({@link StepWords#READER}). */
    private static final Set<String> STATEMENT_WORDS = Set.of("process");

    /** A process, service or port name: never a word that starts a statement. */
    private static String name(Line l, String what) throws ScenarioException {
        return StepWords.newName(l, what, STATEMENT_WORDS);
    }

    private static int id(Line l, String which) throws ScenarioException {
        l.keyword(which, "'" + which + "' and a number");
        return (int) l.number("the " + which, 0, MAX_ID);
    }

    private static Set<Scope> flags(Line l) throws ScenarioException {
        Set<Scope> out = EnumSet.noneOf(Scope.class);
        Token t = l.word("flags (user, group, world, excl joined with ',', or none)");
        if (t.is("none")) {
            return out;
        }
        while (true) {
            Scope s = Scope.fromWord(t.text());
            if (s == null) {
                throw l.error(t, "expected a flag (user, group, world, excl, or none), found " + t.describe());
            }
            out.add(s);
            if (!l.peekKind(Token.Kind.COMMA)) {
                return out;
            }
            l.next("");
            t = l.word("a flag (user, group, world, excl)");
        }
    }

    private static int msg(Line l) throws ScenarioException {
        Token t = l.word("a message (msg1, msg2, ...)");
        if (!t.text().matches("msg[1-9][0-9]{0,8}")) {
            throw l.error(t, "expected a message (msg1, msg2, ...), found " + t.describe());
        }
        return Integer.parseInt(t.text().substring(3));
    }

    // ------------------------------------------------------------------ expectations

    private static Statement<CapsWorld> expect(Line l) throws ScenarioException {
        Token what = l.word("what to expect (" + EXPECTS + ", event, no event, invariant)");
        Function<CapsWorld, String> f = switch (what.text()) {
            case "in-flight" -> inFlight(l);
            case "queued" -> queued(l);
            case "state" -> state(l);
            case "freed" -> freed(l);
            case "got" -> got(l);
            case "usage" -> usage(l);
            default -> throw l.error(what, "expected what to expect (" + EXPECTS + ", event, no event, invariant), found "
                    + what.describe());
        };
        return new Statement.Expect<>(f);
    }

    private static Function<CapsWorld, String> inFlight(Line l) throws ScenarioException {
        String port = name(l, "a port name");
        l.equalsSign();
        long n = l.number("the number in flight", 0, CapsWorld.MAX_IN_FLIGHT + 1);
        return w -> {
            ClientPort p = w.ports().get(port);
            if (p == null) {
                return "there is no port " + port;
            }
            return p.inFlight() == n ? null : "port " + port + " has " + p.inFlight() + " in flight";
        };
    }

    private static Function<CapsWorld, String> queued(Line l) throws ScenarioException {
        Token t = l.word("a port or a service (echo, or echo:UID:GID)");
        String ref = t.text();
        l.equalsSign();
        long n = l.number("the number queued", 0, Integer.MAX_VALUE);
        return w -> {
            ClientPort p = w.ports().get(ref);
            int have;
            String what;
            if (p != null) {
                have = p.replies().size();
                what = "port " + ref;
            } else {
                Object s = service(w, ref);
                if (s instanceof String err) {
                    return err;
                }
                have = ((Service) s).waiting().size();
                what = "service " + ((Service) s).title();
            }
            return have == n ? null : what + " has " + have + " queued";
        };
    }

    /** The open service {@code ref} ({@code name} or {@code name:uid:gid}), or what is wrong with it. */
    private static Object service(CapsWorld w, String ref) {
        String[] parts = ref.split(":", -1);
        List<Service> named = new ArrayList<>(w.openServicesNamed(parts[0]));
        if (parts.length == 3 && parts[1].matches("[0-9]{1,9}") && parts[2].matches("[0-9]{1,9}")) {
            Service s = w.registered(parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
            return s != null ? s : "there is no open service " + ref;
        }
        if (parts.length != 1) {
            return "'" + ref + "' is neither a port nor a service (NAME or NAME:UID:GID)";
        }
        if (named.isEmpty()) {
            return "there is no port and no open service named " + ref;
        }
        if (named.size() > 1) {
            return named.size() + " open services are named " + ref + "; write " + ref + ":UID:GID";
        }
        return named.get(0);
    }

    private static Function<CapsWorld, String> state(Line l) throws ScenarioException {
        int id = msg(l);
        l.equalsSign();
        Token t = l.word("a state (request, serving, reply, dispose, freed)");
        MsgState want = MsgState.fromWord(t.text());
        if (want == null) {
            throw l.error(t, "expected a state (request, serving, reply, dispose, freed), found " + t.describe());
        }
        return w -> {
            CapsMessage m = w.messages().get(id);
            if (m == null) {
                return "there is no msg" + id;
            }
            return m.state() == want ? null : "msg" + id + " is " + m.state().word();
        };
    }

    private static Function<CapsWorld, String> freed(Line l) throws ScenarioException {
        int id = msg(l);
        return w -> {
            CapsMessage m = w.messages().get(id);
            if (m == null) {
                return "there is no msg" + id;
            }
            return m.state() == MsgState.FREED ? null : "msg" + id + " is " + m.state().word();
        };
    }

    private static Function<CapsWorld, String> usage(Line l) throws ScenarioException {
        String proc = name(l, "a process name");
        l.equalsSign();
        long n = l.number("the number of objects", 0, Long.MAX_VALUE);
        return w -> {
            if (!w.processes().containsKey(proc)) {
                return "there is no process " + proc;
            }
            long u = w.usage(proc);
            return u == n ? null : proc + " pays for " + u + " objects";
        };
    }

    /** {@code expect got P = msgN STATE [data "..."] [length N] [from P uid U gid G] [status WORD] [unread]}. */
    private static Function<CapsWorld, String> got(Line l) throws ScenarioException {
        String proc = name(l, "a process name");
        l.equalsSign();
        int id = msg(l);
        Token st = l.word("the state it came in (REQUEST, REPLY, DISPOSE)");
        MsgState state = switch (st.text()) {
            case "REQUEST" -> MsgState.REQUEST;
            case "REPLY" -> MsgState.REPLY;
            case "DISPOSE" -> MsgState.DISPOSE;
            default -> throw l.error(st, "expected the state it came in (REQUEST, REPLY, DISPOSE), found " + st.describe());
        };
        String data = null;
        Integer length = null;
        Credentials from = null;
        String status = null;
        boolean unread = false;
        while (!l.atEnd()) {
            Token k = l.word("data, length, from, status or unread");
            switch (k.text()) {
                case "data" -> data = l.string("the bytes read, in quotes");
                case "length" -> length = (int) l.number("the length", 0, Integer.MAX_VALUE);
                case "from" -> {
                    String who = name(l, "the sending process");
                    from = new Credentials(who, id(l, "uid"), id(l, "gid"));
                }
                case "status" -> status = l.word("a status (ok, ENOTCONN)").text();
                case "unread" -> unread = true;
                default -> throw l.error(k, "expected data, length, from, status or unread, found " + k.describe());
            }
        }
        String wantData = data;
        Integer wantLength = length;
        Credentials wantFrom = from;
        String wantStatus = status;
        boolean wantUnread = unread;
        return w -> {
            CapsProcess p = w.processes().get(proc);
            if (p == null) {
                return "there is no process " + proc;
            }
            LastGet g = p.lastGet();
            if (g == null) {
                return proc + " has got nothing yet";
            }
            String seen = describe(g);
            boolean ok = g.msg() == id && g.state() == state
                    && (wantData == null || (g.read() && wantData.equals(g.data())))
                    && (wantLength == null || wantLength == g.length())
                    && (wantFrom == null || wantFrom.equals(g.from()))
                    && (wantStatus == null || wantStatus.equals(g.status()))
                    && (!wantUnread || !g.read());
            return ok ? null : proc + " got " + seen;
        };
    }

    private static String describe(LastGet g) {
        StringBuilder b = new StringBuilder("msg" + g.msg() + " " + g.state());
        if (g.read()) {
            b.append(" data ").append(quote(g.data()));
        }
        b.append(" length ").append(g.length());
        if (g.from() != null) {
            b.append(" from ").append(g.from().process()).append(" uid ").append(g.from().uid()).append(" gid ")
                    .append(g.from().gid());
        }
        if (g.status() != null) {
            b.append(" status ").append(g.status());
        }
        if (!g.read()) {
            b.append(" unread");
        }
        return b.toString();
    }

    private static String quote(String data) {
        return capsim.personality.Quoted.of(data);
    }
}
