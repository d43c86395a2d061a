package capsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code capsim explore}: verdicts and exit codes, the counterexample replays, the docs' examples. */
class ExploreCommandTest {
    static final Path UNBOUNDED = Paths.get("src", "test", "resources", "explore", "unbounded.scn");
    static final Path TRANSFER = Paths.get("library", "explore", "transfer-3x2.scn");

    @Test
    void aQuestionThatHoldsExitsZeroWithItsFigures() {
        CliTestSupport.Result r = CliTestSupport.run("explore", TRANSFER.toString(), "--quiet");
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("187 distinct states").contains("HELD").contains("probability that a state was missed")
                .contains("s1 send s1_out to service").contains("never enabled: kernel resume");
        CliTestSupport.Result full = CliTestSupport.run("explore", TRANSFER.toString(), "--quiet", "--no-symmetry", "--exact");
        assertThat(full.code()).isZero();
        assertThat(full.out()).contains("1,082 distinct states").contains("symmetry off, exact states")
                .doesNotContain("probability that a state was missed");
    }

    @Test
    void aBreakExitsOneWithAShortestCounterexampleThatReplays(@TempDir Path dir) {
        CliTestSupport.Result r = CliTestSupport.run("explore", UNBOUNDED.toString(), "--out", dir.toString(), "--no-render");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("BROKEN: bounded-kernel-work").contains("shortest counterexample, 3 steps:");
        Path scn = dir.resolve("unbounded-counterexample.scn");
        assertThat(scn).exists();
        CliTestSupport.Result replay = CliTestSupport.run("run", scn.toString());
        assertThat(replay.code()).as(replay.out()).isEqualTo(1);
        assertThat(replay.out()).contains("broke invariant bounded-kernel-work");
    }

    @Test
    void depthFirstGivesTheSameVerdictsAndSaysItsCounterexampleMayBeLonger(@TempDir Path dir) {
        CliTestSupport.Result held = CliTestSupport.run("explore", TRANSFER.toString(), "--quiet", "--depth-first", "--no-symmetry");
        assertThat(held.code()).as(held.out() + held.err()).isZero();
        assertThat(held.out()).contains("1,082 distinct states").contains("depth first").contains("HELD");
        CliTestSupport.Result broken = CliTestSupport.run("explore", UNBOUNDED.toString(), "--depth-first", "--out", dir.toString(), "--no-render");
        assertThat(broken.code()).as(broken.out() + broken.err()).isEqualTo(1);
        assertThat(broken.out()).contains("BROKEN: bounded-kernel-work").contains("not necessarily the shortest")
                .doesNotContain("shortest counterexample");
        CliTestSupport.Result replay = CliTestSupport.run("run", dir.resolve("unbounded-counterexample.scn").toString());
        assertThat(replay.code()).as(replay.out()).isEqualTo(1);
        assertThat(replay.out()).contains("broke invariant bounded-kernel-work");
        CliTestSupport.Result threads = CliTestSupport.run("explore", TRANSFER.toString(), "--depth-first", "--threads", "2");
        assertThat(threads.code()).isEqualTo(2);
        assertThat(threads.err()).contains("one thread");
    }

    @Test
    void aSearchStoppedByABoundIsNeverSuccess() {
        CliTestSupport.Result depth = CliTestSupport.run("explore", TRANSFER.toString(), "--quiet", "--depth", "5");
        assertThat(depth.code()).isEqualTo(ExploreCommand.EXIT_INCOMPLETE).isEqualTo(3);
        assertThat(depth.out()).contains("INCOMPLETE: the depth bound (5 steps)").doesNotContain("HELD");
        CliTestSupport.Result memory = CliTestSupport.run("explore", TRANSFER.toString(), "--quiet", "--max-memory", "64k");
        assertThat(memory.code()).isEqualTo(3);
        assertThat(memory.out()).contains("INCOMPLETE: the memory bound");
    }

