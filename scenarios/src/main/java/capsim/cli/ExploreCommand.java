package capsim.cli;

import capsim.explore.Explorer;
import capsim.scenario.Explorable;
import capsim.scenario.Parser;
import capsim.scenario.ScenarioException;
import capsim.visual.Format;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code capsim explore FILE}: every interleaving of the scenario's programs, breadth first, every named
 * invariant after every step. Exit 0 all explored and held; 1 an invariant broke (a shortest
 * counterexample is written and rendered); 2 bad input; 3 incomplete (a bound was reached first).
 */
@Command(name = "explore", mixinStandardHelpOptions = true, description = {"Explore every interleaving of a scenario's programs, breadth first (docs/explorer.md).",
        "Exit 0 every state explored and every invariant held; 1 an invariant broke (a shortest counterexample is written);",
        "2 bad input; " + ExploreCommand.EXIT_INCOMPLETE + " incomplete: a depth or memory bound was reached first (no verdict)."},
        footer = {"", "Examples:",
                "  capsim explore scenarios/library/explore/transfer-3x2.scn",
                "  capsim explore scenarios/library/explore/transfer-5x3.scn --depth-first --quiet",
                "  capsim explore FILE --exact --max-memory 2g   # whole canonical states, no fingerprint collisions"})
final class ExploreCommand implements Callable<Integer> {
    /** Exit code of a search that stopped at a bound: never success. */
    static final int EXIT_INCOMPLETE = 3;

    @Parameters(paramLabel = "FILE", description = "an explore scenario (declarations, programs, check line)")
    Path file;

    @Option(names = "--depth", defaultValue = "1000", paramLabel = "N", description = "explore at most N steps deep (default 1000)")
    int depth;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N", description = "worker threads (default 1)")
    int threads;

    @Option(names = "--max-memory", defaultValue = "", paramLabel = "SIZE",
            description = "live heap the search may use, e.g. 512m or 2g (default: 80% of the JVM's maximum heap; set that with CAPSIM_JAVA_OPTS=-Xmx...)")
    String maxMemory;

    @Option(names = "--no-symmetry", description = "do not merge states that differ only by interchangeable threads")
    boolean noSymmetry;

    @Option(names = "--no-por", description = "no partial-order reduction (none is implemented yet: accepted for scripts)")
    boolean noPor;

    @Option(names = "--exact", description = "store whole canonical states instead of 64-bit fingerprints")
    boolean exact;

    @Option(names = "--depth-first", description = "search depth first (as Spin does): memory is the visited set and one path, "
            + "not a frontier; the same verdict, but a counterexample is not necessarily the shortest; one thread")
    boolean depthFirst;

    @Option(names = "--out", defaultValue = "out/explore", paramLabel = "DIR", description = "where counterexamples go (default out/explore)")
    Path out;

    @Option(names = "--no-render", description = "do not render the counterexample")
    boolean noRender;

