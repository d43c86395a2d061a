package capsim.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Personality scenarios end to end, on the toy ledger personality of the test class path. */
class ScriptRunnerTest {

    private static RunResult run(String text) throws ScenarioException {
        return ScriptRunner.run((Script<?>) Parser.load("t.scn", text));
    }

    private static final String HEAD = "scenario \"ledger\"\nvariant ledger\n";

    @Test
    void aPassingScriptRunsEveryStepAndExpectation() throws ScenarioException {
        RunResult r = run(HEAD + "check invariants\nprocess a quota 2\na put k1 \"hi\"\nexpect records 1\nexpect event \"put record k1\"\n"
                + "a drop k1\nexpect records 0\nexpect no event \"forgot\"\n");
        assertTrue(r.passed(), r.failures().toString());
        assertEquals(3, r.steps());
        assertEquals(4, r.expectations());
        assertEquals("ledger", r.variant());
    }

    @Test
    void aFailedExpectationSaysWhatItFound() throws ScenarioException {
        RunResult r = run(HEAD + "process a quota 2\na put k1 \"hi\"\nexpect records 2\n");
        assertFalse(r.passed());
        assertEquals(1, r.expectationsFailed());
        assertTrue(r.failures().get(0).contains("t.scn:5: expectation failed: expect records 2 (1 records)"), r.failures().get(0));
    }

    @Test
    void anUnexpectedRefusalFailsTheStepAndAnExpectedOnePasses() throws ScenarioException {
        String body = HEAD + "process a quota 1\na put k1 \"\"\na put k2 \"\"";
        RunResult refused = run(body + "\n");
        assertFalse(refused.passed());
        assertTrue(refused.failures().get(0).contains("refused: ENOMEM"), refused.failures().toString());
        RunResult expected = run(body + " => ENOMEM\nexpect records 1\n");
        assertTrue(expected.passed(), expected.failures().toString());
    }

    @Test
    void aRefusedStepChangesNothing() throws ScenarioException {
        RunResult a = run(HEAD + "process a quota 1\na put k1 \"\"\n");
        RunResult b = run(HEAD + "process a quota 1\na put k1 \"\"\na put k2 \"\" => ENOMEM\na drop zz => NO_RECORD\n");
        assertTrue(b.passed(), b.failures().toString());
        // The same world: only the event log could differ, and refusals log nothing.
        assertEquals(a.traceHash(), b.traceHash());
    }

    @Test
    void aWrongOutcomeFails() throws ScenarioException {
        RunResult r = run(HEAD + "process a quota 1\na put k1 \"\" => LEAKED\n");
        assertTrue(r.failures().get(0).contains("expected LEAKED, got ok"), r.failures().toString());
    }

    @Test
    void brokenInvariantsFailUnlessExpected() throws ScenarioException {
        String body = HEAD + "check invariants\nprocess a quota 3\na put k \"\"\na leak k => LEAKED\n";
        RunResult r = run(body);
        assertFalse(r.passed());
        assertEquals("ledger-no-leak", r.violations().get(0).invariant());
        RunResult ok = run(body + "expect invariant ledger-no-leak broken\nexpect invariant storage-accounting holds\n");
        assertTrue(ok.passed(), ok.failures().toString());
    }

    @Test
    void theListenerSeesStepsEventsAndOutcomesInOrder() throws ScenarioException {
        @SuppressWarnings("unchecked")
        Script<capsim.scenario.toy.Ledger.LedgerWorld> s =
                (Script<capsim.scenario.toy.Ledger.LedgerWorld>) Parser.load("t.scn", HEAD + "process a quota 0\na put k \"x\"\n");
        List<String> seen = new ArrayList<>();
        ScriptRunner.run(s, new ScriptRunner.Listener<>() {
            @Override
            public void step(int number, int line, String text, List<String> events, int firstEvent, String outcome,
                             String failure, capsim.scenario.toy.Ledger.LedgerWorld after) {
                seen.add(number + "@" + line + " " + text + " " + events + " " + firstEvent + " " + outcome);
            }
        });
        assertEquals(List.of("1@3 process a quota 0 [process a with quota 0] 0 ok",
                "2@4 a put k \"x\" [a put record k (1 bytes)] 1 ok"), seen);
    }

    @Test
    void malformedLinesGiveFileLineColumn() {
        assertEquals("t.scn:3:21: expected an outcome word after '=>', found the end of the line",
                assertThrows(ScenarioException.class, () -> Parser.load("t.scn", HEAD + "process a quota 1 =>\n")).getMessage());
        assertEquals("t.scn:3:1: 'work-bound' is a Viengoos-model setting; personality scenarios do not take it",
                assertThrows(ScenarioException.class, () -> Parser.load("t.scn", HEAD + "work-bound 30\n")).getMessage());
        assertEquals("t.scn:4:1: 'check' belongs in the header, before the first statement",
                assertThrows(ScenarioException.class, () -> Parser.load("t.scn", HEAD + "process a quota 1\ncheck invariants\n")).getMessage());
        ScenarioException e = assertThrows(ScenarioException.class, () -> Parser.load("t.scn", HEAD + "check invariant nope\n"));
        assertTrue(e.getMessage().startsWith("t.scn:3:17: unknown invariant 'nope' for ledger (expected one of ledger-no-leak, "), e.getMessage());
        assertEquals("t.scn:3:5: expected put, drop or leak, found 'take'",
                assertThrows(ScenarioException.class, () -> Parser.load("t.scn", HEAD + "a   take k\n")).getMessage());
        assertEquals("t.scn:3:11: expected the end of the line, found 'k2'",
                assertThrows(ScenarioException.class, () -> Parser.load("t.scn", HEAD + "a drop k1 k2 extra\n")).getMessage());
        assertEquals("t.scn:3:1: an expectation takes no '=> OUTCOME'",
                assertThrows(ScenarioException.class, () -> Parser.load("t.scn", HEAD + "expect records 1 => ok\n")).getMessage());
    }

    @Test
    void theViengoosParserRefusesAPersonalityFile() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> Parser.parse("t.scn", HEAD));
        assertEquals("t.scn:2:1: 'variant ledger' is a personality: this needs a Viengoos-model scenario", e.getMessage());
        assertInstanceOf(Scenario.class, assertDoesNotThrowLoad());
    }

    private static ScenarioFile assertDoesNotThrowLoad() {
        try {
            return Parser.load("v.scn", "scenario \"v\"\nvariant revised\n");
        } catch (ScenarioException e) {
            throw new AssertionError(e);
        }
    }
}
