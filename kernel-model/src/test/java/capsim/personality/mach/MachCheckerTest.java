package capsim.personality.mach;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.personality.PersonalityChecker;
import java.util.List;
import org.junit.jupiter.api.Test;

class MachCheckerTest {

    @Test
    void everyInvariantHoldsOverRandomRuns() {
        PersonalityChecker.Result r = PersonalityChecker.run(new MachPersonality(), 200, 20261102L, 40, List.of(), null);
        assertThat(r.counterexample()).as(() -> String.valueOf(r.counterexample())).isNull();
        // the generator reaches successes and the main refusals
        assertThat(r.outcomes()).containsKeys("ok", "MACH_RCV_TIMED_OUT", "MACH_SEND_INVALID_DEST", "KERN_INVALID_RIGHT",
                "MACH_SEND_TIMED_OUT", "MACH_SEND_INVALID_RIGHT", "MACH_SEND_NO_BUFFER", "MACH_RCV_IN_SET");
        assertThat(r.outcomes().get("ok")).isGreaterThan(r.steps() / 3);
    }
}
