package capsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run, check, render and variants on a personality (the toy ledger of the test class path). */
class PersonalityCliTest {

    private static Path script(Path dir, String body) throws Exception {
        Path f = dir.resolve("ledger.scn");
        Files.writeString(f, "scenario \"ledger\"\nvariant ledger\ncheck invariants\n" + body);
        return f;
    }

    @Test
    void runPrintsStepsEventsAndExpectations(@TempDir Path dir) throws Exception {
        Path f = script(dir, "process a quota 1\na put k \"x\"\na put j \"y\" => ENOMEM\nexpect records 1\n");
        CliTestSupport.Result r = CliTestSupport.run("run", f.toString());
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("(personality ledger)").contains("step 2 (line 5): a put k \"x\"")
                .contains("      2  a put record k (1 bytes)").contains("  => ENOMEM")
                .contains("  ok    (line 7) expect records 1").contains("PASS " + f + ": 3 steps, 1/1 expectations held");
        CliTestSupport.Result json = CliTestSupport.run("run", "--json", f.toString());
        assertThat(json.out()).contains("\"type\":\"step\"").contains("\"outcome\":\"ENOMEM\"").contains("\"type\":\"summary\"");
    }

    @Test
    void checkFindsWritesAndRendersACounterexampleThatReplays(@TempDir Path out) throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("check", "--variant", "ledger", "--tries", "50", "--seed", "7",
                "--out", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("ledger-no-leak                  BROKEN").contains("storage-accounting              held")
                .contains("shrunk from").contains("to 3:");
        Path file = out.resolve("ledger-counterexample.scn");
        assertThat(Files.readString(file)).contains("variant ledger").contains("check invariant ledger-no-leak").contains("=> LEAKED");
        assertThat(out.resolve("ledger-counterexample").resolve("index.html")).as(r.err()).exists();
        CliTestSupport.Result replay = CliTestSupport.run("run", file.toString());
        assertThat(replay.code()).isEqualTo(1);
        assertThat(replay.out()).contains("broke invariant ledger-no-leak");
        CliTestSupport.Result skipped = CliTestSupport.run("check", "--variant", "ledger", "--tries", "20", "--skip", "ledger-no-leak",
                "--out", out.toString());
        assertThat(skipped.code()).as(skipped.out()).isZero();
        assertThat(skipped.out()).contains("ledger-no-leak                  skipped");
        assertThat(CliTestSupport.run("check", "--variant", "ledger", "--skip", "nothing").code()).isEqualTo(2);
    }

    @Test
    void renderDrawsTheDesignsRolesAndLegend(@TempDir Path dir) throws Exception {
        Path f = script(dir, "process a quota 2\na put k \"x\"\na drop k\n");
        Path out = dir.resolve("out");
        CliTestSupport.Result r = CliTestSupport.run("render", f.toString(), "--out", out.toString(), "--format", "dot");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        String step2 = Files.readString(Files.list(out).filter(p -> p.getFileName().toString().startsWith("step-002"))
                .findFirst().orElseThrow());
        assertThat(step2).contains("cylinder").contains("house").contains("record \u2014 frame#")
                .contains("a process: an activity paying for its records").contains("ledger");
    }

    @Test
    void variantsListsPersonalities() {
        assertThat(CliTestSupport.run("variants").out()).contains("ledger").contains("personality: a toy for testing");
    }
}
