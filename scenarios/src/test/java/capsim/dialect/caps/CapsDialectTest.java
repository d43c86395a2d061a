package capsim.dialect.caps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.personality.PersonalityAction;
import capsim.personality.Session;
import capsim.personality.caps.CapsAction;
import capsim.personality.caps.CapsPersonality;
import capsim.personality.caps.CapsWorld;
import capsim.personality.caps.Scope;
import capsim.scenario.Parser;
import capsim.scenario.ScenarioException;
import capsim.scenario.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CapsDialectTest {
    private static final String HEAD = "scenario \"t\"\nvariant caps\n";

    @SuppressWarnings("unchecked")
    private static Script<CapsWorld> script(String body) throws ScenarioException {
        return (Script<CapsWorld>) Parser.load("t.scn", HEAD + body);
    }

    private static PersonalityAction<CapsWorld> action(String line) throws ScenarioException {
        Script<CapsWorld> s = script(line + "\n");
        assertThat(s.items()).hasSize(1);
        return ((Script.StepItem<CapsWorld>) s.items().get(0)).action();
    }

    @Test
    void everyStepReads() throws ScenarioException {
        assertThat(action("process server uid 0 gid 0 quota 40")).isEqualTo(new CapsAction.NewProcess("server", 0, 0, 40));
        assertThat(action("process client uid 1000 gid 100")).isEqualTo(new CapsAction.NewProcess("client", 1000, 100, 0));
        assertThat(action("server service echo uid 0 gid 0 flags user,group"))
                .isEqualTo(new CapsAction.Register("server", "echo", 0, 0, Set.of(Scope.USER, Scope.GROUP)));
        assertThat(action("server service echo uid 0 gid 0 flags none"))
                .isEqualTo(new CapsAction.Register("server", "echo", 0, 0, Set.of()));
        assertThat(action("client connect echo uid 0 gid 0 as c1")).isEqualTo(new CapsAction.Connect("client", "echo", 0, 0, "c1"));
        assertThat(action("client put c1 \"hello\\x00\"")).isEqualTo(new CapsAction.Put("client", "c1", "hello\0", 1));
        assertThat(action("client put c1 \"x\" times 128")).isEqualTo(new CapsAction.Put("client", "c1", "x", 128));
        assertThat(action("server get echo")).isEqualTo(new CapsAction.Get("server", "echo", CapsWorld.DEFAULT_BUFFER));
        assertThat(action("server get echo buffer 4")).isEqualTo(new CapsAction.Get("server", "echo", 4));
        assertThat(action("server reply msg12 \"HELLO\"")).isEqualTo(new CapsAction.Reply("server", 12, "HELLO"));
        assertThat(action("client close c1")).isEqualTo(new CapsAction.Close("client", "c1"));
    }

    @Test
    void outcomesAndSharedExpectationsAreTheReadersAndTheRestIsTheDialects() throws ScenarioException {
        Script<CapsWorld> s = script("""
                check invariants
                process s uid 0 gid 0
                s get echo => EINVAL
                expect event "process s"
                expect invariant caps-no-loss holds
                expect queued echo = 0
                expect got s = msg1 REQUEST data "x" length 1 from c uid 1 gid 2 status ok unread
                """);
        assertThat(s.invariants()).contains("caps-freed-once", "caps-in-flight-limit", "caps-no-loss", "storage-accounting");
        assertThat(s.items()).hasSize(6);
        assertThat(((Script.StepItem<CapsWorld>) s.items().get(1)).expected()).isEqualTo("EINVAL");
        assertThat(((Script.ExpectItem<CapsWorld>) s.items().get(2)).shared()).isNotNull();
        assertThat(((Script.ExpectItem<CapsWorld>) s.items().get(4)).failure()).isNotNull();
    }

    /** The text of every step the checker generates reads back to an equal step. */
    @Test
    void generatedStepsRoundTripThroughTheirText() throws ScenarioException {
        CapsPersonality p = new CapsPersonality();
        SplittableRandom rnd = new SplittableRandom(42);
        int checked = 0;
        for (int run = 0; run < 30; run++) {
            Session<CapsWorld> s = Session.unchecked(p, p.newWorld());
            List<PersonalityAction<CapsWorld>> steps = new ArrayList<>(p.randomSetup(rnd));
            for (int i = 0; i < 60; i++) {
                PersonalityAction<CapsWorld> a = i < steps.size() ? steps.get(i) : p.randomStep(s.world(), rnd);
                assertThat(action(a.text())).as(a.text()).isEqualTo(a);
                s.step(a);
                checked++;
            }
        }
        assertThat(checked).isEqualTo(1800);
        // bytes outside printable ASCII survive too
        StringBuilder all = new StringBuilder();
        for (int c = 0; c < 256; c++) {
            all.append((char) c);
        }
        CapsAction put = new CapsAction.Put("p", "c", all.toString(), 3);
        assertThat(action(put.text())).isEqualTo(put);
        CapsAction reply = new CapsAction.Reply("p", 7, "\"\\\n");
        assertThat(action(reply.text())).isEqualTo(reply);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "process|t.scn:3:8: expected a process name, found the end of the line",
        "process s uid x gid 0|t.scn:3:15: expected the uid (a number), found 'x'",
        "process s uid 0 gid 0 quota -1|t.scn:3:29: the quota (objects; 0: none of its own) must be between 0 and 9223372036854775807, not -1",
        "process s uid 0 gid 0 limit 4|t.scn:3:23: expected 'quota' or the end of the line, found 'limit'",
        "process s uid 0 gid 0 quota 4 x|t.scn:3:31: expected the end of the line, found 'x'",
        "process expect uid 0 gid 0|t.scn:3:9: 'expect' starts a statement, so it cannot be a process name",
        "process check uid 0 gid 0|t.scn:3:9: 'check' starts a statement, so it cannot be a process name",
        "s connect echo uid 0 gid 0 as process|t.scn:3:31: 'process' starts a statement, so it cannot be a name for the new port",
        "s fly away|t.scn:3:3: expected a verb (service, connect, put, get, reply, close) after the process name, found 'fly'",
        "s|t.scn:3:2: expected a verb (service, connect, put, get, reply, close) after the process name, found the end of the line",
        "s service echo uid 0 gid 0|t.scn:3:27: expected 'flags' and the flags (user, group, world, excl joined with ',', or none), found the end of the line",
        "s service echo uid 0 gid 0 flags user,root|t.scn:3:39: expected a flag (user, group, world, excl, or none), found 'root'",
        "s service echo uid 0 gid 0 flags user,|t.scn:3:39: expected a flag (user, group, world, excl), found the end of the line",
        "s connect echo uid 0 gid 0 c1|t.scn:3:28: expected 'as' and a name for the new port, found 'c1'",
        "s put c1 hello|t.scn:3:10: expected the message in quotes, found 'hello'",
        "s put c1 \"x\" times 0|t.scn:3:20: how many messages must be between 1 and 4096, not 0",
        "s get echo buffer|t.scn:3:18: expected the receive buffer's size in bytes (a number), found the end of the line",
        "s reply 3 \"x\"|t.scn:3:9: expected a message (msg1, msg2, ...), found '3'",
        "s reply msg0 \"x\"|t.scn:3:9: expected a message (msg1, msg2, ...), found 'msg0'",
        "\"s\" put|t.scn:3:1: expected a statement, found a string",
        "s put c1 \"x\" =>|t.scn:3:16: expected an outcome word after '=>', found the end of the line",
        "expect nothing|t.scn:3:8: expected what to expect (in-flight, queued, state, freed, got, usage, event, no event, invariant), found 'nothing'",
        "expect in-flight c1 2|t.scn:3:21: expected '=', found '2'",
        "expect in-flight c1 = 130|t.scn:3:23: the number in flight must be between 0 and 129, not 130",
        "s put c1 \"x\" times 99999999999999999999|t.scn:3:20: how many messages is out of range: 99999999999999999999 is not between 1 and 4096",
        "expect state msg1 = lost|t.scn:3:21: expected a state (request, serving, reply, dispose, freed), found 'lost'",
        "expect got s = msg1 ANSWER|t.scn:3:21: expected the state it came in (REQUEST, REPLY, DISPOSE), found 'ANSWER'",
        "expect got s = msg1 REPLY size 3|t.scn:3:27: expected data, length, from, status or unread, found 'size'",
        "expect got s = msg1 REPLY from s uid 0|t.scn:3:39: expected 'gid' and a number, found the end of the line",
        "expect freed msg1 => ok|t.scn:3:1: an expectation takes no '=> OUTCOME'",
        "expect invariant caps-lost holds|t.scn:3:18: unknown invariant 'caps-lost' (expected one of caps-freed-once, caps-in-flight-limit, caps-no-loss, caps-credentials, caps-hand-off, caps-sender-pays, frame-exclusivity, storage-accounting, revocation, message-conservation, activation, bounded-kernel-work, determinism)",
    })
    void malformedLinesSayWhereAndWhat(String line, String message) {
        assertThatThrownBy(() -> script(line + "\n")).isInstanceOf(ScenarioException.class).hasMessage(message);
    }

    @Test
    void expectationsJudgeTheWorld() throws ScenarioException {
        Script<CapsWorld> s = script("""
                process server uid 0 gid 0
                process client uid 1000 gid 100 quota 10
                server service echo uid 0 gid 0 flags world
                client connect echo uid 0 gid 0 as c1
                client put c1 "hello" times 2
                expect in-flight c1 = 2
                expect queued echo = 2
                expect queued echo:0:0 = 2
                expect usage client = 5
                server get echo buffer 3 => TOOBIG
                expect got server = msg1 REQUEST length 5 unread
                server get echo => REQUEST
                expect got server = msg1 REQUEST data "hello" from client uid 1000 gid 100
                expect state msg1 = serving
                server reply msg1 "HELLO"
                client get c1 => REPLY
                expect got client = msg1 REPLY data "HELLO" from server uid 0 gid 0 status ok
                expect state msg1 = dispose
                server get echo => REQUEST
                server get echo => DISPOSE
                expect freed msg1
                expect queued c1 = 0
                """);
        Session<CapsWorld> session = Session.checkingAll(new CapsPersonality(), new CapsPersonality().newWorld());
        int expectations = 0;
        for (Script.Item<CapsWorld> item : s.items()) {
            switch (item) {
                case Script.StepItem<CapsWorld> st -> {
                    Session.Step r = session.step(st.action());
                    assertThat(r.violations()).isEmpty();
                    assertThat(r.outcome()).as("line " + st.line() + " " + r.refusal())
                            .isEqualTo(st.expected() == null ? "ok" : st.expected());
                }
                case Script.ExpectItem<CapsWorld> e -> {
                    assertThat(e.failure().apply(session.world())).as(e.text()).isNull();
                    expectations++;
                }
            }
        }
        assertThat(expectations).isEqualTo(11);
        // and they can fail, saying what they found
        CapsWorld w = session.world();
        assertThat(fail("expect in-flight c1 = 2", w)).isEqualTo("port c1 has 1 in flight");
        assertThat(fail("expect queued echo = 3", w)).isEqualTo("service echo (uid 0 gid 0) has 0 queued");
        assertThat(fail("expect queued nothing = 3", w)).isEqualTo("there is no port and no open service named nothing");
        assertThat(fail("expect state msg2 = freed", w)).isEqualTo("msg2 is serving");
        assertThat(fail("expect freed msg9", w)).isEqualTo("there is no msg9");
        assertThat(fail("expect usage client = 1", w)).isEqualTo("client pays for 4 objects");
        assertThat(fail("expect got server = msg1 DISPOSE from mallory uid 0 gid 0", w))
                .isEqualTo("server got msg1 DISPOSE data \"\" length 0 from client uid 1000 gid 100 status ok");
    }

    private static String fail(String line, CapsWorld w) throws ScenarioException {
        Script<CapsWorld> s = script(line + "\n");
        return ((Script.ExpectItem<CapsWorld>) s.items().get(0)).failure().apply(w);
    }
}
