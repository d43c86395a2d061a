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
        CliTestSupport.Result r = CliTestSupport.run("check", "--variant", "proposal-2008", "--tries", "200", "--seed", "1",
                "--out", out.toString(), "--no-render");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("frame-exclusivity         BROKEN").contains("BROKEN: frame-exclusivity:");
        Path file = out.resolve("proposal-2008-counterexample.scn");
        assertThat(file).exists();
        assertThat(r.out()).contains("counterexample: " + file);
        assertThat(Files.readString(file)).contains("check invariant frame-exclusivity");
        CliTestSupport.Result replay = CliTestSupport.run("run", file.toString());
        assertThat(replay.code()).isEqualTo(1);
        assertThat(replay.out()).contains("broke invariant frame-exclusivity");
        // --skip looks past a known break: next, the unbounded destruction of a hoard (docs/findings.md, finding 2)
        CliTestSupport.Result past = CliTestSupport.run("check", "--variant", "proposal-2008", "--tries", "200", "--seed", "1",
                "--out", out.toString(), "--no-render", "--skip", "frame-exclusivity");
        assertThat(past.code()).isEqualTo(1);
        assertThat(past.out()).contains("BROKEN: bounded-kernel-work").contains("activity holding more than B objects");
        CliTestSupport.Result again = CliTestSupport.run("run", file.toString());
        assertThat(again.out()).contains("broke invariant bounded-kernel-work");
    }

    @Test
    void badArgumentsAreExit2() {
        assertThat(CliTestSupport.run("check", "--variant", "nope").code()).isEqualTo(2);
        assertThat(CliTestSupport.run("check", "--variant", "revised", "--tries", "0").code()).isEqualTo(2);
        assertThat(CliTestSupport.run("check", "--variant", "revised", "--skip", "nothing").code()).isEqualTo(2);
        assertThat(CliTestSupport.run("check").code()).isEqualTo(2);
    }
}
