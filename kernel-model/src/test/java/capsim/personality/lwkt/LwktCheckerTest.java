package capsim.personality.lwkt;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.personality.PersonalityChecker;
import java.util.List;
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
                "EALREADY", "EINVAL", "ENOENT");
        assertThat(r.outcomes()).doesNotContainKey("CRASH");
    }
}
