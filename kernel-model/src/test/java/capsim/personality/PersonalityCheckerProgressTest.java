package capsim.personality;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.check.CheckProgress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A deep check tells how far it is inside a run (a single 100,000-step run used to print nothing until it
 * ended).
 */
class PersonalityCheckerProgressTest {
    @Test
    void progressIsReportedInsideOneLongRun() {
        Personality<?> mach = Personalities.byName("mach").orElseThrow();
        List<int[]> seen = new ArrayList<>();
        PersonalityChecker.run(mach, 1, 1, 300, List.of(), new CheckProgress() {
            @Override
            public void tried(int done, int total, long steps) {
            }

            @Override
            public void stepped(int run, int step, int of) {
                seen.add(new int[] {run, step, of});
            }
        });
        assertThat(seen).hasSizeGreaterThanOrEqualTo(300);
        assertThat(seen.get(seen.size() - 1)[1]).isEqualTo(seen.get(seen.size() - 1)[2]);
        for (int i = 1; i < seen.size(); i++) {
            assertThat(seen.get(i)[1]).isEqualTo(seen.get(i - 1)[1] + 1);
        }
    }
}
