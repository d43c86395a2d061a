package capsim.personality;

import capsim.kernel.check.CheckProgress;
import capsim.kernel.check.Checker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The property checker for personalities: from one seed, random runs (the personality's setup, then random
 * steps drawn from the current world), every chosen invariant checked after every step; the first break is
 * shrunk by delta debugging over the steps to a short list that replays to the same break.
 */
public final class PersonalityChecker {

    /** A shrunk failing run: its steps as scenario lines, what each returned, and what broke at the last. */
    public record Counterexample(String invariant, String message, List<String> steps, List<String> outcomes,
                                 int originalSteps, long trySeed) {
    }

    /**
     * What a check did: runs, steps, how often each outcome word came up (the generator's coverage), and the
     * counterexample (null when every invariant held).
     */
    public record Result(String personality, long seed, int tries, long steps, double seconds,
                         Map<String, Long> outcomes, Counterexample counterexample) {
        public boolean held() {
            return counterexample == null;
        }
    }

    private PersonalityChecker() {
    }

    /** Checks {@code invariants} (names; empty: all of the design's and the core ones) over random runs. */
    public static <W extends World<W>> Result run(Personality<W> p, int tries, long seed, int depth,
                                                   List<String> invariants, CheckProgress progress) {
        if (tries < 1 || depth < 1) {
            throw new IllegalArgumentException("tries and depth must be at least 1");
        }
        List<String> names = invariants.isEmpty() ? Personalities.invariantNames(p) : List.copyOf(invariants);
        long start = System.nanoTime();
        SplittableRandom seeds = new SplittableRandom(seed);
        Map<String, Long> outcomes = new TreeMap<>();
        long steps = 0;
        for (int i = 0; i < tries; i++) {
            long trySeed = seeds.nextLong();
            SplittableRandom rnd = new SplittableRandom(trySeed);
            Session<W> s = new Session<>(p, p.newWorld(), names);
            List<PersonalityAction<W>> done = new ArrayList<>();
            String broken = null;
            String message = null;
            List<PersonalityAction<W>> setup = p.randomSetup(rnd);
            int length = setup.size() + depth;
            for (int k = 0; k < length && broken == null; k++) {
                PersonalityAction<W> a = k < setup.size() ? setup.get(k) : p.randomStep(s.world(), rnd);
                done.add(a);
                Session.Step r = s.step(a);
                outcomes.merge(r.outcome(), 1L, Long::sum);
                if (!r.violations().isEmpty()) {
                    broken = r.violations().get(0).invariant();
                    message = r.violations().get(0).message();
                }
                if (progress != null) {
                    progress.stepped(i + 1, k + 1, length);
                }
            }
            steps += done.size();
            if (progress != null) {
                progress.tried(i + 1, tries, steps);
            }
            if (broken != null) {
                Counterexample ce = shrink(p, done, broken, message, trySeed);
                return new Result(p.name(), seed, i + 1, steps, (System.nanoTime() - start) / 1e9, outcomes, ce);
            }
        }
        return new Result(p.name(), seed, tries, steps, (System.nanoTime() - start) / 1e9, outcomes, null);
    }

    /** The index of the step at which {@code invariant} breaks when {@code actions} replay from an empty world, or -1. */
    static <W extends World<W>> int breaksAt(Personality<W> p, List<PersonalityAction<W>> actions, String invariant) {
        Session<W> s = new Session<>(p, p.newWorld(), invariant.equals(Session.NO_CRASH) ? List.of() : List.of(invariant));
        for (int i = 0; i < actions.size(); i++) {
            for (var v : s.step(actions.get(i)).violations()) {
                if (v.invariant().equals(invariant)) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static <W extends World<W>> Counterexample shrink(Personality<W> p, List<PersonalityAction<W>> actions, String inv,
                                                              String message, long trySeed) {
        Predicate<List<PersonalityAction<W>>> fails = as -> breaksAt(p, as, inv) >= 0;
        List<PersonalityAction<W>> small = actions;
        if (fails.test(actions)) {
            small = Checker.ddmin(actions, fails);
            small = new ArrayList<>(small.subList(0, breaksAt(p, small, inv) + 1));
        }
        Session<W> s = new Session<>(p, p.newWorld(), inv.equals(Session.NO_CRASH) ? List.of() : List.of(inv));
        List<String> lines = new ArrayList<>();
        List<String> outs = new ArrayList<>();
        String last = message;
        for (PersonalityAction<W> a : small) {
            Session.Step r = s.step(a);
            lines.add(a.text());
            outs.add(r.outcome());
            for (var v : r.violations()) {
                if (v.invariant().equals(inv)) {
                    last = v.message();
                }
            }
        }
        return new Counterexample(inv, last, lines, outs, actions.size(), trySeed);
    }
}
