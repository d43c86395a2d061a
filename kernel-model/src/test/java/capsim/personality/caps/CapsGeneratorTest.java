package capsim.personality.caps;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.personality.GeneratedRuns;
import org.junit.jupiter.api.Test;

/**
 * What CAPS's random step generator proposes, in short runs (the long ones are {@link CapsCheckerTest}'s): every
 * call of the API, mostly steps the design accepts (a put on an open port, a get where something waits, a reply
 * to a message being served), now and then one it must refuse, and no invariant broken either way.
 */
class CapsGeneratorTest {
    // per test, not static: mutation testing swaps code between tests, and each test must run the code it tests
    private final GeneratedRuns.Tally runs = GeneratedRuns.run(new CapsPersonality(), 2026L, 12, 30,
            t -> GeneratedRuns.word(t, 1));

    @Test
    void shortRunsKeepEveryInvariant() {
        assertThat(runs.broken()).isEmpty();
        assertThat(runs.count("CRASH")).isZero();
    }

    @Test
    void everyCallIsProposedAndAcceptedSometimes() {
        for (String call : new String[] {"service", "connect", "put", "get", "reply", "close"}) {
            assertThat(runs.proposed(call)).as(call).isPositive();
            assertThat(runs.acceptedShare(call)).as(call + " " + runs.of(call)).isPositive();
        }
        // a get reads the whole life cycle of a message
        assertThat(runs.of("get")).containsKeys("REQUEST", "REPLY");
    }

    @Test
    void theGeneratorAimsAtWhatCanRun() {
        // a put goes to an open connection and a get to where something waits, unless the step is meant to fail
        assertThat(runs.acceptedShare("put")).as(runs.of("put").toString()).isGreaterThan(0.75);
        assertThat(runs.acceptedShare("get")).as(runs.of("get").toString()).isGreaterThan(0.75);
        assertThat(runs.acceptedShare("reply")).as(runs.of("reply").toString()).isGreaterThan(0.5);
        // and refusals are proposed too
        assertThat(runs.byKind().values().stream().flatMap(m -> m.keySet().stream()))
                .contains("EINVAL", "EACCES");
    }

    @Test
    void oneSeedGivesOneRun() {
        GeneratedRuns.Tally again = GeneratedRuns.run(new CapsPersonality(), 2026L, 2, 30, t -> GeneratedRuns.word(t, 1));
        assertThat(again.texts()).isEqualTo(runs.texts().subList(0, 2));
    }
}
