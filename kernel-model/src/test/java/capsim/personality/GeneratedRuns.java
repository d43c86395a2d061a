package capsim.personality;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Short random runs of a design, step by step through a session checking every invariant, tallied by the
 * step's kind (the verb of its scenario line) and outcome: what a design's generator proposes and what the
 * design makes of it. Fast enough for mutation testing, unlike the long *CheckerTest runs.
 */
public final class GeneratedRuns {
    /** Outcome counts by step kind, the invariants broken (as "invariant: message"), and every step's text per run. */
    public record Tally(Map<String, Map<String, Long>> byKind, Map<String, Long> accepted, List<String> broken,
                        List<List<String>> texts, long steps) {
        /** How many steps ended with {@code outcome}, over every kind. */
        public long count(String outcome) {
            return byKind.values().stream().mapToLong(m -> m.getOrDefault(outcome, 0L)).sum();
        }

        /** The outcomes seen for steps of {@code kind} (empty when never proposed). */
        public Map<String, Long> of(String kind) {
            return byKind.getOrDefault(kind, Map.of());
        }

        /** How many steps of {@code kind} were proposed. */
        public long proposed(String kind) {
            return of(kind).values().stream().mapToLong(Long::longValue).sum();
        }

        /** The share (0..1) of the steps of {@code kind} the design ran rather than refused. */
        public double acceptedShare(String kind) {
            long n = proposed(kind);
            return n == 0 ? 0 : (double) accepted.getOrDefault(kind, 0L) / n;
        }
    }

    private GeneratedRuns() {
    }

    /**
     * {@code tries} runs of the design's setup and {@code depth} random steps, from {@code seed}. A step's kind
     * is the word of its text that {@code kindOf} picks (e.g. the second word of "client put conn ...").
     */
    public static <W extends World<W>> Tally run(Personality<W> p, long seed, int tries, int depth,
                                                 java.util.function.Function<String, String> kindOf) {
        SplittableRandom seeds = new SplittableRandom(seed);
        Map<String, Map<String, Long>> byKind = new TreeMap<>();
        Map<String, Long> accepted = new TreeMap<>();
        List<String> broken = new ArrayList<>();
        List<List<String>> texts = new ArrayList<>();
        long steps = 0;
        for (int t = 0; t < tries; t++) {
            SplittableRandom rnd = new SplittableRandom(seeds.nextLong());
            Session<W> s = Session.checkingAll(p, p.newWorld());
            List<String> run = new ArrayList<>();
            List<PersonalityAction<W>> setup = p.randomSetup(rnd);
            for (int k = 0; k < setup.size() + depth; k++) {
                PersonalityAction<W> a = k < setup.size() ? setup.get(k) : p.randomStep(s.world(), rnd);
                Session.Step r = s.step(a);
                run.add(a.text());
                steps++;
                String kind = kindOf.apply(a.text());
                byKind.computeIfAbsent(kind, x -> new TreeMap<>()).merge(r.outcome(), 1L, Long::sum);
                accepted.merge(kind, r.refused() ? 0L : 1L, Long::sum);
                r.violations().forEach(v -> broken.add(v.invariant() + ": " + v.message() + " after '" + a.text() + "'"));
            }
            texts.add(run);
        }
        return new Tally(byKind, accepted, broken, texts, steps);
    }

    /** The {@code n}-th word (0-based) of a step's text, or the whole text when it has fewer. */
    public static String word(String text, int n) {
        String[] w = text.trim().split("\\s+");
        return n < w.length ? w[n] : text;
    }
}
