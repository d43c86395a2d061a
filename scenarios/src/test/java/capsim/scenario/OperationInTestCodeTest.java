package capsim.scenario;

import static capsim.kernel.Syntax.address;
import static capsim.kernel.Syntax.keyword;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.kernel.Action;
import capsim.kernel.CapAddress;
import capsim.kernel.Kernel;
import capsim.kernel.Operation;
import capsim.kernel.Operations;
import capsim.kernel.Rights;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operation added in test code only, the way docs/scenario-language.md ("Adding an operation") says:
 * one record with its definition, passed to the parser with {@link Operations#plus}. No file of the tree
 * changes, yet scenarios read, run and write it like a shipped one.
 */
class OperationInTestCodeTest {

    /** {@code T copy-weak SRC to DST}: a copy narrowed to read-only, in one word. */
    public record CopyWeak(int thread, int src, int dst) implements Action {
        public static final Operation<CopyWeak> OP = Operation.of(CopyWeak.class, "copy-weak",
                address("src", "a source capability"), keyword("to", "'to <destination slot>'"),
                address("dst", "a destination slot address"));

        public Operation<CopyWeak> operation() {
            return OP;
        }

        public Object apply(Kernel k) {
            k.copyCap(thread, src, dst, Rights.WEAK);
            return null;
        }
    }

    private static final Operations WITH_COPY_WEAK = Operations.SHIPPED.plus(CopyWeak.OP);

    private static String scenario(String step, String rights) {
        return String.join("\n",
                "scenario \"A test-only operation\"",
                "variant messenger-2008",
                "activity a quota 10",
                "cappage p in a",
                "thread t in a root p",
                "frame f in a",
                "slot p[1] = f",
                step,
                "expect slot p[5] = f " + rights,
                "");
    }

    private static RunResult run(String text, Operations ops) throws ScenarioException {
        return Runner.run(Parser.load("weak.scn", text, ops));
    }

    @Test
    void aTestOperationParsesRunsAndHoldsItsMeaning() throws Exception {
        String weak = Rights.WEAK.word();
        assertThat(run(scenario("t copy-weak f to 5", weak), WITH_COPY_WEAK).passed()).isTrue();
        // The expectation can fail: a weak copy is not a full one, and the shipped copy gives a full one.
        assertThat(run(scenario("t copy-weak f to 5", Rights.FULL.word()), WITH_COPY_WEAK).passed()).isFalse();
        assertThat(run(scenario("t copy f to 5", weak), WITH_COPY_WEAK).passed()).isFalse();
    }

    @Test
    void itIsWrittenAndReadBackFromItsOneSyntax() throws Exception {
        Scenario s = (Scenario) Parser.load("weak.scn", scenario("t copy-weak f to 5", "r"), WITH_COPY_WEAK);
        Scenario.StepItem step = (Scenario.StepItem) s.items().stream()
                .filter(i -> i instanceof Scenario.StepItem).findFirst().orElseThrow();
        assertThat(step.text()).isEqualTo("t copy-weak f to 5");

        String written = ScenarioWriter.step(new CopyWeak(7, CapAddress.of(1), CapAddress.of(2, 3)), Map.of(7, "t"));
        assertThat(written).isEqualTo("t copy-weak 1 to 2.3");
        Scenario back = (Scenario) Parser.load("back.scn", scenario(written, "r"), WITH_COPY_WEAK);
        Scenario.StepItem read = (Scenario.StepItem) back.items().stream()
                .filter(i -> i instanceof Scenario.StepItem).findFirst().orElseThrow();
        assertThat(read.text()).isEqualTo(written);
    }

    @Test
    void errorsComeFromItsSyntaxAndTheShippedLanguageDoesNotKnowIt() {
        assertThatThrownBy(() -> Parser.load("weak.scn", scenario("t copy-weak f 5", "r"), WITH_COPY_WEAK))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("weak.scn:8:15: expected 'to <destination slot>', found '5'");
        assertThatThrownBy(() -> Parser.load("weak.scn", scenario("t copy-weak f to 5", "r"), Operations.SHIPPED))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("weak.scn:8:3: unknown operation 'copy-weak' (expected copy, mint,")
                .hasMessageEndingWith("rpc or collect)");
        assertThatThrownBy(() -> Parser.load("weak.scn", scenario("t copy-weak f to 5", "r"), WITH_COPY_WEAK.plus(CopyWeak.OP)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
