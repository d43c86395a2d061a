package capsim.personality.sel4;

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
import org.junit.jupiter.api.TestReporter;

class Sel4CheckerTest {

    @Test
    void randomRunsKeepEveryInvariant(TestReporter report) {
        PersonalityChecker.Result r = PersonalityChecker.run(new Sel4Personality(), 60, 2014L, 40, List.of(), null);
        report.publishEntry("sel4 check", r.steps() + " steps in " + String.format("%.1f", r.seconds()) + " s: " + r.outcomes());
        assertThat(r.counterexample()).as(String.valueOf(r.counterexample())).isNull();
        assertThat(r.outcomes()).doesNotContainKey("CRASH");
        // the generator reaches the operations and most of seL4's errors
        assertThat(r.outcomes().keySet()).contains("ok", "CapFault", "IllegalOperation", "DeleteFirst", "FailedLookup",
                "InvalidCapability", "NotEnoughMemory");
        assertThat(r.outcomes().get("ok") * 2).as("most steps run").isGreaterThan(r.steps());
    }

    /** seL4 with a planted leak: one step hands eve a capability to an endpoint no path gives her. */
    private static final class Leaky implements Personality<Sel4World> {
        private final Sel4Personality sel4 = new Sel4Personality();

        public String name() {
            return "sel4-leaky";
        }

        public String summary() {
            return "seL4 that leaks";
        }

        public Sel4World newWorld() {
            return sel4.newWorld();
        }

        public List<PersonalityInvariant<Sel4World>> invariants() {
            return sel4.invariants();
        }

        public List<Role> roles() {
            return sel4.roles();
        }

        public List<PersonalityAction<Sel4World>> randomSetup(SplittableRandom rnd) {
            return sel4.randomSetup(rnd);
        }

        public PersonalityAction<Sel4World> randomStep(Sel4World w, SplittableRandom rnd) {
            if (rnd.nextInt(15) == 0) {
                return new PersonalityAction<>() {
                    public String text() {
                        return "c leaks";
                    }

                    public String apply(Sel4World world) throws PersonalityException {
                        world.putCap(new Slot("c_cs", 31), Cap.to(CapKind.ENDPOINT, "ep2"));
                        return "ok";
                    }
                };
            }
            return sel4.randomStep(w, rnd);
        }
    }

    @Test
    void thePlantedLeakIsFoundAndShrunk() {
        PersonalityChecker.Result r = PersonalityChecker.run(new Leaky(), 200, 3L, 40, List.of("sel4-authority"), null);
        assertThat(r.counterexample()).isNotNull();
        assertThat(r.counterexample().invariant()).isEqualTo("sel4-authority");
        assertThat(r.counterexample().message()).contains("c now holds endpoint ep2");
        assertThat(r.counterexample().steps()).last().isEqualTo("c leaks");
        assertThat(r.counterexample().steps().size()).isLessThan(r.counterexample().originalSteps());
    }
}
