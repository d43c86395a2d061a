package capsim.kernel.check;

import capsim.kernel.Action;
import capsim.kernel.Activity;
import capsim.kernel.CapPage;
import capsim.kernel.Event;
import capsim.kernel.Frame;
import capsim.kernel.Kernel;
import capsim.kernel.KernelError;
import capsim.kernel.KernelException;
import capsim.kernel.KernelObject;
import capsim.kernel.MessageBuffer;
import capsim.kernel.Outcome;
import capsim.kernel.Spec;
import capsim.kernel.variant.Variant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * capsim's property checker: from one seed, random worlds and random step sequences by several threads,
 * every invariant checked after every step; a break is shrunk (delta debugging over the steps, then over
 * the initial state, then over message sizes) to a small counterexample that replays exactly.
 */
public final class Checker {

    /** {@code ./capsim check}'s default number of tries. */
    public static final int DEFAULT_TRIES = 200;
    /** {@code ./capsim check}'s default seed. */
    public static final long DEFAULT_SEED = 1;
    /** {@code ./capsim check}'s default steps per try. */
    public static final int DEFAULT_DEPTH = 30;

    /** How much to try. {@code depth} is the number of steps per try. */
    public record Options(int tries, long seed, int depth, int workBound) {
        public Options {
            if (tries < 1 || depth < 1) {
                throw new IllegalArgumentException("tries and depth must be at least 1");
            }
            if (workBound < Kernel.MIN_WORK_BOUND) {
                throw new IllegalArgumentException("the work bound must be at least " + Kernel.MIN_WORK_BOUND);
            }
        }

        public static Options of(int tries, long seed, int depth) {
            return new Options(tries, seed, depth, Kernel.DEFAULT_WORK_BOUND);
        }

        /** What {@code ./capsim check --variant V} runs with no other option. */
        public static Options defaults() {
            return of(DEFAULT_TRIES, DEFAULT_SEED, DEFAULT_DEPTH);
        }
    }

    /** A shrunk failing run: the state, the steps, what each step returned, and what broke at the last one. */
    public record Counterexample(String invariant, String message, Spec spec, Map<String, Integer> names,
                                 List<Action> actions, List<String> outcomes, int originalSteps, long trySeed) {
    }

    /**
     * The result of a check: how much ran, how often the interesting states were reached, which invariant
     * broke (null when none did) and its counterexample.
     */
    public record Result(String variant, long seed, int tries, long steps, double seconds,
                         Map<String, Long> reached, Counterexample counterexample) {
        public boolean held() {
            return counterexample == null;
        }

        /** Random steps checked per second, every invariant on. */
        public double stepsPerSecond() {
            return seconds > 0 ? steps / seconds : 0;
        }
    }

    /** The interesting states, in report order. */
    public static final List<String> REACH = List.of("blocked target (ENQUEUED)", "receiver waiting", "differing cap counts",
            "read-only path (weak cap moved)", "exhausted quota (ENOMEM)", "destroyed target with waiters (EFAULT)",
            "preemption", "frame hand-off", "activation pending", "refused step",
            "quota reached exactly (own activity)", "quota reached exactly (ancestor)", "ENOMEM at an ancestor's quota",
            "multi-page step at an ancestor's limit", "activity holding more than B objects",
            "destruction of more than B objects", "full message page (1022 cap addresses)",
            "deep activity tree (depth >= 4)", "full capability page (256 slots)", "kinds of refusal (operation x error)");

    private Checker() {
    }

    /** Runs the property suite against {@code variant}; stops at the first break and shrinks it. */
    public static Result run(Variant variant, Options o, CheckProgress progress) {
        return run(variant, o, Invariants.all(), progress);
    }

    /** Like {@link #run(Variant, Options, CheckProgress)} with a chosen set of invariants. */
    public static Result run(Variant variant, Options o, List<Invariant> invariants, CheckProgress progress) {
        long start = System.nanoTime();
        SplittableRandom seeds = new SplittableRandom(o.seed());
        Map<String, Long> reached = new LinkedHashMap<>();
        for (String r : REACH) {
            reached.put(r, 0L);
        }
        long steps = 0;
        Set<String> refusals = new HashSet<>();
        for (int i = 0; i < o.tries(); i++) {
            long trySeed = seeds.nextLong();
            Try t = runTry(variant, o, trySeed, invariants, reached, refusals);
            reached.put("kinds of refusal (operation x error)", (long) refusals.size());
            steps += t.actions.size();
            progress.tried(i + 1, o.tries(), steps);
            if (t.broken != null) {
                Counterexample ce = shrink(variant, o.workBound(), t.spec, t.actions, t.broken, trySeed);
                return new Result(variant.name(), o.seed(), i + 1, steps, (System.nanoTime() - start) / 1e9, reached, ce);
            }
        }
        return new Result(variant.name(), o.seed(), o.tries(), steps, (System.nanoTime() - start) / 1e9, reached, null);
    }

