package capsim.dialect.lwkt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.personality.PersonalityAction;
import capsim.personality.lwkt.Call;
import capsim.personality.lwkt.LwktAction;
import capsim.personality.lwkt.LwktPersonality;
import capsim.personality.lwkt.LwktWorld;
import capsim.personality.lwkt.MsgPort;
import capsim.scenario.Parser;
import capsim.scenario.RunResult;
import capsim.scenario.ScenarioException;
import capsim.scenario.ScenarioFile;
import capsim.scenario.Script;
import capsim.scenario.ScriptRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The lwkt dialect: every statement parses to its record, text() reads back equal, bad lines point at the token. */
class LwktDialectTest {
    private static final String HEAD = "scenario \"t\"\nvariant lwkt\n";

    @SuppressWarnings("unchecked")
    private static Script<LwktWorld> script(String body) throws ScenarioException {
        ScenarioFile f = Parser.load("t.scn", HEAD + body);
        assertThat(f).isInstanceOf(Script.class);
        return (Script<LwktWorld>) f;
    }

    private static List<PersonalityAction<LwktWorld>> actions(String body) throws ScenarioException {
        List<PersonalityAction<LwktWorld>> out = new ArrayList<>();
        for (Script.Item<LwktWorld> it : script(body).items()) {
            if (it instanceof Script.StepItem<LwktWorld> s) {
                out.add(s.action());
            }
        }
        return out;
    }

    private static PersonalityAction<LwktWorld> one(String line) throws ScenarioException {
        List<PersonalityAction<LwktWorld>> as = actions(line + "\n");
        assertThat(as).hasSize(1);
        return as.get(0);
    }

    @Test
    void everyStatementParsesToItsRecord() throws ScenarioException {
        assertThat(actions("""
                thread t1
                thread t2 quota 20
                t1 port p
                t1 port q agent sync arrival upcall
                t1 port r arrival upcall agent queue
                t1 message m
                t1 message s signal INT reply r
                t1 message n call sleep 3 abortable reply r async
                t1 message g async call getpid
                t1 message b call stage
                t1 message k timer 2 reply r
                t1 write m "hi \\"there\\""
                t1 send m to p
                t1 domsg m to kernel
                t2 getmsg p
                t2 reply m
                t2 reply m result ECANCELED
                t1 sendsys n
                t1 waitsys r
                t1 flushsys
                t1 enter-critical
                t1 exit-critical
                t1 abort m
                t1 free m
                kernel tick
                kernel tick 5
                kernel signal t1 HUP
                """)).containsExactly(
                new LwktAction.NewThread("t1", 0),
                new LwktAction.NewThread("t2", 20),
                new LwktAction.NewPort("t1", "p", MsgPort.Agent.QUEUE, MsgPort.Arrival.QUEUE),
                new LwktAction.NewPort("t1", "q", MsgPort.Agent.SYNC, MsgPort.Arrival.UPCALL),
                new LwktAction.NewPort("t1", "r", MsgPort.Agent.QUEUE, MsgPort.Arrival.UPCALL),
                new LwktAction.NewMessage("t1", "m", null, null, false),
                new LwktAction.NewMessage("t1", "s", new Call.Signal("INT"), "r", false),
                new LwktAction.NewMessage("t1", "n", new Call.Sleep(3), "r", true, true),
                new LwktAction.NewMessage("t1", "g", new Call.Getpid(), null, true),
                new LwktAction.NewMessage("t1", "b", new Call.Stage(), null, false),
                new LwktAction.NewMessage("t1", "k", new Call.Timer(2), "r", false),
                new LwktAction.Write("t1", "m", "hi \"there\""),
                new LwktAction.Send("t1", "m", "p"),
                new LwktAction.DoMsg("t1", "m", "kernel"),
                new LwktAction.GetMsg("t2", "p"),
                new LwktAction.Reply("t2", "m", "ok"),
                new LwktAction.Reply("t2", "m", "ECANCELED"),
                new LwktAction.SendSys("t1", "n"),
                new LwktAction.WaitSys("t1", "r"),
                new LwktAction.FlushSys("t1"),
                new LwktAction.EnterCritical("t1"),
                new LwktAction.ExitCritical("t1"),
                new LwktAction.Abort("t1", "m"),
                new LwktAction.Free("t1", "m"),
                new LwktAction.Tick(1),
                new LwktAction.Tick(5),
                new LwktAction.Signal("t1", "HUP"));
    }

