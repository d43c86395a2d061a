package capsim.personality.mach;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.personality.GeneratedRuns;
import org.junit.jupiter.api.Test;

/**
 * What the Mach step generator proposes, in short runs (the long ones are {@link MachCheckerTest}'s): every
 * call on ports, rights, sets and regions, mostly with names the task holds, some with names it does not, and
 * no invariant broken either way.
 */
class MachGeneratorTest {
    // per test, not static: mutation testing swaps code between tests, and each test must run the code it tests
    private final GeneratedRuns.Tally runs = GeneratedRuns.run(new MachPersonality(), 2026L, 16, 40,
            t -> GeneratedRuns.word(t, 1));

    @Test
    void shortRunsKeepEveryInvariant() {
        assertThat(runs.broken()).isEmpty();
        assertThat(runs.count("CRASH")).isZero();
    }

    @Test
    void everyCallIsProposedAndAcceptedSometimes() {
        for (String call : new String[] {"allocate-port", "port-set", "region", "write", "insert-right", "send",
                "receive", "deallocate", "destroy", "mod-refs", "move-member", "request-notification", "set-limit",
                "free-region"}) {
            assertThat(runs.proposed(call)).as(call).isPositive();
            assertThat(runs.acceptedShare(call)).as(call + " " + runs.of(call)).isPositive();
        }
    }

    @Test
    void theGeneratorMostlyUsesNamesTheTaskHolds() {
        assertThat(runs.count("ok") * 2).as(runs.byKind().toString()).isGreaterThan(runs.steps());
        assertThat(runs.acceptedShare("allocate-port")).isEqualTo(1.0);
        assertThat(runs.acceptedShare("send")).as(runs.of("send").toString()).isGreaterThan(0.5);
        assertThat(runs.acceptedShare("insert-right")).as(runs.of("insert-right").toString()).isGreaterThan(0.5);
        // a receive on an empty port times out rather than being refused
        assertThat(runs.of("receive")).containsKeys("ok", "MACH_RCV_TIMED_OUT");
        // and the refusals of a bad name or right are reached
        assertThat(runs.count("KERN_INVALID_RIGHT")).isPositive();
        assertThat(runs.count("MACH_SEND_INVALID_DEST")).isPositive();
        assertThat(runs.count("MACH_RCV_INVALID_NAME")).isPositive();
    }

    @Test
    void oneSeedGivesOneRun() {
        GeneratedRuns.Tally again = GeneratedRuns.run(new MachPersonality(), 2026L, 2, 40, t -> GeneratedRuns.word(t, 1));
        assertThat(again.texts()).isEqualTo(runs.texts().subList(0, 2));
    }
}
