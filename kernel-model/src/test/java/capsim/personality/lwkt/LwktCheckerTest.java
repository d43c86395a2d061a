package capsim.personality.lwkt;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.personality.PersonalityAction;
import capsim.personality.Personality;
import capsim.personality.PersonalityChecker;
import capsim.personality.PersonalityException;
import capsim.personality.PersonalityInvariant;
import capsim.personality.Role;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A short property-check run of the LWKT personality: every invariant (its own and the core ones) holds. */
class LwktCheckerTest {

    @Test
    void everyInvariantHoldsOverRandomRuns() {
        PersonalityChecker.Result r = PersonalityChecker.run(new LwktPersonality(), 200, 20261101L, 40, List.of(), null);
        assertThat(r.counterexample()).as("counterexample").isNull();
        assertThat(r.held()).isTrue();
        // The generator reaches the interesting outcomes, refusals included.
        assertThat(r.outcomes().keySet()).contains("ok", "EASYNC", "BLOCKED", "EPERM", "ENOMEM", "EWOULDBLOCK", "EBUSY",
                "EINVAL", "ENOENT");
        assertThat(r.outcomes()).doesNotContainKey("CRASH");
    }

    /** A design that, now and then, gives a message to another thread behind its owner's back. */
    private static final class Leaky implements Personality<LwktWorld> {
        private final LwktPersonality lwkt = new LwktPersonality();

        private record Steal(String message, String thief) implements PersonalityAction<LwktWorld> {
            public String text() {
                return "steal " + message + " for " + thief;
            }

            public String apply(LwktWorld w) throws PersonalityException {
                w.beginStep();
                w.forceOwner(message, thief);
                return "ok";
            }
        }

        public String name() {
            return "leaky-lwkt";
        }

        public String summary() {
            return "lwkt with a bug";
        }

        public LwktWorld newWorld() {
            return lwkt.newWorld();
        }

        public List<PersonalityInvariant<LwktWorld>> invariants() {
            return lwkt.invariants();
        }

        public List<Role> roles() {
            return lwkt.roles();
        }

        public List<PersonalityAction<LwktWorld>> randomSetup(SplittableRandom rnd) {
            return lwkt.randomSetup(rnd);
        }

        public PersonalityAction<LwktWorld> randomStep(LwktWorld w, SplittableRandom rnd) {
            List<String> ms = List.copyOf(w.messages().keySet());
            if (!ms.isEmpty() && rnd.nextInt(25) == 0) {
                String m = ms.get(rnd.nextInt(ms.size()));
                String thief = w.message(m).owner().equals("t1") ? "t2" : "t1";
                return new Steal(m, thief);
            }
            return lwkt.randomStep(w, rnd);
        }
    }

    @Test
    void theCheckerCatchesAndShrinksABrokenDesign() {
        PersonalityChecker.Result r = PersonalityChecker.run(new Leaky(), 50, 5L, 40, List.of(), null);
        assertThat(r.held()).isFalse();
        assertThat(r.counterexample().invariant()).isEqualTo("lwkt-ownership");
        assertThat(r.counterexample().message()).contains("without a hand-over");
        assertThat(r.counterexample().steps()).last().asString().startsWith("steal ");
        assertThat(r.counterexample().steps().size()).isLessThan(r.counterexample().originalSteps());
    }
}
