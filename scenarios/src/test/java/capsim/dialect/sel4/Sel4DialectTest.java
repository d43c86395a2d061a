package capsim.dialect.sel4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.personality.PersonalityAction;
import capsim.personality.Session;
import capsim.personality.sel4.CapRights;
import capsim.personality.sel4.Message;
import capsim.personality.sel4.ObjectType;
import capsim.personality.sel4.Sel4Action;
import capsim.personality.sel4.Sel4Personality;
import capsim.personality.sel4.Sel4World;
import capsim.personality.sel4.Slot;
import capsim.personality.sel4.Tcb;
import capsim.scenario.Parser;
import capsim.scenario.ScenarioException;
import capsim.scenario.Script;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Sel4DialectTest {
    private static final String HEAD = "scenario \"t\"\nvariant sel4\n";

    @SuppressWarnings("unchecked")
    private static PersonalityAction<Sel4World> action(String line) throws ScenarioException {
        Script<Sel4World> s = (Script<Sel4World>) Parser.load("t.scn", HEAD + line + "\n");
        assertThat(s.items()).hasSize(1);
        return ((Script.StepItem<Sel4World>) s.items().get(0)).action();
    }

    @Test
    void stepsRead() throws ScenarioException {
        assertThat(action("object cs cnode size 4")).isEqualTo(new Sel4Action.DeclareObject("cs", "cnode", 4));
        assertThat(action("object e endpoint")).isEqualTo(new Sel4Action.DeclareObject("e", "ep", 0));
        assertThat(action("cap t[cspace] = cs guard 0 bits 60"))
                .isEqualTo(new Sel4Action.DeclareCap(new Slot("t", Tcb.CTABLE), "cs", CapRights.ALL, 0, 0, 60));
        assertThat(action("cap cs[0x10] = e rights WG badge 7"))
                .isEqualTo(new Sel4Action.DeclareCap(new Slot("cs", 16), "e", new CapRights(false, true, true, false), 7, 0, 0));
        assertThat(action("c call 1 label 2 msg 3,4 caps 5 into 9"))
                .isEqualTo(new Sel4Action.Send("c", "call", 1, new Message(2, List.of(3L, 4L), List.of(5L)), 9));
        assertThat(action("s replyrecv 1 msg 7 into 3"))
                .isEqualTo(new Sel4Action.ReplyRecv("s", 1, new Message(0, List.of(7L), List.of()), 3));
        assertThat(action("r retype 1 cnode size 3 2 5 count 2 as x"))
                .isEqualTo(new Sel4Action.Retype("r", 1, ObjectType.CNODE, 3, 2, 5, 2, "x"));
    }

    /** Every action the generator makes prints as a line that reads back to an equal action. */
    @Test
    void generatedActionsRoundTrip() throws ScenarioException {
        Sel4Personality p = new Sel4Personality();
        for (int seed = 0; seed < 30; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            Session<Sel4World> s = Session.unchecked(p, p.newWorld());
            for (PersonalityAction<Sel4World> a : p.randomSetup(rnd)) {
                assertThat(action(a.text())).as(a.text()).isEqualTo(a);
                s.step(a);
            }
            for (int i = 0; i < 40; i++) {
                PersonalityAction<Sel4World> a = p.randomStep(s.world(), rnd);
                assertThat(action(a.text())).as(a.text()).isEqualTo(a);
                s.step(a);
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "object x cnode|3:15|expected 'size'",
        "cap cs[3 = e|3:10|']' after the slot index",
        "cap cs[3] = e rights RX|3:22|expected rights",
        "t send x|3:8|expected the CPtr to send through",
        "t recv 1 onto 3|3:10|'into'",
        "t fly 1|3:3|expected a system call",
        "t mint 1 2 3 badge 4|3:14|'rights'",
        "t move 1 2 3 badge 4|3:14|expected the end of the line",
        "t retype 1 blob 2 3|3:12|expected an object type",
        "expect state|3:13|expected a thread name",
        "expect authority a over b = maybe|3:29|expected yes or no",
    })
    void badLinesSayWhereAndWhat(String line, String where, String what) {
        assertThatThrownBy(() -> action(line)).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("t.scn:" + where).hasMessageContaining(what);
    }
}
