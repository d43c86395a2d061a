package capsim.cli;

import capsim.scenario.RunResult;
import capsim.scenario.Runner;
import capsim.scenario.Scenario;
import capsim.scenario.ScenarioFile;
import capsim.scenario.ScenarioException;
import capsim.visual.Format;
import capsim.visual.RenderSummary;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code capsim demo}: the main job. Runs every bundled scenario, renders each into {@code out/}, and prints
 * a summary table. Exit 0 when every scenario holds.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"The main job: run every bundled scenario, render each into out/, print a summary table,",
        "then quick-check every shipped variant and personality.",
        "Exit 0 when every scenario holds, 1 when one fails, 2 when a file cannot be read or written."},
        footer = {"", "Examples:", "  capsim demo", "  capsim demo --no-render --check-tries 0      # just run the scenarios",
                "  capsim demo --library my/scenarios --out /tmp/demo"})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--library", paramLabel = "DIR", defaultValue = "scenarios/library",
            description = "the scenario library (default scenarios/library)")
    Path library;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out", description = "where diagrams go (default out)")
    Path out;

    @Option(names = "--no-render", description = "skip rendering")
    boolean noRender;

    @Option(names = "--check-tries", defaultValue = "200", paramLabel = "N",
            description = "random runs per variant for the quick check (default 200; 0 skips it)")
    int checkTries;

    /** One line of the summary table. */
    record Row(String scenario, String variant, long steps, int held, int failed, String rendered) {
    }

    @Override
    public Integer call() {
        PrintStream o = System.out;
        PrintStream err = System.err;
        String bad = OptionRules.atLeast("--check-tries", checkTries, 0);
        if (bad != null) {
            err.println("capsim: " + bad);
            return Main.EXIT_BAD_INPUT;
        }
        String home = System.getProperty("capsim.home");
        if (!Files.isDirectory(library) && home != null && library.equals(Path.of("scenarios/library"))) {
            library = Path.of(home, "scenarios", "library"); // the launcher runs in the user's directory
        }
        if (!Files.isDirectory(library)) {
            err.println("capsim: no scenario library at " + library + " (run from the repository root or pass --library)");
            return Main.EXIT_BAD_INPUT;
        }
        if (!noRender || checkTries > 0) {
            // Fail before an hour of work when nothing can be written.
            try {
                Files.createDirectories(out);
                Files.deleteIfExists(Files.createTempFile(out, ".capsim-probe", ""));
            } catch (IOException e) {
                err.println("capsim: cannot write " + out + ": " + Reasons.of(e));
                return Main.EXIT_BAD_INPUT;
            } catch (RuntimeException e) {
                err.println("capsim: cannot write " + out + ": " + Reasons.of(e));
                return Main.EXIT_BAD_INPUT;
            }
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(library)) {
            // Scenarios are regular files: a directory named 'x.scn' is walked into, not run.
            files = s.filter(p -> p.toString().endsWith(".scn") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            err.println("capsim: cannot read the library " + library + ": "
                    + (e instanceof IOException io ? Reasons.of(io) : Reasons.of(((java.io.UncheckedIOException) e).getCause())));
            return Main.EXIT_BAD_INPUT;
        }
        List<Row> rows = new ArrayList<>();
        boolean allPassed = true;
        int unwritten = 0;
        String firstUnwritten = null;
        int i = 0;
        for (Path f : files) {
            i++;
            err.printf("capsim demo: [%d/%d] %s%n", i, files.size(), library.relativize(f));
            ScenarioFile s;
            try {
                s = ScenarioFiles.load(f);
            } catch (ScenarioException e) {
                err.println(e.getMessage());
                rows.add(new Row(library.relativize(f).toString(), "?", 0, 0, 1, "-"));
                allPassed = false;
                continue;
            }
            RunResult r;
            try {
                r = Runner.run(s);
            } catch (ScenarioException e) {
                err.println(e.getMessage());
                rows.add(new Row(library.relativize(f).toString(), s.variantName(), 0, 0, 1, "-"));
                allPassed = false;
                continue;
            }
            allPassed &= r.passed();
            for (String failure : r.failures()) {
                err.println("FAIL " + failure);
            }
            String rendered = "-";
            if (!noRender) {
                String name = library.relativize(f).toString().replaceFirst("\\.scn$", "");
                Path dir = out.resolve("scenarios").resolve(name);
                String why = null;
                try {
                    RenderSummary sum = RenderCommand.render(s, dir, Format.SVG);
                    rendered = out.relativize(sum.index()).toString();
                } catch (ScenarioException e) {
                    why = e.getMessage();
                } catch (IOException e) {
                    why = "cannot write " + dir + ": " + Reasons.of(e);
                } catch (RuntimeException e) {
                    why = Reasons.of(e);
                }
                if (why != null) {
                    err.println("capsim demo: rendering " + f + " failed: " + why);
                    rendered = "not written";
                    unwritten++;
                    firstUnwritten = firstUnwritten == null ? why : firstUnwritten;
                }
            }
            rows.add(new Row(library.relativize(f).toString(), r.variant(), r.steps(),
                    r.expectations() - r.expectationsFailed(), r.failures().size(), rendered));
        }
        printTable(o, rows);
        long failed = rows.stream().filter(r -> r.failed() > 0).count();
        String viewers;
        if (noRender) {
            viewers = "";
        } else if (unwritten == 0) {
            viewers = "; diagrams and viewers under " + out.resolve("scenarios") + "/<scenario>/index.html";
        } else {
            viewers = "; " + (unwritten == rows.size() ? "no" : (rows.size() - unwritten) + " of " + rows.size())
                    + " viewers written, " + unwritten + " could not be (" + firstUnwritten + ")";
        }
        o.printf("%n%d scenarios, %d passed, %d failed%s%n", rows.size(), rows.size() - failed, failed, viewers);
        if (checkTries > 0) {
            unwritten += checkVariants(o, err);
        }
        if (!allPassed) {
            return 1;
        }
        return unwritten > 0 ? Main.EXIT_BAD_INPUT : 0;
    }

    /**
     * A quick property check of every shipped variant: which invariant each breaks first (a break is the
     * expected finding for the 2008 designs), with the counterexample written under out/check/.
     */
    private int checkVariants(PrintStream o, PrintStream err) {
        int unwritten = 0;
        o.printf("%nquick check (%d runs of 30 steps each, seed 1, every invariant after every step):%n", checkTries);
        String fmt = "%-16s  %-8s  %-24s  %s%n";
        o.printf(fmt, "variant", "result", "first broken invariant", "counterexample");
        o.printf(fmt, "-".repeat(16), "-".repeat(8), "-".repeat(24), "-".repeat(14));
        for (capsim.kernel.variant.Variant v : capsim.kernel.variant.Variants.shipped()) {
            err.println("capsim demo: checking " + v.name());
            capsim.kernel.check.Checker.Result r = capsim.kernel.check.Checker.run(v,
                    capsim.kernel.check.Checker.Options.of(checkTries, 1, 30), capsim.kernel.check.CheckProgress.none());
            String file = "-";
            if (!r.held()) {
                try {
                    Path dir = out.resolve("check");
                    Files.createDirectories(dir);
                    Path f = dir.resolve(v.name() + "-counterexample.scn");
                    capsim.kernel.check.Checker.Counterexample c = r.counterexample();
                    Files.writeString(f, capsim.scenario.ScenarioWriter.write(new capsim.scenario.ScenarioWriter.Header(
                            "counterexample: " + c.invariant() + " in " + v.name(), v.name(), capsim.kernel.Kernel.DEFAULT_WORK_BOUND,
                            0, List.of(c.invariant()), List.of("Found by capsim demo (capsim check --variant " + v.name()
                                    + " --seed 1 --tries " + checkTries + ")", c.invariant() + ": " + c.message())),
                            c.spec(), c.names(), c.actions(), c.outcomes()));
                    file = out.relativize(f) + " (" + c.actions().size() + " steps)";
                } catch (IOException e) {
                    file = "not written: " + Reasons.of(e);
                    unwritten++;
                }
            }
            o.printf(fmt, v.name(), r.held() ? "held" : "BROKEN", r.held() ? "-" : r.counterexample().invariant(), file);
        }
        for (capsim.personality.Personality<?> p : capsim.personality.Personalities.all()) {
            err.println("capsim demo: checking " + p.name());
            capsim.personality.PersonalityChecker.Result r = capsim.personality.PersonalityChecker.run(p, checkTries, 1, 30,
                    List.of(), null);
            o.printf(fmt, p.name(), r.held() ? "held" : "BROKEN", r.held() ? "-" : r.counterexample().invariant(),
                    r.held() ? "-" : "capsim check --variant " + p.name());
        }
        return unwritten;
    }

    static void printTable(PrintStream o, List<Row> rows) {
        int w = "scenario".length();
        int v = "variant".length();
        for (Row r : rows) {
            w = Math.max(w, r.scenario().length());
            v = Math.max(v, r.variant().length());
        }
        String fmt = "%-" + w + "s  %-" + v + "s  %5s  %5s  %6s  %s%n";
        o.printf(fmt, "scenario", "variant", "steps", "held", "failed", "viewer");
        o.printf(fmt, "-".repeat(w), "-".repeat(v), "-----", "-----", "------", "------");
        for (Row r : rows) {
            o.printf(fmt, r.scenario(), r.variant(), r.steps(), r.held(), r.failed(), r.rendered());
        }
    }
}
