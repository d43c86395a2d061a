package capsim.personality.sel4;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.personality.PersonalityChecker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class Sel4CheckerTest {

    @Test
    void randomRunsKeepEveryInvariant(TestReporter report) {
        PersonalityChecker.Result r = PersonalityChecker.run(new Sel4Personality(), 150, 2014L, 40, List.of(), null);
        report.publishEntry("sel4 check", r.steps() + " steps in " + r.seconds() + " s: " + r.outcomes());
        assertThat(r.counterexample()).as(String.valueOf(r.counterexample())).isNull();
        assertThat(r.outcomes()).doesNotContainKey("CRASH");
        assertThat(r.outcomes().keySet()).contains("ok", "CapFault", "IllegalOperation", "DeleteFirst", "FailedLookup");
    }
}
