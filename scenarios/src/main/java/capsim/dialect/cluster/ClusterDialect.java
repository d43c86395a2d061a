package capsim.dialect.cluster;

import capsim.kernel.CapPage;
import capsim.personality.Personality;
import capsim.personality.PersonalityException;
import capsim.personality.cluster.ClusterAction;
import capsim.personality.cluster.ClusterPersonality;
import capsim.personality.cluster.ClusterWorld;
import capsim.scenario.Dialect;
import capsim.scenario.Line;
import capsim.scenario.ScenarioException;
import capsim.scenario.Statement;
import capsim.scenario.StepWords;
import capsim.scenario.Token;
import java.util.List;
import java.util.Set;

/**
 * The scenario language of {@code variant cluster} (docs/stream-protocol.md, "Two kernels in a scenario"):
 * declarations {@code thread T on a|b [quota N]}, {@code frame F for T [bytes "..."]}; steps
 * {@code link up [over pipe|tcp] [quota N]}, {@code link cut}, {@code T send F|slot N to U slot M},
 * {@code U release slot N}, {@code T request R to U [in P]}, {@code U answer R}, {@code T abort R}; and
 * expectations about the link, the ends, requests and slots.
 */
public final class ClusterDialect implements Dialect<ClusterWorld> {
    /** A link agent's activity quota when the scenario gives none: its page, its thread and 6 proxies. */
    static final long DEFAULT_LINK_QUOTA = 8;
    private static final List<String> STATES = List.of("waiting", "answered", "ended", "aborted", "lost");
    private final ClusterPersonality personality = new ClusterPersonality(TcpTransport::new);

    @Override
    public Personality<ClusterWorld> personality() {
        return personality;
    }

    @Override
    public Statement<ClusterWorld> statement(Line l) throws ScenarioException {
        Token first = l.word("a statement (thread, frame, link, expect, or a thread name starting a step)");
        return switch (first.text()) {
            case "thread" -> {
                String name = StepWords.newName(l, "a thread name", STATEMENT_WORDS);
                l.keyword("on", "'on' and a node (a or b)");
                int node = node(l);
                long quota = 0;
                if (l.peekIs("quota")) {
                    l.next("");
                    quota = l.number("a quota", 0, 1_000_000);
                }
                yield step(new ClusterAction.Thread(name, node, quota));
            }
            case "frame" -> {
                String name = StepWords.newName(l, "a frame name", STATEMENT_WORDS);
                l.keyword("for", "'for' and the thread that holds it");
                String holder = l.word("a thread name").text();
                String bytes = "";
                if (l.peekIs("bytes")) {
                    l.next("");
                    bytes = l.string("the bytes in quotes");
                }
                yield step(new ClusterAction.Frame(name, holder, bytes));
            }
            case "link" -> link(l);
            case "expect" -> expect(l);
            default -> threadStep(l, first.text());
        };
    }

    /**
     * Words that start a cluster statement besides the reader's, and 'slot' (which 'send' reads as a slot): a
     * thread, frame or request so named could never be used.
     */
    private static final Set<String> STATEMENT_WORDS = Set.of("thread", "frame", "link", "slot");

    private static Statement<ClusterWorld> step(ClusterAction a) {
        return new Statement.Step<>(a);
    }

    private static Statement<ClusterWorld> link(Line l) throws ScenarioException {
        Token w = l.word("'up' or 'cut'");
        if (w.is("cut")) {
            return step(new ClusterAction.Cut());
        }
        if (!w.is("up")) {
            throw l.error(w, "expected 'up' or 'cut', found " + w.describe());
        }
        String transport = "pipe";
        long quota = DEFAULT_LINK_QUOTA;
        while (!l.atEnd()) {
            Token o = l.word("'over' or 'quota'");
            if (o.is("over")) {
                Token t = l.word("a transport (pipe or tcp)");
                if (!t.is("pipe") && !t.is("tcp")) {
                    throw l.error(t, "expected a transport (pipe or tcp), found " + t.describe());
                }
                transport = t.text();
            } else if (o.is("quota")) {
                quota = l.number("the link agents' quota", 0, 1_000_000);
            } else {
                throw l.error(o, "expected 'over' or 'quota', found " + o.describe());
            }
        }
        return step(new ClusterAction.LinkUp(transport, quota));
    }

