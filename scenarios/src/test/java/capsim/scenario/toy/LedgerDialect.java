package capsim.scenario.toy;

import capsim.personality.Personality;
import capsim.scenario.Dialect;
import capsim.scenario.Line;
import capsim.scenario.ScenarioException;
import capsim.scenario.Statement;
import capsim.scenario.Token;

/** The toy ledger's scenario language: {@code process P quota N}, {@code P put K "b"}, {@code P drop K}, {@code P leak K}, {@code expect records N}. */
public final class LedgerDialect implements Dialect<Ledger.LedgerWorld> {
    private final Ledger ledger = new Ledger();

    @Override
    public Personality<Ledger.LedgerWorld> personality() {
        return ledger;
    }

    @Override
    public Statement<Ledger.LedgerWorld> statement(Line l) throws ScenarioException {
        Token first = l.word("a statement");
        if (first.is("process")) {
            String name = l.word("a process name").text();
            l.keyword("quota", "'quota'");
            return new Statement.Step<>(new Ledger.Proc(name, l.number("a quota", 0, 1000)));
        }
        if (first.is("expect")) {
            l.keyword("records", "'records'");
            long n = l.number("a count", 0, 1000);
            return new Statement.Expect<>(w -> w.records() == n ? null : w.records() + " records");
        }
        Token op = l.word("put, drop or leak");
        String key = l.word("a record name").text();
        return switch (op.text()) {
            case "put" -> new Statement.Step<>(new Ledger.Put(first.text(), key, l.string("the bytes in quotes")));
            case "drop" -> new Statement.Step<>(new Ledger.Drop(first.text(), key));
            case "leak" -> new Statement.Step<>(new Ledger.Leak(first.text(), key));
            default -> throw l.error(op, "expected put, drop or leak, found " + op.describe());
        };
    }
}
