package capsim.personality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Short property-check runs of every shipped personality, quick enough for mutation testing (the long runs
 * of the *CheckerTest classes are left out of the PIT run): the bounds of tries and depth, the step and
 * progress counts, and a planted crash caught and shrunk.
 */
class PersonalityCheckerMutationTest {

    @Test
    void oneTryOfOneStepIsTheSmallestRun() {
        for (Personality<?> p : Personalities.shipped()) {
            assertThatThrownBy(() -> PersonalityChecker.run(p, 0, 1, 1, List.of(), null)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> PersonalityChecker.run(p, 1, 1, 0, List.of(), null)).isInstanceOf(IllegalArgumentException.class);
            PersonalityChecker.Result r = PersonalityChecker.run(p, 1, 1, 1, List.of(), null);
            assertThat(r.tries()).isEqualTo(1);
            int setup = p.randomSetup(new SplittableRandom(new SplittableRandom(1).nextLong())).size();
            assertThat(r.steps()).as(p.name()).isEqualTo(setup + 1L);
        }
    }

    @Test
    void shortRunsOfEveryShippedPersonalityHoldAndCountEveryStep() {
        for (Personality<?> p : Personalities.shipped()) {
            List<long[]> told = new ArrayList<>();
            PersonalityChecker.Result r = PersonalityChecker.run(p, 4, 3, 12, List.of(),
                    (done, total, steps) -> told.add(new long[] {done, total, steps}));
            assertThat(r.held()).as(() -> p.name() + ": " + r.counterexample()).isTrue();
            assertThat(r.personality()).isEqualTo(p.name());
            assertThat(r.seed()).isEqualTo(3);
            assertThat(r.tries()).isEqualTo(4);
            assertThat(r.outcomes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(r.steps());
            assertThat(r.steps()).isGreaterThanOrEqualTo(4L * 12);
            assertThat(told).hasSize(4);
            for (int i = 0; i < told.size(); i++) {
                assertThat(told.get(i)[0]).isEqualTo(i + 1);
                assertThat(told.get(i)[1]).isEqualTo(4);
            }
            assertThat(told.get(3)[2]).isEqualTo(r.steps());
            assertThat(r.outcomes()).doesNotContainKey(Session.CRASH);
        }
    }

    /** Wraps a shipped personality and, from the sixth random step on, now and then plants a step that throws. */
    private record Crashing<W extends World<W>>(Personality<W> inner) implements Personality<W> {
        private record Boom<W extends World<W>>() implements PersonalityAction<W> {
            public String text() {
                return "boom";
            }

            public String apply(W w) {
                throw new IllegalStateException("planted");
            }
        }

        public String name() {
            return "crashing-" + inner.name();
        }

        public String summary() {
            return "a design with a bug";
        }

        public W newWorld() {
            return inner.newWorld();
        }

        public List<PersonalityInvariant<W>> invariants() {
            return inner.invariants();
        }

        public List<Role> roles() {
            return inner.roles();
        }

        public List<PersonalityAction<W>> randomSetup(SplittableRandom rnd) {
            return inner.randomSetup(rnd);
        }

        public PersonalityAction<W> randomStep(W w, SplittableRandom rnd) {
            return rnd.nextInt(8) == 0 ? new Boom<>() : inner.randomStep(w, rnd);
        }
    }

    @Test
    void aPlantedCrashIsCaughtAndShrunkToTheCrashingStep() {
        for (Personality<?> p : Personalities.shipped()) {
            caughtAndShrunk(p);
        }
    }

    private static <W extends World<W>> void caughtAndShrunk(Personality<W> p) {
        PersonalityChecker.Result r = PersonalityChecker.run(new Crashing<>(p), 5, 9, 30, List.of(), null);
        assertThat(r.held()).as(p.name()).isFalse();
        PersonalityChecker.Counterexample c = r.counterexample();
        assertThat(c.invariant()).isEqualTo(Session.NO_CRASH);
        assertThat(c.message()).contains("boom").contains("planted");
        // one step alone crashes, so the 1-minimal replay is that step
        assertThat(c.steps()).containsExactly("boom");
        assertThat(c.outcomes()).containsExactly(Session.CRASH);
        assertThat(c.originalSteps()).isGreaterThan(1);
        assertThat(r.tries()).isEqualTo(1);
        assertThat(r.steps()).isEqualTo(c.originalSteps());
    }
}
