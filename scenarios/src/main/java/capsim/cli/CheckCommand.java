package capsim.cli;

import capsim.kernel.Kernel;
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
@Command(name = "check", description = {"Property-check a variant: random worlds and steps, every invariant after every step.",
        "On a break: the invariant, the shrunk steps, a replayable .scn and its diagrams. Exit 0 held, 1 broken, 2 bad arguments."})
final class CheckCommand implements Callable<Integer> {
    @Option(names = "--variant", required = true, paramLabel = "NAME", description = "the variant to check (see 'capsim variants')")
    String variant;

    @Option(names = "--tries", defaultValue = "" + Checker.DEFAULT_TRIES, paramLabel = "N", description = "random runs (default 200)")
    int tries;

    @Option(names = "--seed", defaultValue = "" + Checker.DEFAULT_SEED, paramLabel = "S", description = "the seed: the same seed gives the same run (default 1)")
    long seed;

    @Option(names = "--depth", defaultValue = "" + Checker.DEFAULT_DEPTH, paramLabel = "D", description = "steps per run (default 30)")
    int depth;

    @Option(names = "--work-bound", defaultValue = "" + Kernel.DEFAULT_WORK_BOUND, paramLabel = "B",
            description = "kernel work allowed between preemption points (default 64)")
    int workBound;

    @Option(names = "--skip", paramLabel = "INVARIANT", description = "leave an invariant out (repeatable), to look past a known break")
    List<String> skip = new ArrayList<>();

    @Option(names = "--out", defaultValue = "out/check", paramLabel = "DIR", description = "where counterexamples go (default out/check)")
    Path out;

    @Option(names = "--no-render", description = "do not render the counterexample")
    boolean noRender;

    @Override
    public Integer call() throws IOException {
        PrintStream o = System.out;
        PrintStream err = System.err;
        Optional<Variant> v = Variants.byName(variant);
        if (v.isEmpty()) {
            Optional<Personality<?>> p = Personalities.byName(variant);
            if (p.isPresent()) {
                return checkPersonality(p.get(), o, err);
            }
            List<String> known = new ArrayList<>(Variants.names());
            known.addAll(Personalities.names());
            err.println("capsim: unknown variant '" + variant + "' (expected one of " + String.join(", ", known) + ")");
            return Main.EXIT_BAD_INPUT;
        }
        for (String s : skip) {
            if (Invariants.byName(s).isEmpty()) {
                err.println("capsim: unknown invariant '" + s + "' (expected one of " + String.join(", ", Invariants.names()) + ")");
                return Main.EXIT_BAD_INPUT;
            }
        }
        Checker.Options opts;
        try {
            opts = new Checker.Options(tries, seed, depth, workBound);
        } catch (IllegalArgumentException e) {
            err.println("capsim: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        List<Invariant> invariants = Invariants.all().stream().filter(i -> !skip.contains(i.name())).toList();
        int every = Math.max(1, tries / 10);
        Checker.Result r = Checker.run(v.get(), opts, invariants, (done, total, steps) -> {
            if (done % every == 0 || done == total) {
                err.printf("capsim check %s: %d/%d runs, %,d steps%n", variant, done, total, steps);
            }
        });
        o.printf("check %s: seed %d, %d runs of up to %d steps, %,d steps in %.1f s (%,.0f steps/s, all invariants after every step)%n",
                r.variant(), r.seed(), r.tries(), depth, r.steps(), r.seconds(), r.stepsPerSecond());
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
                "counterexample: " + c.invariant() + " in " + r.variant(), r.variant(), workBound, 0, List.of(c.invariant()),
                List.of("Found by: capsim check --variant " + r.variant() + " --seed " + seed + " --tries " + tries + " --depth " + depth,
                        "Broken invariant: " + c.invariant() + ": " + c.message(),
                        "Replay: capsim run <this file> (exits 1 naming the invariant)")),
                c.spec(), c.names(), c.actions(), c.outcomes());
        text.lines().filter(l -> !l.startsWith("#") && !l.isBlank() && !l.startsWith("scenario") && !l.startsWith("variant")
                        && !l.startsWith("check") && !l.startsWith("work-bound") && !isDeclaration(l))
                .forEach(l -> o.println("  " + l));
        Files.createDirectories(out);
        Path file = out.resolve(r.variant() + "-counterexample.scn");
        Files.writeString(file, text);
        o.println("counterexample: " + file);
        if (!noRender) {
            try {
                Path dir = out.resolve(r.variant() + "-counterexample");
                RenderCommand.render(Parser.load(file), dir, Format.SVG);
                o.println("diagrams: " + dir.resolve("index.html"));
            } catch (ScenarioException | RuntimeException e) {
                err.println("capsim: rendering the counterexample failed: " + e.getMessage());
            }
        }
        return 1;
    }

    /** {@code check --variant caps|lwkt|mach}: the design's invariants and the core ones, over random runs. */
    private <W extends World<W>> int checkPersonality(Personality<W> p, PrintStream o, PrintStream err) throws IOException {
        List<String> all = Personalities.invariantNames(p);
        for (String s : skip) {
            if (!all.contains(s)) {
                err.println("capsim: unknown invariant '" + s + "' for " + p.name() + " (expected one of " + String.join(", ", all) + ")");
                return Main.EXIT_BAD_INPUT;
            }
        }
        if (tries < 1 || depth < 1) {
            err.println("capsim: tries and depth must be at least 1");
            return Main.EXIT_BAD_INPUT;
        }
        List<String> checked = all.stream().filter(n -> !skip.contains(n)).toList();
        if (checked.isEmpty()) {
            err.println("capsim: every invariant is skipped; nothing to check");
            return Main.EXIT_BAD_INPUT;
        }
        int every = Math.max(1, tries / 10);
        PersonalityChecker.Result r = PersonalityChecker.run(p, tries, seed, depth, checked, (done, total, steps) -> {
            if (done % every == 0 || done == total) {
                err.printf("capsim check %s: %d/%d runs, %,d steps%n", p.name(), done, total, steps);
            }
        });
        o.printf("check %s: seed %d, %d runs of a setup and up to %d steps, %,d steps in %.1f s (%,.0f steps/s, every invariant after every step)%n",
                p.name(), r.seed(), r.tries(), depth, r.steps(), r.seconds(), r.seconds() > 0 ? r.steps() / r.seconds() : 0.0);
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
        text.append("# Replay: capsim run <this file> (exits 1 naming the invariant)\n\n");
        for (int i = 0; i < c.steps().size(); i++) {
            String line = c.steps().get(i) + " => " + c.outcomes().get(i);
            text.append(line).append('\n');
            o.println("  " + line);
        }
        Files.createDirectories(out);
        Path file = out.resolve(p.name() + "-counterexample.scn");
        Files.writeString(file, text.toString());
        o.println("counterexample: " + file);
        if (!noRender) {
            try {
                Path dir = out.resolve(p.name() + "-counterexample");
                RenderCommand.render(Parser.load(file), dir, Format.SVG);
                o.println("diagrams: " + dir.resolve("index.html"));
            } catch (ScenarioException | RuntimeException e) {
                err.println("capsim: rendering the counterexample failed: " + e.getMessage());
            }
        }
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