    @Option(names = "--quiet", description = "no progress lines on stderr")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
        PrintStream o = System.out;
        PrintStream err = System.err;
        long memory;
        try {
            memory = maxMemory.isEmpty() ? (long) (Runtime.getRuntime().maxMemory() * 0.8) : size(maxMemory);
        } catch (IllegalArgumentException e) {
            err.println("capsim: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        Explorer.Options opts;
        try {
            opts = new Explorer.Options(depth, threads, memory, !noSymmetry, exact, depthFirst);
        } catch (IllegalArgumentException e) {
            err.println("capsim: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        Explorable x;
        try {
            x = Explorable.load(file);
        } catch (ScenarioException e) {
            err.println(e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        for (String n : x.notChecked()) {
            err.println("capsim explore: " + n + " is not checked (a relational invariant: its twin runs follow one path, not a search)");
        }
        Explorer.SearchProgress progress = quiet ? null : (s, frontier) -> err.printf(Locale.ROOT,
                "capsim explore: %,d states, %,.0f states/s, " + (depthFirst ? "path" : "frontier") + " %,d, depth %d, %,d MiB%n",
                s.states(), s.statesPerSecond(), frontier, s.depth(), s.peakHeap() >> 20);
        Explorer.Result r = new Explorer(x.model(), opts, progress).run();
        Explorer.Stats s = r.stats();
        o.printf(Locale.ROOT, "explore %s: %s, %d program(s), symmetry %s, %s%s%n", file, x.scenario().variantName(),
                x.model().programs().size(), noSymmetry || x.symmetricGroups().isEmpty() ? "off" : "on",
                exact ? "exact states" : "64-bit fingerprints", depthFirst ? ", depth first" : "");
        o.printf(Locale.ROOT, "%,d distinct states, %,d steps, depth %d, %.1f s (%,.0f states/s), peak heap (outside eden) %,d MiB, visited set %,d KiB%n",
                s.states(), s.transitions(), s.depth(), s.seconds(), s.statesPerSecond(), s.peakHeap() >> 20, s.visitedBytes() >> 10);
        o.printf(Locale.ROOT, "cpu %.1f s (%,.0f states per cpu-second, all JVM threads)%n", s.cpuSeconds(), s.statesPerCpuSecond());
        if (!s.exact()) {
            o.printf(Locale.ROOT, "fingerprint collision: probability that a state was missed %.1e (calculated as TLC does)%n", s.omission());
        }
        o.println();
        coverage(o, r.coverage());
        return switch (r) {
            case Explorer.Complete c -> {
                o.println();
                o.println("HELD: every invariant in every reachable state (" + String.join(", ", r.coverage().invariantSteps().keySet()) + ")");
                yield 0;
            }
            case Explorer.Incomplete inc -> {
                o.println();
                o.println("INCOMPLETE: " + inc.reason() + "; no verdict (exit " + EXIT_INCOMPLETE + ")");
                yield EXIT_INCOMPLETE;
            }
            case Explorer.Violated v -> violated(o, err, x, v);
        };
    }

    private int violated(PrintStream o, PrintStream err, Explorable x, Explorer.Violated v) throws IOException {
        o.println();
        o.println("BROKEN: " + v.invariant() + ": " + v.message());
        o.println((depthFirst ? "counterexample (depth first: not necessarily the shortest), " : "shortest counterexample, ")
                + v.path().size() + " steps:");
        for (Explorer.Taken t : v.path()) {
            o.println("  " + t.step().text() + " => " + t.outcome());
        }
        String name = baseName(file) + "-counterexample";
        String text = x.counterexample(v.path(), List.of(v.invariant()), List.of(
                "Found by: capsim explore " + file + (depthFirst ? " --depth-first (a shorter path may break it too)"
                        : " (breadth first: no shorter path breaks it)"),
                "Broken invariant: " + v.invariant() + ": " + v.message(),
                "Replay: capsim run <this file> (exits 1 naming the invariant)"));
        Files.createDirectories(out);
        Path scn = out.resolve(name + ".scn");
        Files.writeString(scn, text);
        o.println("counterexample: " + scn);
        if (!noRender) {
            try {
                Path dir = out.resolve(name);
                RenderCommand.render(Parser.load(scn), dir, Format.SVG);
                o.println("diagrams: " + dir.resolve("index.html"));
            } catch (ScenarioException | RuntimeException e) {
                err.println("capsim: rendering the counterexample failed: " + e.getMessage());
            }
        }
        return 1;
    }

    private static void coverage(PrintStream o, Explorer.Coverage c) {
        o.println("coverage (steps enabled / leading to a new state):");
        List<String> never = new ArrayList<>();
        for (Explorer.StepCount s : c.steps()) {
            if (s.enabled() == 0) {
                never.add(s.step());
            } else {
                String text = s.step().length() > 50 ? s.step().substring(0, 47) + "..." : s.step();
                o.printf(Locale.ROOT, "  %-50s %,12d %,12d%n", text, s.enabled(), s.fresh());
            }
        }
        if (!never.isEmpty()) {
            o.println("never enabled: " + String.join("; ", never));
        }
        c.invariantSteps().forEach((inv, n) -> o.printf(Locale.ROOT, "invariant %-28s %s%n", inv,
                n == 0 ? "VACUOUS: no step did what it constrains" : String.format(Locale.ROOT, "%,d steps it constrains", n)));
    }

    private static String baseName(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".scn") ? n.substring(0, n.length() - 4) : n;
    }

    /** 512m, 2g, 1048576: bytes. */
    static long size(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        if (t.endsWith("k") || t.endsWith("m") || t.endsWith("g")) {
            mult = switch (t.charAt(t.length() - 1)) {
                case 'k' -> 1L << 10;
                case 'm' -> 1L << 20;
                default -> 1L << 30;
            };
            t = t.substring(0, t.length() - 1);
        }
        try {
            long v = Long.parseLong(t) * mult;
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad size '" + s + "' (expected e.g. 512m, 2g)");
        }
    }
}
