package capsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {
    @Test
    void revisedHolds(@TempDir Path out) {
        CliTestSupport.Result r = CliTestSupport.run("check", "--variant", "revised", "--tries", "100", "--seed", "1",
                "--out", out.toString());
        assertThat(r.code()).as(r.out()).isZero();
        assertThat(r.out()).contains("authority-confinement     held").contains("no-disclosure             held")
                .doesNotContain("BROKEN");
        assertThat(r.err()).contains("100/100 runs");
    }

    @Test
    void proposalBreaksAndItsCounterexampleReplaysToTheSameBreak(@TempDir Path out) throws Exception {
        // The first break at seed 1 is the unbounded destruction of a hoard (docs/findings.md, finding 1).
        CliTestSupport.Result r = CliTestSupport.run("check", "--variant", "proposal-2008", "--tries", "200", "--seed", "1",
                "--out", out.toString(), "--no-render");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("bounded-kernel-work       BROKEN").contains("BROKEN: bounded-kernel-work:")
                .contains("activity holding more than B objects");
        Path file = out.resolve("proposal-2008-counterexample.scn");
        assertThat(file).exists();
        assertThat(r.out()).contains("counterexample: " + file);
        assertThat(Files.readString(file)).contains("check invariant bounded-kernel-work");
        CliTestSupport.Result replay = CliTestSupport.run("run", file.toString());
        assertThat(replay.code()).isEqualTo(1);
        assertThat(replay.out()).contains("broke invariant bounded-kernel-work");
        // --skip looks past a known break
        CliTestSupport.Result past = CliTestSupport.run("check", "--variant", "proposal-2008", "--tries", "200", "--seed", "1",
                "--out", out.toString(), "--no-render", "--skip", "bounded-kernel-work");
        assertThat(past.code()).isEqualTo(1);
        assertThat(past.out()).contains("BROKEN: frame-exclusivity");
        Path exclusivity = out.resolve("proposal-2008-counterexample.scn");
        CliTestSupport.Result again = CliTestSupport.run("run", exclusivity.toString());
        assertThat(again.out()).contains("broke invariant frame-exclusivity");
    }

    @Test
    void badArgumentsAreExit2() {
        assertThat(CliTestSupport.run("check", "--variant", "nope").code()).isEqualTo(2);
        assertThat(CliTestSupport.run("check", "--variant", "revised", "--tries", "0").code()).isEqualTo(2);
        assertThat(CliTestSupport.run("check", "--variant", "revised", "--skip", "nothing").code()).isEqualTo(2);
        assertThat(CliTestSupport.run("check").code()).isEqualTo(2);
    }
}
