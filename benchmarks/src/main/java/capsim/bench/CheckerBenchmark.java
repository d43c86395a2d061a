package capsim.bench;

import capsim.kernel.check.CheckProgress;
import capsim.kernel.check.Checker;
import capsim.kernel.check.Invariant;
import capsim.kernel.check.Invariants;
import capsim.kernel.variant.Variant;
import capsim.kernel.variant.Variants;
import capsim.personality.Personalities;
import capsim.personality.Personality;
import capsim.personality.PersonalityChecker;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the property checker costs: random steps checked per second. Each invocation is one batch of random
 * runs (a fresh seed each time, so the JIT cannot learn one run); the {@code steps} counter turns the
 * throughput into steps/s, the figure {@code capsim check} prints.
 *
 * <p>{@code variant}: a core variant with {@code invariants} = {@code all}, {@code none}, or one invariant's
 * name alone, so the cost of each is visible. {@code personality}: a personality with its own and the core
 * invariants. Run with {@code benchmarks/run CheckerBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CheckerBenchmark {

    /** Steps checked in the measured invocations; JMH reports it per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Steps {
        public long steps;

        @Setup(Level.Iteration)
        public void clear() {
            steps = 0;
        }
    }

    @State(Scope.Thread)
    public static class Core {
        @Param({"revised"})
        public String variant;

        @Param({"all", "none", "authority-confinement", "no-disclosure", "frame-exclusivity", "storage-accounting",
                "revocation", "message-conservation", "activation", "bounded-kernel-work", "determinism"})
        public String invariants;

        Variant v;
        List<Invariant> checked;
        long seed;

        @Setup(Level.Trial)
        public void setUp() {
            v = Variants.byName(variant).orElseThrow(() -> new IllegalArgumentException("no variant " + variant));
            checked = switch (invariants) {
                case "all" -> Invariants.all();
                case "none" -> List.of();
                default -> List.of(Invariants.byName(invariants)
                        .orElseThrow(() -> new IllegalArgumentException("no invariant " + invariants)));
            };
        }
    }

    @State(Scope.Thread)
    public static class Design {
        @Param({"caps", "lwkt", "mach", "cluster"})
        public String personality;

        Personality<?> p;
        long seed;

        @Setup(Level.Trial)
        public void setUp() {
            p = Personalities.byName(personality).orElseThrow(() -> new IllegalArgumentException("no personality " + personality));
        }
    }

    /** Ten runs of 30 steps (the checker's default depth) on a core variant. */
    @Benchmark
    public long variant(Core c, Steps counter) {
        Checker.Result r = Checker.run(c.v, Checker.Options.of(10, ++c.seed, 30), c.checked, CheckProgress.none());
        if (!r.held()) {
            throw new IllegalStateException(c.variant + " broke " + r.counterexample().invariant() + " at seed " + c.seed);
        }
        counter.steps += r.steps();
        return r.steps();
    }

    /** Ten runs of 40 steps on a personality, its invariants and the core ones after every step. */
    @Benchmark
    public long personality(Design d, Steps counter) {
        PersonalityChecker.Result r = PersonalityChecker.run(d.p, 10, ++d.seed, 40, List.of(), (done, total, steps) -> { });
        if (!r.held()) {
            throw new IllegalStateException(d.personality + " broke an invariant at seed " + d.seed);
        }
        counter.steps += r.steps();
        return r.steps();
    }
}
