package capsim.scenario;

import capsim.personality.Personalities;
import capsim.personality.World;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the body of a personality scenario: {@code check} header lines, the expectations every dialect
 * shares, and through the {@link Dialect} everything else; a trailing {@code => OUTCOME} on a step is taken
 * off here. Outcome words are the design's own, so any word is accepted after {@code =>}.
 */
final class ScriptReader<W extends World<W>> {
    private final String file;
    private final Dialect<W> dialect;
    private final List<String> invariants = new ArrayList<>();
    private final List<Script.Item<W>> items = new ArrayList<>();

    private ScriptReader(String file, Dialect<W> dialect) {
        this.file = file;
        this.dialect = dialect;
    }

    static <W extends World<W>> ScriptReader<W> of(String file, Dialect<W> dialect) {
        return new ScriptReader<>(file, dialect);
    }

    Script<W> script(String title) {
        return new Script<>(file, title, dialect, invariants, items);
    }

    void statement(Line l) throws ScenarioException {
        Token first = l.peek("a statement");
        if (first.kind() != Token.Kind.WORD) {
            throw l.error(first, "expected a statement, found " + first.describe());
        }
        switch (first.text()) {
            case "scenario" -> throw l.error(first, "only one 'scenario' line is allowed in a file");
            case "variant" -> throw l.error(first, "only one 'variant' line is allowed in a file");
            case "work-bound", "root-quota" -> throw l.error(first, "'" + first.text()
                    + "' is a Viengoos-model setting; personality scenarios do not take it");
            case "check" -> {
                l.next("");
                if (!items.isEmpty()) {
                    throw l.error(first, "'check' belongs in the header, before the first statement");
                }
                check(l);
                return;
            }
            case "expect" -> {
                if (shared(l)) {
                    return;
                }
            }
            default -> {
            }
        }
        String expected = null;
        int n = l.toks.size();
        if (n >= 2 && l.toks.get(n - 2).kind() == Token.Kind.ARROW) {
            Token w = l.toks.get(n - 1);
            if (w.kind() != Token.Kind.WORD) {
                throw l.error(w, "expected an outcome word after '=>', found " + w.describe());
            }
            expected = w.text();
            l = new Line(l.file, l.lineNo, l.toks.subList(0, n - 2), l.toks.get(n - 2).column(), l.code);
        } else if (n >= 1 && l.toks.get(n - 1).kind() == Token.Kind.ARROW) {
            throw l.errorAtEnd("expected an outcome word after '=>'");
        }
        Statement<W> st = dialect.statement(l);
        l.end();
        switch (st) {
            case Statement.Step<W> s -> items.add(new Script.StepItem<>(l.lineNumber(), s.action(), expected));
            case Statement.Expect<W> e -> {
                if (expected != null) {
                    throw new ScenarioException(file, l.lineNumber(), 1, "an expectation takes no '=> OUTCOME'");
                }
                items.add(new Script.ExpectItem<>(l.lineNumber(), l.source().trim(), e.failure(), null));
            }
        }
    }

    private void check(Line l) throws ScenarioException {
        List<String> known = Personalities.invariantNames(dialect.personality());
        Token w = l.word("'invariants' or 'invariant <name>...'");
        if (w.is("invariants")) {
            l.end();
            invariants.clear();
            invariants.addAll(known);
            return;
        }
        if (!w.is("invariant")) {
            throw l.error(w, "expected 'invariants' or 'invariant <name>...', found " + w.describe());
        }
        do {
            Token n = l.word("an invariant name (" + String.join(", ", known) + ")");
            if (!known.contains(n.text())) {
                throw l.error(n, "unknown invariant '" + n.text() + "' for " + dialect.personality().name()
                        + " (expected one of " + String.join(", ", known) + ")");
            }
            invariants.add(n.text());
        } while (!l.atEnd());
    }

    /** The expectations every dialect shares; false (nothing read) when the line is a dialect's own. */
    private boolean shared(Line l) throws ScenarioException {
        Token second = l.lookAhead(1);
        if (second == null) {
            return false;
        }
        int line = l.lineNumber();
        String text = l.source().trim();
        if (second.is("event") || second.is("no")) {
            l.next("");
            l.next("");
            if (second.is("no")) {
                l.keyword("event", "'event' after 'expect no'");
            }
            String s = l.string("the text to find in an event, in quotes");
            l.end();
            items.add(new Script.ExpectItem<>(line, text, null, new Script.Shared.Event(s, second.is("event"))));
            return true;
        }
        if (second.is("invariant")) {
            l.next("");
            l.next("");
            List<String> known = Personalities.invariantNames(dialect.personality());
            Token n = l.word("an invariant name (" + String.join(", ", known) + ")");
            if (!known.contains(n.text())) {
                throw l.error(n, "unknown invariant '" + n.text() + "' (expected one of " + String.join(", ", known) + ")");
            }
            Token h = l.word("'holds' or 'broken'");
            if (!h.is("holds") && !h.is("broken")) {
                throw l.error(h, "expected 'holds' or 'broken', found " + h.describe());
            }
            l.end();
            items.add(new Script.ExpectItem<>(line, text, null, new Script.Shared.Invariant(n.text(), h.is("holds"))));
            return true;
        }
        return false;
    }
}
