package capsim.personality;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The checker copies the world before every step, so a copy that duplicated the history (the event log grows
 * with every step) made deep checks quadratic (issue 13 item 16). A copy shares the history instead: checked
 * by identity, not by timing.
 *
 * <p>The cluster is left out: its world copies by replaying every step (its stream layer has no copy), a known
 * gap written down in docs/personalities.md.
 */
class HistorySharingTest {

    @ParameterizedTest
    @ValueSource(strings = {"caps", "lwkt", "mach", "sel4"})
    void aCopySharesTheEventLogInsteadOfCopyingIt(String name) {
        share(Personalities.byName(name).orElseThrow());
    }

    private static <W extends World<W>> void share(Personality<W> p) {
        SplittableRandom rnd = new SplittableRandom(2);
        Session<W> s = Session.unchecked(p, p.newWorld());
        for (PersonalityAction<W> a : p.randomSetup(rnd)) {
            s.step(a);
        }
        for (int k = 0; k < 500; k++) {
            s.step(p.randomStep(s.world(), rnd));
        }
        W w = s.world();
        W copy = w.copy();
        assertThat(w.events()).as("the run logged something").isNotEmpty();
        assertThat(copy.events()).as("the copy shares the log").isSameAs(w.events());
        copy.event("only in the copy");
        assertThat(w.events()).as("logging to the copy leaves the original as it was").doesNotContain("only in the copy");
        assertThat(copy.events()).hasSize(w.events().size() + 1);
    }
}