    @Test
    void textReadsBackToAnEqualActionForEveryGeneratedStep() throws ScenarioException {
        LwktPersonality p = new LwktPersonality();
        List<LwktAction> all = new ArrayList<>(List.of(
                new LwktAction.Write("t1", "m", "quote \" back\\slash\nnew\ttab \u0001 \u00e9"),
                new LwktAction.Write("t1", "m", ""),
                new LwktAction.NewMessage("t1", "x", new Call.Stage(), "r", true),
                new LwktAction.NewPort("t1", "y", MsgPort.Agent.SYNC, MsgPort.Arrival.QUEUE)));
        for (long seed = 0; seed < 30; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            var s = capsim.personality.Session.unchecked(p, p.newWorld());
            for (PersonalityAction<LwktWorld> a : p.randomSetup(rnd)) {
                all.add((LwktAction) a);
                s.step(a);
            }
            for (int i = 0; i < 40; i++) {
                PersonalityAction<LwktWorld> a = p.randomStep(s.world(), rnd);
                all.add((LwktAction) a);
                s.step(a);
            }
        }
        java.util.Set<Class<?>> kinds = new java.util.HashSet<>();
        for (LwktAction a : all) {
            assertThat(one(a.text())).as(a.text()).isEqualTo(a);
            kinds.add(a.getClass());
        }
        assertThat(kinds).as("every kind of step").hasSize(LwktAction.class.getPermittedSubclasses().length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            t1 send m p                    | 3:11: expected 'to' and a port, found 'p'
            t1 send m to                   | 3:13: expected a port name, found the end of the line
            t1 port p agent fast           | 3:17: expected an agent (queue or sync), found 'fast'
            t1 port p agent sync agent sync| 3:22: expected 'arrival', or the end of the line, found 'agent'
            thread kernel                  | 3:8: expected a thread name, found the reserved word 'kernel'
            thread t1 quota -2             | 3:17: a quota must be between 0 and 1000000, not -2
            kernel tock                    | 3:8: expected 'tick' or 'signal' after 'kernel', found 'tock'
            kernel signal t1 int           | 3:18: expected a signal name (upper case, e.g. INT), found 'int'
            t1 message m timer 0           | 3:20: a timer period in ticks must be between 1 and 1000000, not 0
            t1 message m call fork         | 3:19: expected a system call (getpid, sleep N, stage), found 'fork'
            t1 message m async async       | 3:20: expected 'call', 'signal', 'timer', 'reply', 'abortable', or the end of the line, found 'async'
            t1 message m abortable x       | 3:24: expected 'call', 'signal', 'timer', 'reply', 'async', or the end of the line, found 'x'
            t1 write m hello               | 3:12: expected the data to write, in quotes, found 'hello'
            t1 reply m result lower        | 3:19: expected a result (ok or an error word such as ECANCELED), found 'lower'
            t1 frobnicate m                | 3:4: expected what t1 does (port, message, write, send, domsg, getmsg, reply, sendsys, waitsys, flushsys, enter-critical, exit-critical, abort, free), found 'frobnicate'
            t1 flushsys now                | 3:13: expected the end of the line, found 'now'
            "t1" send m to p               | 3:1: expected a statement, found a string
            expect owner m t1              | 3:16: expected '=', found 't1'
            expect flags m = DONE,LOST     | 3:23: expected a flag (ASYNC, SYNC, QUEUED, DONE, REPLY, PERSISTENT, ABORTABLE, ABORT, or none), found 'LOST'
            expect state t1 = asleep       | 3:19: expected running or blocked, found 'asleep'
            expect armed m = maybe         | 3:18: expected yes or no, found 'maybe'
            expect nothing m               | 3:8: expected what to expect (owner, creator, queued, upcalls, deferred, critical, flags, result, returned, overruns, armed, state, usage, staged, freed, event, no event, invariant), found 'nothing'
            expect queued p = many         | 3:19: expected a count (a number), found 'many'
            expect owner m = t1 => ok      | 3:1: an expectation takes no '=> OUTCOME'
            """)
    void aMalformedLineIsAnErrorAtItsToken(String line, String where) {
        assertThatThrownBy(() -> script(line + "\n")).isInstanceOf(ScenarioException.class)
                .hasMessage("t.scn:" + where.strip());
    }

    @Test
    void expectationsSayWhatTheyFound() throws ScenarioException {
        RunResult r = ScriptRunner.run(script("""
                check invariants
                thread t1
                thread t2
                t2 port p
                t1 message m
                t1 send m to p => EASYNC
                expect owner m = p
                expect owner m = t1
                expect queued p = 2
                expect flags m = QUEUED
                expect flags m = none
                expect state t1 = blocked
                expect result m = ok
                expect freed m
                expect usage t1 = 2
                expect armed m = yes
                expect owner ghost = t1
                expect creator m = t1
                expect creator m = t2
                """));
        assertThat(r.failures()).containsExactly(
                "t.scn:10: expectation failed: expect owner m = t1 (owner p)",
                "t.scn:11: expectation failed: expect queued p = 2 (queued [m])",
                "t.scn:13: expectation failed: expect flags m = none (flags QUEUED)",
                "t.scn:14: expectation failed: expect state t1 = blocked (running)",
                "t.scn:15: expectation failed: expect result m = ok (result none)",
                "t.scn:16: expectation failed: expect freed m (m is live (owner p))",
                "t.scn:18: expectation failed: expect armed m = yes (not armed)",
                "t.scn:19: expectation failed: expect owner ghost = t1 (no message ghost)",
                "t.scn:21: expectation failed: expect creator m = t2 (creator t1)");
    }

    @Test
    void aRefusedStepWithoutAnExpectedOutcomeFailsTheRun() throws ScenarioException {
        RunResult r = ScriptRunner.run(script("""
                thread t1
                thread t2
                t2 port p
                t1 message m
                t2 send m to p
                """));
        assertThat(r.failures()).hasSize(1);
        assertThat(r.failures().get(0)).startsWith("t.scn:7: step 5 (t2 send m to p): refused: EPERM: t2 does not own m");
    }
}