    private record Try(Spec spec, List<Action> actions, Violation broken) {
    }

    private static Try runTry(Variant variant, Options o, long trySeed, List<Invariant> invariants, Map<String, Long> reached,
                              Set<String> refusals) {
        SplittableRandom rnd = new SplittableRandom(trySeed);
        Generator g = new Generator(rnd, variant, o.workBound());
        Spec spec = g.world();
        Kernel k = new Kernel(variant, o.workBound(), 0);
        spec.build(k);
        List<Integer> threads = Generator.threads(k);
        countWorld(reached, k);
        Monitor m = new Monitor(k, invariants);
        List<Action> actions = new ArrayList<>();
        for (int s = 0; s < o.depth(); s++) {
            Action a = g.step(m.kernel(), threads);
            actions.add(a);
            StepResult r = m.step(a);
            count(reached, m.before(), m.kernel(), a, r, refusals);
            if (r.broke()) {
                return new Try(spec, actions, r.violations().get(0));
            }
        }
        return new Try(spec, actions, null);
    }

    /** Boundaries a world has from the start: a hoard of more than B objects, a deep activity tree. */
    private static void countWorld(Map<String, Long> reached, Kernel k) {
        int deepest = 0;
        boolean hoard = false;
        boolean fullPage = false;
        for (int oid = 0; oid < k.heap().highWater(); oid++) {
            if (k.heap().get(oid) instanceof Activity a) {
                deepest = Math.max(deepest, depth(k, a));
                hoard |= a.parent() != KernelObject.NO_OID && a.usage() > k.workBound();
            } else if (!fullPage && k.heap().get(oid) instanceof CapPage p) {
                fullPage = true;
                for (int i = 0; i < CapPage.SLOTS && fullPage; i++) {
                    fullPage = k.designates(p.slot(i));
                }
            }
        }
        if (fullPage) {
            bump(reached, "full capability page (256 slots)");
        }
        if (hoard) {
            bump(reached, "activity holding more than B objects");
        }
        if (deepest >= 4) {
            bump(reached, "deep activity tree (depth >= 4)");
        }
    }

    /** Activities from the root to {@code a}: the root is at depth 1. */
    private static int depth(Kernel k, Activity a) {
        int d = 1;
        for (int p = a.parent(); p != KernelObject.NO_OID && k.heap().get(p) instanceof Activity x; p = x.parent()) {
            d++;
        }
        return d;
    }

    private static void count(Map<String, Long> reached, Kernel before, Kernel after, Action a, StepResult r, Set<String> refusals) {
        if (r.error() != null) {
            bump(reached, "refused step");
            refusals.add(a.getClass().getSimpleName() + " " + r.error().error());
            if (r.error().error() == KernelError.ENOMEM) {
                bump(reached, "exhausted quota (ENOMEM)");
                String why = r.error().getMessage();
                if (why.contains("ancestor") || why.contains("more pages")) {
                    bump(reached, "ENOMEM at an ancestor's quota");
                }
                if (why.contains("more pages")) {
                    bump(reached, "multi-page step at an ancestor's limit");
                }
            }
            return;
        }
        if (a instanceof Action.WriteMessage w && w.caps().length == Generator.FULL_PAGE) {
            bump(reached, "full message page (1022 cap addresses)");
        }
        countQuotas(reached, before, after);
        if (r.result() == Outcome.ENQUEUED) {
            bump(reached, "blocked target (ENQUEUED)");
        }
        if (r.result() == Outcome.WAITING) {
            bump(reached, "receiver waiting");
        }
        List<Event> events = after.trace().events();
        for (int i = before.trace().size(); i < events.size(); i++) {
            switch (events.get(i)) {
                case Event.SenderFailed f when f.reason() == KernelError.EFAULT -> bump(reached, "destroyed target with waiters (EFAULT)");
                case Event.Preempted p -> bump(reached, "preemption");
                case Event.FrameHandedOff h -> bump(reached, "frame hand-off");
                case Event.ActivationPending p -> bump(reached, "activation pending");
                case Event.CapTransferred c when !c.cap().isVoid() && !c.cap().rights().write() ->
                        bump(reached, "read-only path (weak cap moved)");
                case Event.DestructionPreempted d -> bump(reached, "destruction of more than B objects");
                case Event.TransferStarted t -> {
                    int sc = capCount(before, t.source());
                    int tc = capCount(before, t.target());
                    if (sc != tc) {
                        bump(reached, "differing cap counts");
                    }
                }
                default -> {
                }
            }
        }
    }

