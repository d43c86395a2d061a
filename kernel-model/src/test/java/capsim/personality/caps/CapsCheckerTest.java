package capsim.personality.caps;

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

class CapsCheckerTest {

    @Test
    void randomRunsKeepEveryInvariant() {
        PersonalityChecker.Result r = PersonalityChecker.run(new CapsPersonality(), 200, 2004L, 40, List.of(), null);
        assertThat(r.counterexample()).as(String.valueOf(r.counterexample())).isNull();
        assertThat(r.outcomes()).doesNotContainKey("CRASH");
        // the generator reaches the whole life cycle and most refusals
        assertThat(r.outcomes().keySet()).contains("ok", "REQUEST", "REPLY", "DISPOSE", "TOOBIG", "EWOULDBLOCK",
                "ENOTCONN", "EACCES", "EINVAL", "ENOMEM", "EEXIST");
    }

    @Test
    void generatedStepsAreMostlyAccepted() {
        PersonalityChecker.Result r = PersonalityChecker.run(new CapsPersonality(), 50, 7L, 40, List.of(), null);
        long accepted = r.outcomes().entrySet().stream()
                .filter(e -> e.getKey().equals("ok") || e.getKey().equals("REQUEST") || e.getKey().equals("REPLY")
                        || e.getKey().equals("DISPOSE") || e.getKey().equals("TOOBIG"))
                .mapToLong(e -> e.getValue()).sum();
        assertThat(accepted * 2).as(r.outcomes().toString()).isGreaterThan(r.steps());
    }

    /** CAPS with a fault planted: a reply to a closed port is dropped instead of turned into a dispose. */
    private static final class Leaky implements Personality<CapsWorld> {
        private final CapsPersonality caps = new CapsPersonality();

        public String name() {
            return "caps-leaky";
        }

        public String summary() {
            return "CAPS that forgets a message";
        }

        public CapsWorld newWorld() {
            return caps.newWorld();
        }

        public List<PersonalityInvariant<CapsWorld>> invariants() {
            return caps.invariants();
        }

        public List<Role> roles() {
            return caps.roles();
        }

        public List<PersonalityAction<CapsWorld>> randomSetup(SplittableRandom rnd) {
            return caps.randomSetup(rnd);
        }

        public PersonalityAction<CapsWorld> randomStep(CapsWorld w, SplittableRandom rnd) {
            PersonalityAction<CapsWorld> a = caps.randomStep(w, rnd);
            if (a instanceof CapsAction.Get g) {
                return new LeakyGet(g);
            }
            return a;
        }
    }

    /** A get that, reading from a service, drops a DISPOSE without freeing it. */
    private record LeakyGet(CapsAction.Get get) implements PersonalityAction<CapsWorld> {
        public String text() {
            return get.text();
        }

        public String apply(CapsWorld w) throws PersonalityException {
            Service s = w.serviceOf(get.process(), get.from());
            if (s != null && s.head() != null && w.messages().get(s.head()).state() == MsgState.DISPOSE) {
                s.take();
                return "DISPOSE";
            }
            return get.apply(w);
        }
    }

    @Test
    void theCheckerFindsAndShrinksAPlantedLeak() {
        PersonalityChecker.Result r = PersonalityChecker.run(new Leaky(), 300, 1L, 60,
                List.of("caps-no-loss", "caps-in-flight-limit", "caps-freed-once"), null);
        assertThat(r.held()).isFalse();
        assertThat(r.counterexample().invariant()).isIn("caps-no-loss", "caps-in-flight-limit");
        assertThat(r.counterexample().steps().size()).isLessThan(r.counterexample().originalSteps());
        assertThat(r.counterexample().steps().get(r.counterexample().steps().size() - 1)).contains(" get ");
    }
}