    @Test
    void badInputIsAFileLineColumnErrorAndExitTwo(@TempDir Path dir) throws IOException {
        String head = "scenario \"t\"\nvariant revised\nactivity a\ncappage r in a\nthread t in a root r\nbuffer b in a thread t root r\n"
                + "slot r[4] = b\n";
        String[][] cases = {
                {"program t\n  send b to b\n", "t.scn:8:1: 'program' is not closed"},
                {"program t\n  loop\n    send b to b\n  end\n  send b to b\nend\n", "t.scn:12:3: a 'loop' never ends"},
                {"program nobody\nend\n", "t.scn:8:9: 'nobody' is not a declared thread"},
                {"program t\nend\n", "t.scn:9:1: 'program' needs at least one step"},
                {"program t\n  choose\n  or\n  end\nend\n", "t.scn:10:3: a branch of 'choose' needs at least one step"},
                {"symmetric t\n", "t.scn:8:12: expected at least two interchangeable threads"},
                {"", "nothing to explore"},
        };
        for (String[] c : cases) {
            Path f = dir.resolve("t.scn");
            Files.writeString(f, head + c[0]);
            CliTestSupport.Result r = CliTestSupport.run("explore", f.toString());
            assertThat(r.code()).as(c[0]).isEqualTo(2);
            assertThat(r.err().replace(dir.toString() + "/", "")).as(c[0]).contains(c[1]);
            assertThat(r.err()).doesNotContain("Exception");
        }
        assertThat(CliTestSupport.run("explore", TRANSFER.toString(), "--max-memory", "lots").code()).isEqualTo(2);
    }

    /** Every file of library/explore is listed beside it and explores; the quick ones give their documented verdicts. */
    @Test
    void theExploreLibraryGivesItsDocumentedVerdicts(@TempDir Path dir) throws IOException {
        Path lib = Paths.get("library", "explore");
        String readme = Files.readString(lib.resolve("README.md"));
        try (var files = Files.list(lib)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".scn")).toList()) {
                assertThat(readme).as("README lists " + f).contains(f.getFileName().toString());
                CliTestSupport.Result r = CliTestSupport.run("explore", f.toString(), "--quiet", "--depth", "2", "--no-render",
                        "--out", dir.toString());
                assertThat(r.code()).as(f + ": " + r.err()).isIn(0, 1, 3);
            }
        }
        assertThat(CliTestSupport.run("explore", lib.resolve("preempted-free-revised.scn").toString(), "--quiet").out())
                .contains("77 distinct states").contains("HELD");
        CliTestSupport.Result p = CliTestSupport.run("explore", lib.resolve("seed001-proposal-2008.scn").toString(), "--quiet",
                "--no-render", "--out", dir.toString());
        assertThat(p.code()).isEqualTo(1);
        assertThat(p.out()).contains("BROKEN: frame-exclusivity").contains("shortest counterexample, 2 steps:");
    }

    /**
     * Every ```scn block of docs/explorer.md and docs/scenario-language.md with an "# explore: held" or
     * "# explore: broken NAME" line gives that verdict.
     */
    @Test
    void theDocsExploreExamplesGiveTheirStatedVerdicts(@TempDir Path dir) throws IOException {
        String doc = Files.readString(Paths.get("..", "docs", "explorer.md"))
                + Files.readString(Paths.get("..", "docs", "scenario-language.md"));
        Matcher m = Pattern.compile("```scn\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        Pattern verdict = Pattern.compile("# explore: (held|broken (\\S+))");
        List<String> checked = new ArrayList<>();
        int n = 0;
        while (m.find()) {
            n++;
            Matcher v = verdict.matcher(m.group(1));
            if (!v.find()) {
                continue;
            }
            Path f = dir.resolve("example" + n + ".scn");
            Files.writeString(f, m.group(1));
            CliTestSupport.Result r = CliTestSupport.run("explore", f.toString(), "--quiet", "--no-render", "--out", dir.toString());
            if (v.group(1).equals("held")) {
                assertThat(r.code()).as("example " + n + ": " + r.out() + r.err()).isZero();
            } else {
                assertThat(r.code()).as("example " + n + ": " + r.out() + r.err()).isEqualTo(1);
                assertThat(r.out()).contains("BROKEN: " + v.group(2));
            }
            checked.add("example " + n);
        }
        assertThat(checked).as("the page has explore examples with verdicts").hasSizeGreaterThanOrEqualTo(3);
    }
}
