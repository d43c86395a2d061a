package capsim.kernel.check;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.Action;
import capsim.kernel.variant.Variants;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The property suite over real random runs of each shipped variant. */
class CheckerTest {
    static Checker.Result check(String variant, int tries) {
        return Checker.run(Variants.byName(variant).orElseThrow(), Checker.Options.of(tries, 1, 30), CheckProgress.none());
    }

    @Test
    void revisedHoldsEveryInvariant() {
        Checker.Result r = check("revised", 300);
        assertThat(r.held()).as(() -> r.counterexample().toString()).isTrue();
        assertThat(r.steps()).isEqualTo(300L * 30);
        assertThat(r.reached().get("frame hand-off")).isPositive();
        assertThat(r.reached().get("blocked target (ENQUEUED)")).isPositive();
        assertThat(r.reached().get("differing cap counts")).isPositive();
    }

    @Test
    void proposalBreaksAndShrinksToAReplayableCounterexample() {
        Checker.Result r = check("proposal-2008", 300);
        assertThat(r.held()).isFalse();
        Checker.Counterexample c = r.counterexample();
        assertThat(c.actions().size()).isLessThanOrEqualTo(c.originalSteps());
        assertThat(c.outcomes()).hasSameSizeAs(c.actions());
        int at = Checker.breaksAt(Variants.byName("proposal-2008").orElseThrow(), 64, c.spec(), c.actions(), c.invariant());
        assertThat(at).as("replays to the same break at the last step").isEqualTo(c.actions().size() - 1);
        // 1-minimal: dropping any step loses the break
        for (int i = 0; i < c.actions().size(); i++) {
            List<Action> fewer = new ArrayList<>(c.actions());
            fewer.remove(i);
            assertThat(Checker.breaksAt(Variants.byName("proposal-2008").orElseThrow(), 64, c.spec(), fewer, c.invariant()))
                    .isEqualTo(-1);
        }
    }

    @Test
    void messengerBreaksTheWorkBound() {
        Checker.Result r = Checker.run(Variants.byName("messenger-2008").orElseThrow(), Checker.Options.of(300, 1, 30),
                Invariants.all(), CheckProgress.none());
        assertThat(r.held()).isFalse();
        assertThat(r.counterexample().invariant()).isEqualTo("bounded-kernel-work");
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        Checker.Result a = check("proposal-2008", 50);
        Checker.Result b = check("proposal-2008", 50);
        assertThat(a.counterexample().actions()).isEqualTo(b.counterexample().actions());
        assertThat(a.reached()).isEqualTo(b.reached());
        assertThat(a.tries()).isEqualTo(b.tries());
    }

    @Test
    void ddminFindsAOneMinimalFailingSubset() {
        List<Integer> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            items.add(i);
        }
        List<Integer> min = Checker.ddmin(items, l -> l.contains(3) && l.contains(17) && l.contains(31));
        assertThat(min).containsExactly(3, 17, 31);
        assertThat(Checker.ddmin(List.of(5), l -> l.contains(5))).containsExactly(5);
    }
}
