package capsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's contract around the simulator (issue 13): every failure one clear line and the right
 * exit code (0 all held, 1 an expectation or invariant failed, 2 bad input or unwritable output), never a
 * stack trace, nothing partial on disk. One test per class of failure.
 */
class ReliabilityTest {
    static final String GOOD = "library/activation.scn";

    static void noTrace(CliTestSupport.Result r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception in thread");
        assertThat(r.out()).doesNotContain("\tat ");
    }

    // ---------------------------------------------------------------- 1: check --out that cannot be written

    @Test
    void aBrokenVariantWhoseCounterexampleCannotBeWrittenStillExits1AndSaysWhy(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliTestSupport.Result r = CliTestSupport.run("check", "--variant", "proposal-2008", "--tries", "200",
                "--out", file.toString(), "--no-render");
        noTrace(r);
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.out()).contains("BROKEN: ").contains("counterexample: not written");
        assertThat(r.err()).contains("could not be written").contains("a file is in the way");
    }

    @Test
    void aFileWhereTheCounterexampleDiagramsGoIsReportedNotThrown(@TempDir Path tmp) throws IOException {
        Files.writeString(tmp.resolve("proposal-2008-counterexample"), "in the way");
        CliTestSupport.Result r = CliTestSupport.run("check", "--variant", "proposal-2008", "--tries", "200",
                "--out", tmp.toString());
        noTrace(r);
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("rendering the counterexample failed: cannot write")
                .contains("exists and is not a directory");
        assertThat(tmp.resolve("proposal-2008-counterexample.scn")).exists();
        assertThat(Files.readString(tmp.resolve("proposal-2008-counterexample"))).isEqualTo("in the way");
    }

    // ---------------------------------------------------------------- 3, 14: reading input

    @Test
    void inputIsReadWithALimitAndEveryRefusalSaysWhy(@TempDir Path tmp) throws IOException {
        Path sparse = tmp.resolve("sparse.scn");
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(2_200_000_000L);
        }
        CliTestSupport.Result big = CliTestSupport.run("run", "-q", sparse.toString());
        assertThat(big.code()).isEqualTo(2);
        assertThat(big.err()).contains(sparse + ":1:1: cannot read the file: it is larger than 64 MiB");
        if (Files.exists(Path.of("/dev/zero"))) {
            CliTestSupport.Result zero = CliTestSupport.run("run", "-q", "/dev/zero");
            assertThat(zero.code()).isEqualTo(2);
            assertThat(zero.err()).contains("larger than 64 MiB");
        }
        CliTestSupport.Result missing = CliTestSupport.run("run", tmp.resolve("nonexistent.scn").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("cannot read the file: no such file");
        CliTestSupport.Result dir = CliTestSupport.run("render", tmp.toString(), "--out", tmp.resolve("o").toString());
        assertThat(dir.code()).isEqualTo(2);
        assertThat(dir.err()).contains("cannot read the file: it is a directory");
        Path secret = Files.writeString(tmp.resolve("secret.scn"), "scenario \"s\"\n");
        if (secret.toFile().setReadable(false, false) && !Files.isReadable(secret)) {
            CliTestSupport.Result denied = CliTestSupport.run("run", secret.toString());
            assertThat(denied.err()).contains("cannot read the file: permission denied");
        }
        noTrace(big);
    }

    // ---------------------------------------------------------------- 4: huge runs

    @Test
    void aRunLongerThanTheRenderLimitIsRefusedUpFrontWithTheWayToRaiseIt(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("long.scn");
        Files.writeString(file, longScenario(RenderCommand.DEFAULT_MAX_STEPS + 1));
        Path out = tmp.resolve("out");
        CliTestSupport.Result r = CliTestSupport.run("render", file.toString(), "--out", out.toString(), "--format", "dot");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("5,001 steps").contains("--max-steps 5001");
        assertThat(out).doesNotExist();
        assertThat(CliTestSupport.run("render", file.toString(), "--out", out.toString(), "--max-steps", "0").code())
                .isEqualTo(2);
    }

    /** A Viengoos-model scenario of {@code steps} steps (one write a step). */
    static String longScenario(int steps) {
        StringBuilder b = new StringBuilder("""
                scenario "long"
                variant revised
                activity act
                cappage root_a in act
                thread t in act root root_a
                buffer buf in act thread t root root_a
                slot root_a[1] = buf
                """);
        for (int i = 0; i < steps; i++) {
            b.append("t write buf [] \"x\"\n");
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- 6, 15: demo

    @Test
    void demoWithAnUnwritableOutFailsAndSaysSo(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        CliTestSupport.Result r = CliTestSupport.run("demo", "--library", "library", "--out", file.resolve("sub").toString(),
                "--check-tries", "0");
        noTrace(r);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot write " + file.resolve("sub"));
        assertThat(r.out()).doesNotContain("diagrams and viewers under");
    }

    @Test
    void demoRunsFilesNotDirectoriesNamedScn(@TempDir Path tmp) throws IOException {
        Path lib = Files.createDirectories(tmp.resolve("lib"));
        Files.copy(Path.of(GOOD), lib.resolve("good.scn"));
        Files.createDirectories(lib.resolve("sub.scn"));
        CliTestSupport.Result r = CliTestSupport.run("demo", "--library", lib.toString(), "--no-render", "--check-tries", "0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 scenarios, 1 passed, 0 failed").doesNotContain("sub.scn");
    }

    // ---------------------------------------------------------------- 7: standard output that cannot be written

    @Test
    void outputThatCannotBeWrittenIsAnErrorNotSilence() throws IOException {
        assumeTrue(Files.isWritable(Path.of("/dev/full")), "needs /dev/full");
        for (String[] args : new String[][] {{"run", GOOD}, {"run", "--json", GOOD}, {"variants"}}) {
            PrintStream old = System.out;
            PrintStream oldErr = System.err;
            java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
            int code;
            try (FileOutputStream full = new FileOutputStream("/dev/full")) {
                System.setOut(Main.stdout(full, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                code = Main.execute(args);
            } finally {
                System.setOut(old);
                System.setErr(oldErr);
            }
            assertThat(code).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot write standard output: No space left on device");
        }
    }

    // ---------------------------------------------------------------- 8, 9: options

    @Test
    void skippingEveryInvariantIsRefusedForVariantsAndPersonalitiesAlike() {
        String[] all = capsim.kernel.check.Invariants.names().stream().flatMap(n -> Stream.of("--skip", n)).toArray(String[]::new);
        String[] args = Stream.concat(Stream.of("check", "--variant", "revised", "--tries", "1"), Stream.of(all))
                .toArray(String[]::new);
        CliTestSupport.Result r = CliTestSupport.run(args);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("every invariant is skipped");
        String[] p = Stream.concat(Stream.of("check", "--variant", "mach", "--tries", "1"),
                capsim.personality.Personalities.invariantNames(capsim.personality.Personalities.byName("mach").orElseThrow())
                        .stream().flatMap(n -> Stream.of("--skip", n))).toArray(String[]::new);
        CliTestSupport.Result rp = CliTestSupport.run(p);
        assertThat(rp.code()).isEqualTo(2);
        assertThat(rp.err()).contains("every invariant is skipped");
    }

    @Test
    void everyOptionIsValidatedTheSameWayEverywhere() {
        CliTestSupport.Result caps = CliTestSupport.run("check", "--variant", "caps", "--work-bound", "0");
        assertThat(caps.code()).isEqualTo(2);
        CliTestSupport.Result revised = CliTestSupport.run("check", "--variant", "revised", "--work-bound", "0");
        assertThat(revised.code()).isEqualTo(2);
        assertThat(revised.err()).contains("--work-bound must be from 24 to 1000000");
        assertThat(CliTestSupport.run("check", "--variant", "revised", "--work-bound", "2147483647").code()).isEqualTo(2);
        assertThat(CliTestSupport.run("check", "--variant", "caps", "--work-bound", "64").err())
                .contains("is a personality and has no work bound");
        for (String v : new String[] {"revised", "caps"}) {
            assertThat(CliTestSupport.run("check", "--variant", v, "--tries", "0").err()).contains("--tries must be at least 1");
            assertThat(CliTestSupport.run("check", "--variant", v, "--depth", "-3").err()).contains("--depth must be at least 1");
        }
        CliTestSupport.Result demo = CliTestSupport.run("demo", "--check-tries", "-1", "--no-render");
        assertThat(demo.code()).isEqualTo(2);
        assertThat(demo.err()).contains("--check-tries must be at least 0");
    }

    // ---------------------------------------------------------------- 11, 12: the render's directory

    @Test
    void aRenderReplacesItsOwnEarlierRenderWhole(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("out");
        Path longer = Files.writeString(tmp.resolve("eleven.scn"), longScenario(11));
        Path shorter = Files.writeString(tmp.resolve("seven.scn"), longScenario(7));
        assertThat(CliTestSupport.run("render", longer.toString(), "--out", out.toString(), "--format", "dot").code()).isZero();
        assertThat(out.resolve("step-011.dot")).exists();
        assertThat(CliTestSupport.run("render", shorter.toString(), "--out", out.toString(), "--format", "dot").code()).isZero();
        assertThat(out.resolve("step-007.dot")).exists();
        assertThat(out.resolve("step-008.dot")).doesNotExist();
        assertThat(out.resolve("step-011.dot")).doesNotExist();
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("out", "eleven.scn", "seven.scn");
        }
    }

    @Test
    void aRenderRefusesADirectoryOfOtherFilesAndChangesNothing(@TempDir Path tmp) throws IOException {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        CliTestSupport.Result r = CliTestSupport.run("render", GOOD, "--out", out.toString(), "--format", "dot");
        noTrace(r);
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("cannot write " + out).contains("holds files a render did not write ('notes.txt')");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
        // index.html occupied by a directory: refused before anything is written
        Path other = Files.createDirectories(tmp.resolve("other").resolve("index.html"));
        CliTestSupport.Result r2 = CliTestSupport.run("render", GOOD, "--out", other.getParent().toString(), "--format", "dot");
        assertThat(r2.code()).isEqualTo(2);
        try (Stream<Path> s = Files.list(other.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("index.html");
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("out", "other");
        }
    }

    // ---------------------------------------------------------------- 13: help

    @Test
    void everySubcommandAnswersHelpWithExamples() {
        // Every registered subcommand, so a new one cannot ship without --help and examples.
        java.util.Set<String> commands = new java.util.TreeSet<>();
        new picocli.CommandLine(new Main()).getSubcommands().values().forEach(sub -> commands.add(sub.getCommandName()));
        assertThat(commands).contains("demo", "run", "check", "render", "variants", "explore");
        for (String c : commands) {
            if (c.equals("help")) {
                continue;
            }
            CliTestSupport.Result r = CliTestSupport.run(c, "--help");
            assertThat(r.code()).as(c + " --help: " + r.err()).isZero();
            assertThat(r.out()).as(c).contains("Usage: capsim " + c).contains("Example");
            CliTestSupport.Result h = CliTestSupport.run("help", c);
            assertThat(h.code()).isZero();
            assertThat(h.out()).contains("Usage: capsim " + c);
        }
        CliTestSupport.Result top = CliTestSupport.run("help");
        assertThat(top.code()).isZero();
        assertThat(top.out()).contains("Exit codes");
        CliTestSupport.Result wrong = CliTestSupport.run("frobnicate");
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("Try 'capsim --help'").doesNotContain("capsim capsim");
        assertThat(CliTestSupport.run("run", "--nope", GOOD).err()).contains("Try 'capsim run --help'");
    }
}