    /** Activities whose usage grew to exactly their quota in this step, by whether they are someone's ancestor. */
    private static void countQuotas(Map<String, Long> reached, Kernel before, Kernel after) {
        int freed = 0;
        List<Event> events = after.trace().events();
        for (int i = before.trace().size(); i < events.size(); i++) {
            if (events.get(i) instanceof Event.Freed) {
                freed++;
            }
        }
        if (freed > after.workBound()) {
            bump(reached, "destruction of more than B objects");
        }
        for (int oid = 0; oid < after.heap().highWater(); oid++) {
            if (after.heap().get(oid) instanceof Activity x && x.quota() > 0 && x.usage() == x.quota()
                    && before.heap().get(oid) instanceof Activity was && was.usage() < x.usage()) {
                bump(reached, x.children().isEmpty() ? "quota reached exactly (own activity)" : "quota reached exactly (ancestor)");
            }
        }
    }

    private static int capCount(Kernel k, int buffer) {
        return k.heap().get(buffer) instanceof MessageBuffer b && k.heap().lookup(b.payload()) instanceof Frame f ? f.capCount() : 0;
    }

    private static void bump(Map<String, Long> m, String key) {
        m.merge(key, 1L, Long::sum);
    }

    // ------------------------------------------------------------------ replay and shrinking

    /** The step at which {@code invariant} breaks when replaying, or -1. */
    static int breaksAt(Variant variant, int workBound, Spec spec, List<Action> actions, String invariant) {
        Kernel k = new Kernel(variant, workBound, 0);
        try {
            spec.build(k);
        } catch (KernelException | IllegalArgumentException e) {
            return -1;
        }
        Invariant inv = Invariants.byName(invariant).orElseThrow();
        Monitor m = new Monitor(k, List.of(inv));
        for (int i = 0; i < actions.size(); i++) {
            if (m.step(actions.get(i)).broke()) {
                return i;
            }
        }
        return -1;
    }