    private static Statement<ClusterWorld> threadStep(Line l, String who) throws ScenarioException {
        Token op = l.word("an operation (send, release, request, answer, abort)");
        return switch (op.text()) {
            case "send" -> {
                String source = l.peekIs("slot") ? "slot " + slotAfter(l) : l.word("an object name or 'slot N'").text();
                l.keyword("to", "'to' and the receiving thread");
                String to = l.word("a thread name").text();
                yield step(new ClusterAction.Send(who, source, to, slotAfter(l)));
            }
            case "release" -> step(new ClusterAction.Release(who, slotAfter(l)));
            case "request" -> {
                String name = StepWords.newName(l, "a request name", STATEMENT_WORDS);
                l.keyword("to", "'to' and the thread asked");
                String to = l.word("a thread name").text();
                String parent = null;
                if (l.peekIs("in")) {
                    l.next("");
                    parent = l.word("the enclosing request's name").text();
                }
                yield step(new ClusterAction.Request(who, name, to, parent));
            }
            case "answer" -> step(new ClusterAction.Answer(who, l.word("a request name").text()));
            case "abort" -> step(new ClusterAction.Abort(who, l.word("a request name").text()));
            default -> throw l.error(op, "expected an operation (send, release, request, answer, abort), found " + op.describe());
        };
    }

    private static int slotAfter(Line l) throws ScenarioException {
        l.keyword("slot", "'slot' and a slot number");
        return (int) l.number("a slot number", 0, CapPage.SLOTS - 1);
    }

    private static int node(Line l) throws ScenarioException {
        Token n = l.word("a node (a or b)");
        if (!n.is("a") && !n.is("b")) {
            throw l.error(n, "expected a node (a or b), found " + n.describe());
        }
        return n.is("a") ? 0 : 1;
    }

    private static Statement<ClusterWorld> expect(Line l) throws ScenarioException {
        Token what = l.word("what to expect (link, open, proxies, references, request, slot)");
        switch (what.text()) {
            case "link" -> {
                Token s = l.word("'up' or 'down'");
                if (!s.is("up") && !s.is("down")) {
                    throw l.error(s, "expected 'up' or 'down', found " + s.describe());
                }
                boolean want = s.is("up");
                return new Statement.Expect<>(w -> w.linkUp() == want ? null : "the link is " + (w.linkUp() ? "up" : "down"));
            }
            case "open", "proxies", "references" -> {
                int node = node(l);
                l.equalsSign();
                long n = l.number("a count", 0, Integer.MAX_VALUE);
                String kind = what.text();
                return new Statement.Expect<>(w -> {
                    int got = switch (kind) {
                        case "open" -> w.openTransactions(node);
                        case "proxies" -> w.proxies(node);
                        default -> w.references(node);
                    };
                    return got == n ? null : got + " " + kind;
                });
            }
            case "request" -> {
                String name = l.word("a request name").text();
                Token s = l.word("a request state (" + String.join(", ", STATES) + ")");
                if (!STATES.contains(s.text())) {
                    throw l.error(s, "expected a request state (" + String.join(", ", STATES) + "), found " + s.describe());
                }
                return new Statement.Expect<>(w -> {
                    String got = w.requestState(name);
                    return s.text().equals(got) ? null : got == null ? "no request " + name : got;
                });
            }
            case "slot" -> {
                String thread = l.word("a thread name").text();
                int slot = (int) l.number("a slot number", 0, CapPage.SLOTS - 1);
                String want = l.word("void, proxy, or an object's name").text();
                return new Statement.Expect<>(w -> {
                    try {
                        String got = w.slotHolds(thread, slot);
                        return got.equals(want) ? null : "holds " + got;
                    } catch (PersonalityException e) {
                        return e.detail();
                    }
                });
            }
            default -> throw l.error(what, "expected what to expect (link, open, proxies, references, request, slot, event, "
                    + "invariant), found " + what.describe());
        }
    }
}
