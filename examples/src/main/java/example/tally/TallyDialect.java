package example.tally;

import capsim.personality.Personality;
import capsim.scenario.Dialect;
import capsim.scenario.Line;
import capsim.scenario.ScenarioException;
import capsim.scenario.Statement;
import capsim.scenario.Token;

/**
 * The tally personality's scenario language: {@code process P quota N}, {@code P open C}, {@code P add C N},
 * {@code P share C with Q}, {@code P close C}, and {@code expect value C N}.
 */
public final class TallyDialect implements Dialect<Tally.TallyWorld> {
    private final Tally tally = new Tally();

    @Override
    public Personality<Tally.TallyWorld> personality() {
        return tally;
    }

    @Override
    public Statement<Tally.TallyWorld> statement(Line l) throws ScenarioException {
        Token first = l.word("a statement");
        if (first.is("process")) {
            String name = l.word("a process name").text();
            l.keyword("quota", "'quota'");
            return new Statement.Step<>(new Tally.NewProcess(name, l.number("a quota", 0, 1000)));
        }
        if (first.is("expect")) {
            l.keyword("value", "'value'");
            String counter = l.word("a counter name").text();
            long n = l.number("a value", 0, Long.MAX_VALUE);
            return new Statement.Expect<>(w -> w.value(counter) == n ? null
                    : "counter " + counter + " is " + (w.value(counter) < 0 ? "not open" : "at " + w.value(counter)));
        }
        Token op = l.word("open, add, share or close");
        String counter = l.word("a counter name").text();
        return switch (op.text()) {
            case "open" -> new Statement.Step<>(new Tally.Open(first.text(), counter));
            case "add" -> new Statement.Step<>(new Tally.Add(first.text(), counter, l.number("an amount", 0, 1_000_000)));
            case "share" -> {
                l.keyword("with", "'with'");
                yield new Statement.Step<>(new Tally.Share(first.text(), counter, l.word("a process name").text()));
            }
            case "close" -> new Statement.Step<>(new Tally.Close(first.text(), counter));
            default -> throw l.error(op, "expected open, add, share or close, found " + op.describe());
        };
    }
}
