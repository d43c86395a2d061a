package capsim.dialect.mach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.personality.PersonalityAction;
import capsim.personality.Session;
import capsim.personality.mach.Disposition;
import capsim.personality.mach.MachAction;
import capsim.personality.mach.MachPersonality;
import capsim.personality.mach.MachWorld;
import capsim.personality.mach.NotificationKind;
import capsim.personality.mach.OolMode;
import capsim.personality.mach.RightKind;
import capsim.scenario.Dialects;
import capsim.scenario.Parser;
import capsim.scenario.RunResult;
import capsim.scenario.ScenarioException;
import capsim.scenario.Script;
import capsim.scenario.ScriptRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MachDialectTest {
    private static final String HEAD = "scenario \"t\"\nvariant mach\n";

    @SuppressWarnings("unchecked")
    private static Script<MachWorld> script(String body) throws ScenarioException {
        return (Script<MachWorld>) Parser.load("t.scn", HEAD + body);
    }

    private static PersonalityAction<MachWorld> action(String line) throws ScenarioException {
        Script<MachWorld> s = script(line + "\n");
        assertThat(s.items()).hasSize(1);
        return ((Script.StepItem<MachWorld>) s.items().get(0)).action();
    }

    private static void roundTrip(PersonalityAction<MachWorld> a) throws ScenarioException {
        assertThat(action(a.text())).as(a.text()).isEqualTo(a);
    }

    @Test
    void theDialectIsRegistered() {
        assertThat(Dialects.byName("mach")).isPresent();
        assertThat(Dialects.byName("mach").get().personality().name()).isEqualTo("mach");
    }

    @Test
    void everyStatementReadsToItsAction() throws ScenarioException {
        assertThat(action("task a")).isEqualTo(new MachAction.CreateTask("a", 0));
        assertThat(action("task a quota 30")).isEqualTo(new MachAction.CreateTask("a", 30));
        assertThat(action("a allocate-port p")).isEqualTo(new MachAction.AllocatePort("a", "p", 5));
        assertThat(action("a allocate-port p limit 2")).isEqualTo(new MachAction.AllocatePort("a", "p", 2));
        assertThat(action("a port-set s")).isEqualTo(new MachAction.AllocatePortSet("a", "s"));
        assertThat(action("a move-member p none")).isEqualTo(new MachAction.MoveMember("a", "p", null));
        assertThat(action("a insert-right p make-send into b"))
                .isEqualTo(new MachAction.InsertRight("a", "p", Disposition.MAKE_SEND, "b"));
        assertThat(action("a send p move-send \"hi\" reply r make-send-once port q move-receive port s copy-send ool buf swap"))
                .isEqualTo(new MachAction.Send("a", "p", Disposition.MOVE_SEND, "hi",
                        new MachWorld.PortItem("r", Disposition.MAKE_SEND_ONCE),
                        List.of(new MachWorld.PortItem("q", Disposition.MOVE_RECEIVE), new MachWorld.PortItem("s", Disposition.COPY_SEND)),
                        List.of(new MachWorld.OolItem("buf", OolMode.SWAP))));
        // items in any order read to the same message; text() writes them in one order
        assertThat(action("a send p ool b copy port q copy-send reply r make-send"))
                .isEqualTo(action("a send p reply r make-send port q copy-send ool b copy"));
        assertThat(action("a receive p")).isEqualTo(new MachAction.Receive("a", "p"));
        assertThat(action("a deallocate p")).isEqualTo(new MachAction.Deallocate("a", "p"));
        assertThat(action("a destroy p")).isEqualTo(new MachAction.Destroy("a", "p"));
        assertThat(action("a mod-refs p send +2")).isEqualTo(new MachAction.ModRefs("a", "p", RightKind.SEND, 2));
        assertThat(action("a mod-refs p dead-name -1")).isEqualTo(new MachAction.ModRefs("a", "p", RightKind.DEAD_NAME, -1));
        assertThat(action("a request-notification dead-name p to n"))
                .isEqualTo(new MachAction.RequestNotification("a", NotificationKind.DEAD_NAME, "p", "n"));
        assertThat(action("a set-limit p 0")).isEqualTo(new MachAction.SetLimit("a", "p", 0));
        assertThat(action("a region r \"x\\x00\"")).isEqualTo(new MachAction.Region("a", "r", "x\u0000"));
        assertThat(action("a write r \"\"")).isEqualTo(new MachAction.Write("a", "r", ""));
        assertThat(action("a free-region r")).isEqualTo(new MachAction.FreeRegion("a", "r"));
    }

    @Test
    void textReadsBackToAnEqualActionForGeneratedSteps() throws ScenarioException {
        MachPersonality p = new MachPersonality();
        int n = 0;
        for (long seed = 1; seed <= 30; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            Session<MachWorld> s = Session.unchecked(p, p.newWorld());
            List<PersonalityAction<MachWorld>> steps = new ArrayList<>(p.randomSetup(rnd));
            for (int i = 0; i < steps.size() + 40; i++) {
                PersonalityAction<MachWorld> a = i < steps.size() ? steps.get(i) : p.randomStep(s.world(), rnd);
                roundTrip(a);
                s.step(a);
                n++;
            }
        }
        assertThat(n).isGreaterThan(1000);
    }

    @Test
    void textReadsBackForEveryLibraryStep() throws IOException, ScenarioException {
        List<Path> files;
        try (Stream<Path> s = Files.list(Paths.get("library", "mach"))) {
            files = s.filter(f -> f.toString().endsWith(".scn")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);
        for (Path f : files) {
            @SuppressWarnings("unchecked")
            Script<MachWorld> s = (Script<MachWorld>) Parser.load(f);
            for (Script.Item<MachWorld> it : s.items()) {
                if (it instanceof Script.StepItem<MachWorld> st) {
                    roundTrip(st.action());
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "a frobnicate p|3|3|expected an operation",
        "a send p port q sideways|3|17|expected a disposition",
        "a send p \"x\" \"y\"|3|14|expected 'reply', 'port', 'ool' or the end of the line, found a string",
        "a send p reply r make-send reply s make-send|3|28|a message has one reply port",
        "a send p ool buf fold|3|18|expected copy, move or swap",
        "a send|3|7|expected the destination name, found the end of the line",
        "a allocate-port p limit x|3|25|expected a queue limit (a number)",
        "a allocate-port p size 3|3|19|expected 'limit' or the end of the line",
        "task expect|3|6|reserved word",
        "task a quota -1|3|14|a quota must be between 0",
        "a mod-refs p sideways -1|3|14|expected a right",
        "a mod-refs p send lots|3|19|a change of user references",
        "a request-notification send-once p to n|3|24|expected a notification (no-senders, dead-name, port-destroyed)",
        "a request-notification no-senders p for n|3|37|expected 'to'",
        "a insert-right p make-send to b|3|28|expected 'into' or the end of the line",
        "a receive|3|10|expected a receive right or port set name",
        "a receive p q|3|13|expected the end of the line",
        "expect right a p sideways|3|18|expected a right type",
        "expect right a p send refs 2|3|23|expected 'urefs' or the end of the line",
        "expect queued p 2|3|17|expected '='",
        "expect port p asleep|3|15|expected alive, dead or in-transit",
        "expect notification a weird p|3|23|expected a notification",
        "expect received a hello|3|19|expected the data of the last message received, in quotes",
        "expect sideways|3|8|expected what to expect",
        "expect right a p send => ok|3|1|an expectation takes no '=> OUTCOME'",
        "none receive p|3|1|expected a statement",
    })
    void malformedLinesSayWhereAndWhat(String line, int lineNo, int col, String message) {
        assertThatThrownBy(() -> script(line + "\n"))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> {
                    ScenarioException x = (ScenarioException) e;
                    assertThat(x.getMessage()).startsWith("t.scn:" + lineNo + ":" + col + ": ");
                    assertThat(x.detail()).contains(message);
                });
    }

    @Test
    void expectationsReportWhatTheyFound() throws ScenarioException {
        RunResult r = ScriptRunner.run(script("""
                task a quota 10
                a allocate-port p
                a insert-right p make-send
                expect right a p send-receive urefs 1
                expect right a p send urefs 1
                expect right a p send-receive urefs 3
                expect queued p = 1
                expect senders p = 1
                expect send-once p = 2
                expect port p dead
                expect in-set p s
                expect received a "x"
                expect notification a no-senders p
                expect region a r "x"
                expect no-region a r
                expect usage a = 3
                expect usage a = 4
                expect dead-name a p
                expect no-name a p
                expect right nobody p send
                """));
        assertThat(r.failures()).hasSize(13);
        String all = String.join("\n", r.failures());
        assertThat(all).contains("p of a is a send-receive right", "has 1 user references", "port p has 0 queued messages",
                "port p has 0 send-once rights", "port p is alive", "port p is in no set", "a has received nothing",
                "a has received no no-senders notification for p", "a has no region r", "pays for 3 objects",
                "a has p as a send-receive right", "there is no task nobody");
    }
}
