package capsim.cli;

import capsim.kernel.Kernel;
import capsim.kernel.check.CheckProgress;
import capsim.kernel.check.Checker;
import capsim.kernel.check.Invariant;
import capsim.kernel.check.Invariants;
import capsim.kernel.variant.Variant;
import capsim.kernel.variant.Variants;
import capsim.personality.Personalities;
import capsim.personality.Personality;
import capsim.personality.PersonalityChecker;
import capsim.personality.World;
import capsim.scenario.Parser;
import capsim.scenario.ScenarioException;
import capsim.scenario.ScenarioWriter;
import capsim.visual.Format;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code capsim check --variant NAME}: property-checks a variant. Exit 0 when no invariant breaks; 1 when
 * one does (the shrunk counterexample is written as a replayable scenario and rendered); 2 on bad arguments.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Property-check a variant: random worlds and steps, every invariant after every step.",
        "On a break: the invariant, the shrunk steps, a replayable .scn and its diagrams. Exit 0 held, 1 broken, 2 bad arguments."},
        footer = {"", "Examples:", "  capsim check --variant revised",
                "  capsim check --variant proposal-2008 --tries 500 --seed 7 --out /tmp/ce",
                "  capsim check --variant proposal-2008 --skip frame-exclusivity   # look past a known break",
                "  capsim check --variant mach --tries 1 --depth 100000            # one long run"})
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--variant", required = true, paramLabel = "NAME", description = "the variant to check (see 'capsim variants')")
    String variant;

    @Option(names = "--tries", defaultValue = "" + Checker.DEFAULT_TRIES, paramLabel = "N", description = "random runs (default 200)")
    int tries;

    @Option(names = "--seed", defaultValue = "" + Checker.DEFAULT_SEED, paramLabel = "S", description = "the seed: the same seed gives the same run (default 1)")
    long seed;

    @Option(names = "--depth", defaultValue = "" + Checker.DEFAULT_DEPTH, paramLabel = "D", description = "steps per run (default 30)")
    int depth;

    @Option(names = "--work-bound", paramLabel = "B",
            description = "kernel work allowed between preemption points, " + OptionRules.WORK_BOUND_RANGE
                    + " (default 64; Viengoos-model variants only)")
    Integer workBound;

    @Option(names = "--skip", paramLabel = "INVARIANT", description = "leave an invariant out (repeatable), to look past a known break")
    List<String> skip = new ArrayList<>();

    @Option(names = "--out", defaultValue = "out/check", paramLabel = "DIR", description = "where counterexamples go (default out/check)")
    Path out;

    @Option(names = "--no-render", description = "do not render the counterexample")
    boolean noRender;

    @Override
    public Integer call() {
        PrintStream o = System.out;
        PrintStream err = System.err;
        Optional<Variant> v = Variants.byName(variant);
        Optional<Personality<?>> p = v.isPresent() ? Optional.empty() : Personalities.byName(variant);
        if (v.isEmpty() && p.isEmpty()) {
            List<String> known = new ArrayList<>(Variants.names());
            known.addAll(Personalities.names());
            err.println("capsim: unknown variant '" + variant + "' (expected one of " + String.join(", ", known) + ")"
                    + Plugins.unknownNameHint());
            return Main.EXIT_BAD_INPUT;
        }
        // The same checks, in the same order, for variants and personalities.
        List<String> all = v.isPresent() ? Invariants.names() : Personalities.invariantNames(p.get());
        String bad = OptionRules.atLeast("--tries", tries, 1);
        bad = bad != null ? bad : OptionRules.atLeast("--depth", depth, 1);
        if (bad == null && workBound != null) {
            bad = v.isPresent() ? OptionRules.workBound(workBound)
                    : "--work-bound is for Viengoos-model variants; " + variant + " is a personality and has no work bound";
        }
        bad = bad != null ? bad : OptionRules.skips(skip, all, v.isPresent() ? null : variant);
        if (bad != null) {
            err.println("capsim: " + bad);
            return Main.EXIT_BAD_INPUT;
        }
        if (p.isPresent()) {
            return checkPersonality(p.get(), all, o, err);
        }
        int bound = workBound != null ? workBound : Kernel.DEFAULT_WORK_BOUND;
        Checker.Options opts = new Checker.Options(tries, seed, depth, bound);
        List<Invariant> invariants = Invariants.all().stream().filter(i -> !skip.contains(i.name())).toList();
        int every = Math.max(1, tries / 10);
        Checker.Result r = Checker.run(v.get(), opts, invariants, (done, total, steps) -> {
            if (done % every == 0 || done == total) {
                err.printf("capsim check %s: %d/%d runs, %,d steps%n", variant, done, total, steps);
            }
        });
        o.printf("check %s: seed %d, %d runs of up to %d steps, %,d steps in %.1f s (%,.0f steps/s, %s after every step)%n",
                r.variant(), r.seed(), r.tries(), depth, r.steps(), r.seconds(), r.stepsPerSecond(),
                checkedWhat(invariants.size(), all.size()));
        o.println();
        report(o, 24, Invariants.names(), r.held() ? null : r.counterexample().invariant(), "reached:", r.reached());
        if (r.held()) {
            return 0;
        }
        Checker.Counterexample c = r.counterexample();
        o.println();
        o.println("BROKEN: " + c.invariant() + ": " + c.message());
        o.println("shrunk from " + c.originalSteps() + " steps to " + c.actions().size() + ":");
        String text = ScenarioWriter.write(new ScenarioWriter.Header(
                "counterexample: " + c.invariant() + " in " + r.variant(), r.variant(), bound, 0, List.of(c.invariant()),
                List.of("Found by: capsim check --variant " + r.variant() + " --seed " + seed + " --tries " + tries + " --depth " + depth,
                        "Broken invariant: " + c.invariant() + ": " + c.message(),
                        "Replay: " + Plugins.command() + " run <this file> (exits 1 naming the invariant)")),
                c.spec(), c.names(), c.actions(), c.outcomes());
        text.lines().filter(l -> !l.startsWith("#") && !l.isBlank() && !l.startsWith("scenario") && !l.startsWith("variant")
                        && !l.startsWith("check") && !l.startsWith("work-bound") && !isDeclaration(l))
                .forEach(l -> o.println("  " + l));
        writeCounterexample(r.variant(), text, o, err);
        return 1;
    }

    /**
     * Writes the counterexample and its diagrams under {@code --out}. The verdict stands whatever happens
     * here (exit 1): a file that cannot be written is reported with the reason, never a stack trace.
     */
    private void writeCounterexample(String name, String text, PrintStream o, PrintStream err) {
        Path file = out.resolve(name + "-counterexample.scn");
        try {
            Files.createDirectories(out);
            Files.writeString(file, text);
        } catch (IOException e) {
            err.println("capsim: the counterexample could not be written to " + file + ": " + Reasons.of(e));
            o.println("counterexample: not written (" + Reasons.of(e) + ")");
            return;
        } catch (UnsupportedOperationException | SecurityException e) {
            err.println("capsim: the counterexample could not be written to " + file + ": " + Reasons.of(e));
            o.println("counterexample: not written (" + Reasons.of(e) + ")");
            return;
        }
        o.println("counterexample: " + file);
        if (!noRender) {
            Path dir = out.resolve(name + "-counterexample");
            try {
                RenderCommand.render(Parser.load(file.toString(), text), dir, Format.SVG);
                o.println("diagrams: " + dir.resolve("index.html"));
            } catch (ScenarioException e) {
                err.println("capsim: rendering the counterexample failed: " + e.getMessage());
            } catch (IOException e) {
                err.println("capsim: rendering the counterexample failed: cannot write " + dir + ": " + Reasons.of(e));
            } catch (RuntimeException e) {
                err.println("capsim: rendering the counterexample failed: " + Reasons.of(e));
            }
        }
    }

    /** "all 9 invariants", or "7 of 9 invariants" when some are skipped. */
    private static String checkedWhat(int checked, int all) {
        return (checked == all ? "all " + all : checked + " of " + all) + " invariants";
    }

    /** {@code check --variant caps|lwkt|mach}: the design's invariants and the core ones, over random runs. */
    private <W extends World<W>> int checkPersonality(Personality<W> p, List<String> all, PrintStream o, PrintStream err) {
        List<String> checked = all.stream().filter(n -> !skip.contains(n)).toList();
        int every = Math.max(1, tries / 10);
        PersonalityChecker.Result r = PersonalityChecker.run(p, tries, seed, depth, checked, new CheckProgress() {
            private long lastInside = System.nanoTime();

            @Override
            public void tried(int done, int total, long steps) {
                if (done % every == 0 || done == total) {
                    err.printf("capsim check %s: %d/%d runs, %,d steps%n", p.name(), done, total, steps);
                }
            }

            @Override
            public void stepped(int run, int step, int of) {
                // Inside one long run: a line every two seconds, so a deep check never looks hung.
                long now = System.nanoTime();
                if (now - lastInside >= 2_000_000_000L) {
                    lastInside = now;
                    err.printf("capsim check %s: run %d/%d, step %,d of %,d%n", p.name(), run, tries, step, of);
                }
            }
        });
        o.printf("check %s: seed %d, %d runs of a setup and up to %d steps, %,d steps in %.1f s (%,.0f steps/s, %s after every step)%n",
                p.name(), r.seed(), r.tries(), depth, r.steps(), r.seconds(), r.seconds() > 0 ? r.steps() / r.seconds() : 0.0,
                checkedWhat(checked.size(), all.size()));
        o.println();
        report(o, 30, all, r.held() ? null : r.counterexample().invariant(), "outcomes (how often each came up):",
                r.outcomes());
        if (r.held()) {
            return 0;
        }
        PersonalityChecker.Counterexample c = r.counterexample();
        o.println();
        o.println("BROKEN: " + c.invariant() + ": " + c.message());
        o.println("shrunk from " + c.originalSteps() + " steps to " + c.steps().size() + ":");
        StringBuilder text = new StringBuilder();
        text.append("scenario \"counterexample: ").append(c.invariant()).append(" in ").append(p.name()).append("\"\n");
        text.append("variant ").append(p.name()).append('\n');
        if (all.contains(c.invariant())) {
            text.append("check invariant ").append(c.invariant()).append('\n');
        }
        text.append("# Found by: capsim check --variant ").append(p.name()).append(" --seed ").append(seed)
                .append(" --tries ").append(tries).append(" --depth ").append(depth).append('\n');
        text.append("# Broken invariant: ").append(c.invariant()).append(": ").append(c.message()).append('\n');
        text.append("# Replay: " + Plugins.command() + " run <this file> (exits 1 naming the invariant)\n\n");
        for (int i = 0; i < c.steps().size(); i++) {
            String line = c.steps().get(i) + " => " + c.outcomes().get(i);
            text.append(line).append('\n');
            o.println("  " + line);
        }
        writeCounterexample(p.name(), text.toString(), o, err);
        return 1;
    }

    /**
     * The verdict table (each invariant held, skipped or BROKEN; a break outside the catalogue, such as a
     * personality step that threw, gets a row of its own) and then how often each counted thing came up.
     */
    private void report(PrintStream o, int width, List<String> names, String broken, String countsTitle,
                        java.util.Map<String, Long> counts) {
        String row = "%-" + width + "s  %s%n";
        o.printf(row, "invariant", "result");
        o.printf(row, "-".repeat(width), "------");
        for (String n : names) {
            o.printf(row, n, skip.contains(n) ? "skipped" : n.equals(broken) ? "BROKEN" : "held");
        }
        if (broken != null && !names.contains(broken)) {
            o.printf(row, broken, "BROKEN");
        }
        o.println();
        o.println(countsTitle);
        counts.forEach((k, n) -> o.printf("  %-40s %,d%n", k, n));
    }

    private static boolean isDeclaration(String line) {
        String w = line.split(" ", 2)[0];
        return List.of("activity", "thread", "cappage", "frame", "buffer", "queue", "slot", "setup").contains(w);
    }
}