    static Counterexample shrink(Variant variant, int workBound, Spec spec, List<Action> actions, Violation broken, long trySeed) {
        String inv = broken.invariant();
        Predicate<List<Action>> failsWith = as -> breaksAt(variant, workBound, spec, as, inv) >= 0;
        List<Action> steps = ddmin(actions, failsWith);
        // Drop what follows the break.
        steps = new ArrayList<>(steps.subList(0, breaksAt(variant, workBound, spec, steps, inv) + 1));
        // Then the initial state, as ddmin does for steps: drop every declaration (object, slot, quota) the
        // break does not need. Dropping an object moves the oids after it, so steps are re-aimed by thread name.
        Shrunk state = shrinkState(variant, workBound, spec, steps, inv);
        Spec small = state.spec();
        steps = new ArrayList<>(state.steps());
        // Then the values: fewer capability addresses and bytes in written messages.
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) instanceof Action.WriteMessage w) {
                int[] caps = w.caps();
                byte[] bytes = w.bytes();
                while (caps.length > 1) {
                    int[] half = java.util.Arrays.copyOf(caps, caps.length / 2);
                    if (!tryReplace(variant, workBound, small, steps, i, new Action.WriteMessage(w.thread(), w.buffer(), half, bytes), inv)) {
                        break;
                    }
                    caps = half;
                }
                if (bytes.length > 0 && tryReplace(variant, workBound, small, steps, i,
                        new Action.WriteMessage(w.thread(), w.buffer(), caps, new byte[0]), inv)) {
                    bytes = new byte[0];
                }
                steps.set(i, new Action.WriteMessage(w.thread(), w.buffer(), caps, bytes));
            }
        }
        Kernel k = new Kernel(variant, workBound, 0);
        Map<String, Integer> names = small.build(k);
        Monitor m = new Monitor(k, List.of(Invariants.byName(inv).orElseThrow()));
        List<String> outcomes = new ArrayList<>();
        Violation last = broken;
        for (Action a : steps) {
            StepResult r = m.step(a);
            outcomes.add(outcomeWord(r));
            if (r.broke()) {
                last = r.violations().get(0);
            }
        }
        return new Counterexample(inv, last.message(), small, names, List.copyOf(steps), outcomes, actions.size(), trySeed);
    }

    private record Shrunk(Spec spec, List<Action> steps) {
    }

    /** The names a spec declares, with their oids, or null when it does not build. */
    private static Map<String, Integer> names(Variant variant, int workBound, Spec spec) {
        try {
            return spec.build(new Kernel(variant, workBound, 0));
        } catch (KernelException | IllegalArgumentException e) {
            return null;
        }
    }

    /** {@code steps} with each invoking thread re-aimed from its oid under {@code from} to the same name under {@code to}. */
    private static List<Action> reaim(List<Action> steps, Map<Integer, String> from, Map<String, Integer> to) {
        List<Action> out = new ArrayList<>(steps.size());
        for (Action a : steps) {
            if (a instanceof Action.Resume) {
                out.add(a);
                continue;
            }
            String name = from.get(a.thread());
            Integer oid = name == null ? null : to.get(name);
            if (oid == null) {
                return null;
            }
            out.add(oid == a.thread() ? a : withThread(a, oid));
        }
        return out;
    }

    /** ddmin over the declarations, then each activity without its quota and then flattened to the top. */
    private static Shrunk shrinkState(Variant variant, int workBound, Spec spec, List<Action> steps, String inv) {
        Map<Integer, String> nameOf = new java.util.HashMap<>();
        Map<String, Integer> original = names(variant, workBound, spec);
        if (original == null) {
            return new Shrunk(spec, steps);
        }
        original.forEach((name, oid) -> nameOf.put(oid, name));
        java.util.function.Function<List<Spec.Decl>, List<Action>> aimed = ds -> {
            Map<String, Integer> n = names(variant, workBound, new Spec(ds));
            return n == null ? null : reaim(steps, nameOf, n);
        };
        Predicate<List<Spec.Decl>> fails = ds -> {
            List<Action> as = aimed.apply(ds);
            return as != null && breaksAt(variant, workBound, new Spec(ds), as, inv) >= 0;
        };
        List<Spec.Decl> decls = ddmin(spec.decls(), fails);
        boolean simplified = false;
        for (int i = 0; i < decls.size(); i++) {
            if (!(decls.get(i) instanceof Spec.ActivityDecl)) {
                continue;
            }
            for (int k = 0; k < 2; k++) {
                Spec.ActivityDecl a = (Spec.ActivityDecl) decls.get(i);
                Spec.ActivityDecl simpler = k == 0 ? new Spec.ActivityDecl(a.name(), a.parent(), 0)
                        : new Spec.ActivityDecl(a.name(), null, a.quota());
                if (simpler.equals(a)) {
                    continue;
                }
                List<Spec.Decl> candidate = new ArrayList<>(decls);
                candidate.set(i, simpler);
                if (fails.test(candidate)) {
                    decls = candidate;
                    simplified = true;
                }
            }
        }
        if (simplified) {
            // A quota or a parent gone may leave declarations nothing needs any more.
            decls = ddmin(decls, fails);
        }
        List<Action> as = aimed.apply(decls);
        return as == null ? new Shrunk(spec, steps) : new Shrunk(new Spec(decls), as);
    }

    /** {@code a} invoked by thread {@code t}. */
    private static Action withThread(Action a, int t) {
        return a.withThread(t);
    }

    private static boolean tryReplace(Variant v, int bound, Spec spec, List<Action> steps, int i, Action with, String inv) {
        List<Action> copy = new ArrayList<>(steps);
        copy.set(i, with);
        return breaksAt(v, bound, spec, copy, inv) >= 0;
    }

    static String outcomeWord(StepResult r) {
        if (r.error() != null) {
            return r.error().error().name();
        }
        return r.result() instanceof Outcome o ? o.name() : "ok";
    }

    /** Delta debugging (Zeller's ddmin): a 1-minimal sublist of {@code items} that still fails. */
    public static <T> List<T> ddmin(List<T> items, Predicate<List<T>> fails) {
        List<T> current = new ArrayList<>(items);
        int n = 2;
        while (current.size() >= 2) {
            int chunk = (int) Math.ceil(current.size() / (double) n);
            boolean reduced = false;
            for (int start = 0; start < current.size(); start += chunk) {
                List<T> complement = new ArrayList<>(current.subList(0, start));
                complement.addAll(current.subList(Math.min(current.size(), start + chunk), current.size()));
                if (!complement.isEmpty() && fails.test(complement)) {
                    current = complement;
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (n >= current.size()) {
                    break;
                }
                n = Math.min(current.size(), n * 2);
            }
        }
        return current;
    }

}
