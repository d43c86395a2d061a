package capsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsim.personality.PersonalityChecker;
import capsim.personality.Session;
import capsim.scenario.toy.Ledger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The session and the checker of personalities, on the toy ledger. */
class PersonalityEngineTest {

    @Test
    void aRefusedStepLeavesTheWorldAsItWas() {
        Ledger p = new Ledger();
        Session<Ledger.LedgerWorld> s = Session.checkingAll(p, p.newWorld());
        assertEquals("ok", s.step(new Ledger.Proc("a", 1)).outcome());
        assertEquals("ok", s.step(new Ledger.Put("a", "k", "x")).outcome());
        long before = s.world().fingerprint();
        Session.Step refused = s.step(new Ledger.Put("a", "k2", "y"));
        assertEquals("ENOMEM", refused.outcome());
        assertTrue(refused.refused());
        assertEquals(before, s.world().fingerprint());
        assertTrue(refused.violations().isEmpty(), refused.violations().toString());
    }

    @Test
    void theCoreInvariantsAreCheckedOnThePersonalitysKernel() {
        Ledger p = new Ledger();
        Session<Ledger.LedgerWorld> s = Session.checkingAll(p, p.newWorld());
        s.step(new Ledger.Proc("a", 0));
        s.step(new Ledger.Put("a", "k", ""));
        Session.Step leak = s.step(new Ledger.Leak("a", "k"));
        assertEquals("LEAKED", leak.outcome());
        assertEquals(List.of("ledger-no-leak"), leak.violations().stream().map(v -> v.invariant()).toList());
    }

    @Test
    void theCheckerFindsTheLeakAndShrinksItToTheThreeStepsThatMatter() {
        PersonalityChecker.Result r = PersonalityChecker.run(new Ledger(), 50, 7, 40, List.of(), null);
        assertFalse(r.held());
        PersonalityChecker.Counterexample c = r.counterexample();
        assertEquals("ledger-no-leak", c.invariant());
        assertEquals(3, c.steps().size(), c.steps().toString());
        assertTrue(c.steps().get(0).startsWith("process "), c.steps().toString());
        assertTrue(c.steps().get(1).contains(" put "), c.steps().toString());
        assertTrue(c.steps().get(2).contains(" leak "), c.steps().toString());
        assertEquals("LEAKED", c.outcomes().get(2));
        assertTrue(c.originalSteps() > 3);
    }

    @Test
    void theCounterexampleReplaysAsAScenarioThatBreaksTheSameInvariant() throws ScenarioException {
        PersonalityChecker.Counterexample c = PersonalityChecker.run(new Ledger(), 50, 7, 40, List.of(), null).counterexample();
        StringBuilder text = new StringBuilder("scenario \"replay\"\nvariant ledger\ncheck invariant " + c.invariant() + "\n");
        for (int i = 0; i < c.steps().size(); i++) {
            text.append(c.steps().get(i)).append(" => ").append(c.outcomes().get(i)).append('\n');
        }
        RunResult r = ScriptRunner.run((Script<?>) Parser.load("replay.scn", text.toString()));
        assertEquals(List.of(c.invariant()), r.violations().stream().map(v -> v.invariant()).toList());
        assertEquals(1, r.failures().size(), r.failures().toString());
    }

    @Test
    void withoutTheLeakEveryInvariantHoldsAndTheSameSeedGivesTheSameRun() {
        PersonalityChecker.Result a = PersonalityChecker.run(new Ledger(false), 30, 3, 40, List.of(), null);
        PersonalityChecker.Result b = PersonalityChecker.run(new Ledger(false), 30, 3, 40, List.of(), null);
        assertTrue(a.held(), () -> a.counterexample().toString());
        assertEquals(a.steps(), b.steps());
        assertEquals(a.outcomes(), b.outcomes());
        assertTrue(a.outcomes().getOrDefault("ENOMEM", 0L) > 0, a.outcomes().toString());
        PersonalityChecker.Result c = PersonalityChecker.run(new Ledger(false), 30, 4, 40, List.of(), null);
        assertNotEquals(a.outcomes(), c.outcomes());
    }
}
