package capsim.bench;

import capsim.explore.CanonicalState;
import capsim.explore.Explorer;
import capsim.kernel.Kernel;
import capsim.scenario.Explorable;
import capsim.scenario.ScenarioException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The explorer's state primitives (issue 14), on a state the explorer really visits: the deepest state a
 * short search of a library explore scenario reaches. {@code copy} is {@link Kernel#copy()} (one per
 * successor the explorer tries), {@code fingerprint} the 64-bit hash of the canonical encoding (one per
 * successor), {@code encode} the packed canonical bytes ({@code --exact} stores them).
 *
 * <p>Bytes per state for every library explore scenario (no JMH): {@code java -cp
 * benchmarks/target/benchmarks.jar capsim.bench.StateBenchmark [library/explore dir]}.
 *
 * <p>Search speed, warm, in states per second of the searching thread's own CPU time (JIT and GC threads
 * excluded, so a loaded machine skews it little): {@code java -cp benchmarks/target/benchmarks.jar
 * capsim.bench.StateBenchmark search FILE [runs] [--no-symmetry]}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StateBenchmark {
    @Param({"transfer-5x2", "seed001-revised"})
    public String scenario;

    Kernel state;
    final CanonicalState canonical = new CanonicalState();

    @Setup
    public void load() throws ScenarioException {
        Path file = Path.of(System.getProperty("capsim.library", "scenarios/library/explore"), scenario + ".scn");
        List<Kernel> states = reached(Explorable.load(file), 8);
        state = states.get(states.size() - 1);
    }

    /** The states a search of {@code depth} steps reaches (its first states when it breaks or stops early). */
    static List<Kernel> reached(Explorable e, int depth) {
        List<Kernel> states = new ArrayList<>();
        new Explorer(e.model(), new Explorer.Options(depth, 1, Runtime.getRuntime().maxMemory() / 2, true, false), null)
                .onNewState((k, pcs) -> states.add(k))
                .run();
        return states;
    }

    @Benchmark
    public Kernel copy() {
        return state.copy();
    }

    @Benchmark
    public long fingerprint() {
        return canonical.fingerprint(state);
    }

    @Benchmark
    public byte[] encode() {
        return canonical.encode(state);
    }

    /** Bytes per state (packed and as ints) over the states a depth-8 search reaches, per library scenario. */
    public static void main(String[] args) throws IOException, ScenarioException {
        if (args.length > 0 && args[0].equals("search")) {
            search(Path.of(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 5, List.of(args).contains("--no-symmetry"));
            return;
        }
        Path dir = Path.of(args.length > 0 ? args[0] : "scenarios/library/explore");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
        CanonicalState c = new CanonicalState();
        System.out.printf("%-28s %8s %12s %12s %12s%n", "scenario", "states", "packed B", "ints x4 B", "max packed");
        for (Path f : files) {
            List<Kernel> states = reached(Explorable.load(f), 8);
            long packed = 0;
            long ints = 0;
            int max = 0;
            for (Kernel k : states) {
                int n = c.encode(k).length;
                packed += n;
                ints += 4L * c.lastInts();
                max = Math.max(max, n);
            }
            System.out.printf("%-28s %8d %12.1f %12.1f %12d%n", f.getFileName(), states.size(),
                    (double) packed / states.size(), (double) ints / states.size(), max);
        }
    }

    /** Runs one search {@code runs} times on this thread and prints each run's states per thread-CPU second. */
    static void search(Path file, int runs, boolean noSymmetry) throws ScenarioException {
        Explorable e = Explorable.load(file);
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= runs; run++) {
            long cpu = mx.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            Explorer.Result r = new Explorer(e.model(), new Explorer.Options(10_000, 1, Runtime.getRuntime().maxMemory() / 2,
                    !noSymmetry, false), null).run();
            double cpuS = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
            double wallS = (System.nanoTime() - wall) / 1e9;
            System.out.printf("run %d: %s %,d states %,d steps, thread cpu %.2f s (%,.0f states/s, %,.0f steps/s), wall %.2f s%n", run,
                    r.getClass().getSimpleName(), r.stats().states(), r.stats().transitions(), cpuS, r.stats().states() / cpuS,
                    r.stats().transitions() / cpuS, wallS);
        }
    }
}
