package capsim.personality.lwkt;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.personality.GeneratedRuns;
import org.junit.jupiter.api.Test;

/**
 * What the LWKT step generator proposes, in short runs (the long ones are {@link LwktCheckerTest}'s): every
 * call of the message-port API and the clock, mostly steps a thread may take, some it may not, and no
 * invariant broken either way.
 */
class LwktGeneratorTest {
    // per test, not static: mutation testing swaps code between tests, and each test must run the code it tests
    private final GeneratedRuns.Tally runs = GeneratedRuns.run(new LwktPersonality(), 2026L, 16, 40,
            t -> GeneratedRuns.word(t, 1));

    @Test
    void shortRunsKeepEveryInvariant() {
        assertThat(runs.broken()).isEmpty();
        assertThat(runs.count("CRASH")).isZero();
    }

    @Test
    void everyCallIsProposedAndAcceptedSometimes() {
        for (String call : new String[] {"port", "message", "write", "send", "sendsys", "domsg", "waitsys", "getmsg",
                "reply", "abort", "free", "enter-critical", "exit-critical", "flushsys", "tick", "signal"}) {
            assertThat(runs.proposed(call)).as(call).isPositive();
            assertThat(runs.acceptedShare(call)).as(call + " " + runs.of(call)).isPositive();
        }
        // asynchronous and synchronous ends of a send both come up
        assertThat(runs.count("EASYNC")).isPositive();
        assertThat(runs.count("BLOCKED")).isPositive();
    }

    @Test
    void theGeneratorMostlyProposesStepsTheThreadMayTake() {
        long accepted = runs.accepted().values().stream().mapToLong(Long::longValue).sum();
        assertThat(accepted * 3).as(runs.byKind().toString()).isGreaterThan(runs.steps() * 2);
        assertThat(runs.acceptedShare("tick")).isEqualTo(1.0);
        // a message is created on a thread's own quota: most creations fit
        assertThat(runs.acceptedShare("message")).as(runs.of("message").toString()).isGreaterThan(0.6);
        // the refusals the design names are reached
        assertThat(runs.count("EPERM")).isPositive();
        assertThat(runs.count("EBUSY")).isPositive();
        assertThat(runs.count("EWOULDBLOCK")).isPositive();
    }

    @Test
    void oneSeedGivesOneRun() {
        GeneratedRuns.Tally again = GeneratedRuns.run(new LwktPersonality(), 2026L, 2, 40, t -> GeneratedRuns.word(t, 1));
        assertThat(again.texts()).isEqualTo(runs.texts().subList(0, 2));
    }
}
