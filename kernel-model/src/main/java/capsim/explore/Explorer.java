package capsim.explore;

import capsim.kernel.Action;
import capsim.kernel.Event;
import capsim.kernel.Kernel;
import capsim.kernel.KernelException;
import capsim.kernel.Outcome;
import capsim.kernel.check.Invariant;
import capsim.kernel.check.StepView;
import capsim.kernel.check.Violation;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exhaustive breadth-first exploration of every interleaving of a {@link Model}'s programs, level by
 * level, with the invariants checked after every step.
 *
 * <p>Determinism: a level is expanded in frontier order, each state's steps in program order (then the
 * kernel's own {@code resume}); workers expand chunks of a level in parallel, but their results are merged
 * into the visited set in that same order, so the states numbered, the frontier and the counterexample
 * are the same whatever the number of threads. The first violation in that order at the first level
 * that has one is a shortest counterexample.
 */
public final class Explorer {
    /** The implicit step of the kernel itself: continue the oldest preempted transfer. */
    public static final Step RESUME = new Step("kernel resume", new Action.Resume(), null);
    private static final String KERNEL = "kernel";
    private static final int CHUNK = 256;

    /**
     * @param maxDepth  steps from the initial state beyond which nothing is expanded
     * @param threads   workers expanding a level
     * @param maxMemory heap the search may use (bytes) before it stops as incomplete
     * @param symmetry  canonicalise interchangeable threads ({@link Model#symmetric()})
     * @param exact     keep whole canonical states instead of 64-bit fingerprints
     * @param depthFirst search depth first ({@link #run()}): memory is the visited set and one path, not a
     *                   frontier; the verdict is the same, but a counterexample is not necessarily the shortest
     */
    public record Options(int maxDepth, int threads, long maxMemory, boolean symmetry, boolean exact, boolean depthFirst) {
        public Options {
            if (maxDepth < 1 || threads < 1 || maxMemory < 1) {
                throw new IllegalArgumentException("depth, threads and memory must be at least 1");
            }
            if (depthFirst && threads > 1) {
                throw new IllegalArgumentException("a depth-first search runs on one thread (--threads is for breadth first)");
            }
        }

        /** Breadth first. */
        public Options(int maxDepth, int threads, long maxMemory, boolean symmetry, boolean exact) {
            this(maxDepth, threads, maxMemory, symmetry, exact, false);
        }
    }

    /** How far a search got: told about once per expanded group of states, for progress lines. */
    public interface SearchProgress {
        void report(Stats stats, long frontier);
    }

    /** One step of a path: the program that took it, the step, and its outcome word. */
    public record Taken(String program, Step step, String outcome) {
    }

    /**
     * Figures of a search. {@code omission} is the probability that a fingerprint collision hid a state
     * (TLC's optimistic estimate, states x (transitions - states) / 2^64; 0 with {@code --exact}).
     */
    public record Stats(long states, long transitions, int depth, double seconds, double cpuSeconds, long peakHeap,
                        long visitedBytes, double omission, boolean exact) {
        public double statesPerSecond() {
            return seconds > 0 ? states / seconds : 0;
        }

        /** States per second of CPU time used by the whole JVM during the search (GC and JIT included): a figure a loaded machine does not skew. */
        public double statesPerCpuSecond() {
            return cpuSeconds > 0 ? states / cpuSeconds : 0;
        }
    }

    /** How often a step was enabled, and how often it led to a state not seen before. */
    public record StepCount(String program, String step, long enabled, long fresh) {
    }

    /**
     * What the search exercised: each step's counts, and for each invariant the number of steps that did
     * what it constrains (0: the invariant held vacuously).
     */
    public record Coverage(List<StepCount> steps, Map<String, Long> invariantSteps) {
    }

    /** How a search ended. */
    public sealed interface Result permits Complete, Violated, Incomplete {
        Stats stats();

        Coverage coverage();
    }

    /** Every reachable state (within the depth bound) was explored; every invariant held. */
    public record Complete(Stats stats, Coverage coverage) implements Result {
    }

    /** An invariant broke; {@code path} is a shortest way there from the initial state. */
    public record Violated(Stats stats, Coverage coverage, String invariant, String message, List<Taken> path)
            implements Result {
    }

    /** The search stopped at a bound with states left unexplored: no verdict. */
    public record Incomplete(Stats stats, Coverage coverage, String reason) implements Result {
    }

    private record Node(Kernel kernel, int[] pcs, Trail trail) {
    }

    /** A successor found by a worker: a new-looking state, or a violation (state null). */
    private record Candidate(long fp, byte[] encoding, Node node, Violation violation) {
    }

    private final Model model;
    private final Options options;
    private final SearchProgress progress;
    private final List<Step> allSteps = new ArrayList<>();
    private final List<String> stepPrograms = new ArrayList<>();
    private final IdentityHashMap<Step, Integer> stepIndex = new IdentityHashMap<>();
    private final List<Worker> workers = new ArrayList<>();
    private final Symmetry symmetry;
    /** The invariants as checked: message-conservation in its one-step form when traces are forgotten. */
    private final List<Invariant> invariants;
    /** True when every invariant reads only the step's own events: stored states then keep no trace. */
    private final boolean forgetTraces;
    private VisitedSet visited;
    /** Told every new state in the order they are numbered (tests compare searches through it). */
    private java.util.function.BiConsumer<Kernel, int[]> onNewState;

    /** Invariants that read no event older than the step (or, for message-conservation, have an exact one-step form). */
    static final java.util.Set<String> STEP_LOCAL = java.util.Set.of("frame-exclusivity", "storage-accounting", "revocation",
            "bounded-kernel-work", "determinism", "message-conservation");

    public Explorer(Model model, Options options, SearchProgress progress) {
        this.model = model;
        this.options = options;
        this.progress = progress;
        // Coverage counts steps as the scenario wrote them: the copies a 'repeat' unrolls count as one.
        Map<String, Integer> byText = new java.util.HashMap<>();
        for (Program p : model.programs()) {
            for (int node = 0; node < p.size(); node++) {
                for (Program.Edge e : p.edges(node)) {
                    Integer i = byText.get(p.name() + "\0" + e.step().text());
                    if (i == null) {
                        i = allSteps.size();
                        byText.put(p.name() + "\0" + e.step().text(), i);
                        allSteps.add(e.step());
                        stepPrograms.add(p.name());
                    }
                    stepIndex.put(e.step(), i);
                }
            }
        }
        stepIndex.put(RESUME, allSteps.size());
        allSteps.add(RESUME);
        stepPrograms.add(KERNEL);
        this.forgetTraces = model.invariants().stream().allMatch(i -> STEP_LOCAL.contains(i.name()));
        this.invariants = model.invariants().stream()
                .map(i -> forgetTraces && i.name().equals("message-conservation") ? new StepwiseConservation() : i).toList();
        this.symmetry = options.symmetry() && !model.symmetric().isEmpty() ? new Symmetry(model) : null;
    }

    /** Per-thread scratch: an encoder and the coverage counts (merged when the search ends). */
    private final class Worker {
        final StateCodec codec = new StateCodec();
        final long[] enabled = new long[allSteps.size()];
        final long[] fresh = new long[allSteps.size()];
        final long[] relevant = new long[model.invariants().size()];
        long transitions;
        /** The last child an attempt made (a refused step leaves it as its parent was, so the next one reuses it). */
        Kernel lastChild;
    }

    private final ThreadLocal<Worker> worker = ThreadLocal.withInitial(() -> {
        Worker w = new Worker();
        synchronized (workers) {
            workers.add(w);
        }
        return w;
    });

    /** Tells {@code listener} every new state (its kernel and program counters), in the order they are numbered. */
    public Explorer onNewState(java.util.function.BiConsumer<Kernel, int[]> listener) {
        this.onNewState = listener;
        return this;
    }

    public Result run() {
        return options.depthFirst() ? runDepthFirst() : runBreadthFirst();
    }

    /** A fresh visited set and the root state both search orders start from. */
    private Kernel startSearch() {
        visited = options.exact() ? new ExactSet() : new FingerprintSet(1 << 16);
        Kernel root = model.initial().copy();
        if (forgetTraces) {
            root.trace().clear();
        }
        return root;
    }

    /**
     * Depth first, as Spin's default search: a stack of the successors still to visit of each state on the
     * current path (at most the branching of the model per level), and the visited set. Every reachable
     * state is visited and every step out of it checked, so the verdict is the breadth-first one; the
     * violation found first is on the current path, which need not be the shortest. A depth bound that cuts
     * a path makes the search incomplete (a state first seen deep may be reachable by a shorter path whose
     * continuation the bound would not have cut, so nothing is claimed).
     */
    private Result runDepthFirst() {
        long start = System.nanoTime();
        cpuStart = cpuNanos();
        Kernel root = startSearch();
        int[] pcs = model.startPcs();
        Worker w = worker.get();
        visited.add(fingerprint(w, root, pcs), encoding(w));
        if (onNewState != null) {
            onNewState.accept(root, pcs);
        }
        java.util.ArrayDeque<java.util.Iterator<Candidate>> stack = new java.util.ArrayDeque<>();
        int deepest = 0;
        long peak = liveHeap();
        long lastReport = System.nanoTime();
        long sinceCheck = 0;
        try {
            List<Candidate> first = new ArrayList<>();
            if (expand(new Node(root, pcs, Trail.START), w, first)) {
                return violated(first, start, 1, peak);
            }
            stack.push(first.iterator());
            while (!stack.isEmpty()) {
                java.util.Iterator<Candidate> top = stack.peek();
                if (!top.hasNext()) {
                    stack.pop();
                    continue;
                }
                Candidate c = top.next();
                if (!visited.add(c.fp(), c.encoding())) {
                    continue;
                }
                if (onNewState != null) {
                    onNewState.accept(c.node().kernel(), c.node().pcs());
                }
                int depth = c.node().trail().length();
                deepest = Math.max(deepest, depth);
                if (depth > options.maxDepth()) {
                    return new Incomplete(stats(start, deepest, peak), coverage(), "the depth bound (" + options.maxDepth()
                            + " steps) was reached with states still to explore");
                }
                List<Candidate> next = new ArrayList<>();
                if (expand(c.node(), w, next)) {
                    return violated(next, start, depth + 1, peak);
                }
                if (!next.isEmpty()) {
                    stack.push(next.iterator());
                }
                if (++sinceCheck == 4096) {
                    sinceCheck = 0;
                    long used = liveHeap();
                    peak = Math.max(peak, used);
                    if (visited.bytesAfterGrowth() > options.maxMemory() / 2 || used > options.maxMemory()) {
                        return new Incomplete(stats(start, deepest, peak), coverage(), "the memory bound ("
                                + size(options.maxMemory()) + ") was reached with states still to explore");
                    }
                    if (progress != null && System.nanoTime() - lastReport > 2_000_000_000L) {
                        lastReport = System.nanoTime();
                        progress.report(stats(start, deepest, peak), stack.size());
                    }
                }
            }
            return new Complete(stats(start, deepest, peak), coverage());
        } catch (OutOfMemoryError e) {
            stack.clear();
            return new Incomplete(stats(start, deepest, Runtime.getRuntime().maxMemory()), coverage(),
                    "the JVM's heap ran out before the memory bound (" + size(options.maxMemory()) + ") was seen; give it more (-Xmx) or a lower --max-memory");
        }
    }

    /** The violation an expansion ended with (its last candidate). */
    private Violated violated(List<Candidate> out, long start, int depth, long peak) {
        Candidate c = out.get(out.size() - 1);
        return new Violated(stats(start, depth, peak), coverage(), c.violation().invariant(), c.violation().message(),
                c.node().trail().steps());
    }

    private Result runBreadthFirst() {
        long start = System.nanoTime();
        cpuStart = cpuNanos();
        Kernel root = startSearch();
        int[] pcs = model.startPcs();
        Worker w0 = worker.get();
        long rootFp = fingerprint(w0, root, pcs);
        visited.add(rootFp, encoding(w0));
        List<Node> frontier = new ArrayList<>(List.of(new Node(root, pcs, Trail.START)));
        if (onNewState != null) {
            onNewState.accept(root, pcs);
        }
        long peak = liveHeap();
        int depth = 0;
        long lastReport = System.nanoTime();
        ExecutorService pool = options.threads() > 1 ? Executors.newFixedThreadPool(options.threads(), r -> {
            Thread t = new Thread(r, "capsim-explore");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            while (!frontier.isEmpty()) {
                boolean beyond = depth >= options.maxDepth();
                List<Node> next = new ArrayList<>();
                int group = CHUNK * options.threads() * 4;
                for (int g = 0; g < frontier.size(); g += group) {
                    List<List<Candidate>> results = expand(pool, frontier, g, Math.min(frontier.size(), g + group));
                    for (List<Candidate> chunk : results) {
                        for (Candidate c : chunk) {
                            if (c.violation() != null) {
                                Violation v = c.violation();
                                return new Violated(stats(start, depth + 1, peak), coverage(), v.invariant(), v.message(),
                                        c.node().trail().steps());
                            }
                            if (visited.add(c.fp(), c.encoding())) {
                                if (beyond) {
                                    return new Incomplete(stats(start, depth, peak), coverage(), "the depth bound (" + options.maxDepth()
                                            + " steps) was reached with states still to explore");
                                }
                                next.add(c.node());
                                if (onNewState != null) {
                                    onNewState.accept(c.node().kernel(), c.node().pcs());
                                }
                            }
                        }
                    }
                    for (int i = g; i < Math.min(frontier.size(), g + group); i++) {
                        frontier.set(i, null);
                    }
                    long used = liveHeap();
                    if (used > options.maxMemory()) {
                        // Old-generation garbage counts until a collection: collect once and judge what is left,
                        // stopping already at 90% so that the search does not collect again at every group.
                        System.gc();
                        used = liveHeap();
                        if (used > options.maxMemory() * 0.9) {
                            return new Incomplete(stats(start, depth, Math.max(peak, used)), coverage(), "the memory bound ("
                                    + size(options.maxMemory()) + ") was reached with states still to explore");
                        }
                    }
                    if (visited.bytesAfterGrowth() > options.maxMemory() / 2) {
                        return new Incomplete(stats(start, depth, Math.max(peak, used)), coverage(), "the memory bound ("
                                + size(options.maxMemory()) + ") was reached with states still to explore");
                    }
                    peak = Math.max(peak, used);
                    if (progress != null && System.nanoTime() - lastReport > 2_000_000_000L) {
                        lastReport = System.nanoTime();
                        progress.report(stats(start, depth, peak), frontier.size() - g - group + next.size());
                    }
                }
                frontier = next;
                if (!frontier.isEmpty()) {
                    depth++;
                }
            }
            return new Complete(stats(start, depth, peak), coverage());
        } catch (OutOfMemoryError e) {
            // The frontier is unreachable once we are out of the loop: there is room to report.
            return new Incomplete(stats(start, depth, Runtime.getRuntime().maxMemory()), coverage(),
                    "the JVM's heap ran out before the memory bound (" + size(options.maxMemory()) + ") was seen; give it more (-Xmx) or a lower --max-memory");
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private List<List<Candidate>> expand(ExecutorService pool, List<Node> frontier, int from, int to) {
        List<List<Candidate>> out = new ArrayList<>();
        if (pool == null) {
            for (int c = from; c < to; c += CHUNK) {
                out.add(expandChunk(frontier, c, Math.min(to, c + CHUNK)));
            }
            return out;
        }
        List<Future<List<Candidate>>> futures = new ArrayList<>();
        for (int c = from; c < to; c += CHUNK) {
            int a = c;
            int b = Math.min(to, c + CHUNK);
            futures.add(pool.submit(() -> expandChunk(frontier, a, b)));
        }
        try {
            for (Future<List<Candidate>> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    private List<Candidate> expandChunk(List<Node> frontier, int from, int to) {
        Worker w = worker.get();
        List<Candidate> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            if (expand(frontier.get(i), w, out)) {
                break;
            }
        }
        return out;
    }

    /** Adds the successors of {@code n} to {@code out}; true when one broke an invariant (the rest can wait). */
    private boolean expand(Node n, Worker w, List<Candidate> out) {
        Kernel spare = null;
        List<Program> programs = model.programs();
        for (int p = 0; p < programs.size(); p++) {
            for (Program.Edge e : programs.get(p).edges(n.pcs()[p])) {
                Attempt a = attempt(n, p, e.step(), e.next(), w, out, spare);
                if (a == Attempt.BROKE) {
                    return true;
                }
                spare = a == Attempt.REFUSED_UNCHANGED ? w.lastChild : null;
            }
        }
        if (!n.kernel().inProgress().isEmpty()) {
            return attempt(n, -1, RESUME, 0, w, out, spare) == Attempt.BROKE;
        }
        return false;
    }

    private enum Attempt { TAKEN, REFUSED_UNCHANGED, NOT_ENABLED, BROKE }

    private Attempt attempt(Node n, int p, Step step, int next, Worker w, List<Candidate> out, Kernel spare) {
        Kernel parent = n.kernel();
        Kernel child = spare != null ? spare : parent.copy();
        int eventsBefore = parent.trace().size();
        Object result = null;
        KernelException error = null;
        try {
            result = step.action().apply(child);
        } catch (KernelException e) {
            error = e;
        }
        if (step == RESUME && Boolean.FALSE.equals(result)) {
            return Attempt.NOT_ENABLED;
        }
        String outcome = error != null ? error.error().name() : result instanceof Outcome o ? o.name() : "ok";
        boolean enabled = step.guard() == null ? error == null : step.guard().equals(outcome);
        if (!enabled) {
            if (error != null && child.trace().size() == eventsBefore) {
                w.lastChild = child;
                return Attempt.REFUSED_UNCHANGED;
            }
            return Attempt.NOT_ENABLED;
        }
        int idx = stepIndex.get(step);
        w.enabled[idx]++;
        w.transitions++;
        int[] pcs = n.pcs();
        if (p >= 0 && pcs[p] != next) {
            pcs = pcs.clone();
            pcs[p] = next;
        }
        String program = p >= 0 ? model.programs().get(p).name() : KERNEL;
        StepView view = new StepView(model.initial(), parent, child, step.action(), result, error);
        int kinds = Relevance.kinds(child, eventsBefore);
        for (int i = 0; i < invariants.size(); i++) {
            Invariant inv = invariants.get(i);
            if (Relevance.of(inv.name(), kinds)) {
                w.relevant[i]++;
            }
            Violation v = inv.check(view);
            if (v != null) {
                out.add(new Candidate(0, null, new Node(child, pcs, n.trail().then(program, step, outcome)), v));
                return Attempt.BROKE;
            }
        }
        if (forgetTraces) {
            child.trace().clear();
        }
        long fp = fingerprint(w, child, pcs);
        byte[] enc = encoding(w);
        if (visited.contains(fp, enc)) {
            return Attempt.TAKEN;
        }
        w.fresh[idx]++;
        out.add(new Candidate(fp, enc, new Node(child, pcs, n.trail().then(program, step, outcome)), null));
        return Attempt.TAKEN;
    }

    private long fingerprint(Worker w, Kernel k, int[] pcs) {
        return symmetry == null ? w.codec.fingerprint(k, pcs, null) : symmetry.fingerprint(w.codec, k, pcs);
    }

    /** The canonical encoding just fingerprinted, when states are stored whole ({@code --exact}); else null. */
    private byte[] encoding(Worker w) {
        return options.exact() ? w.codec.packLast() : null;
    }

    private Stats stats(long start, int depth, long peak) {
        long transitions;
        synchronized (workers) {
            transitions = workers.stream().mapToLong(x -> x.transitions).sum();
        }
        long n = visited.size();
        double omission = visited.exact() ? 0 : (double) n * Math.max(0, transitions - n) / Math.pow(2, 64);
        return new Stats(n, transitions, depth, (System.nanoTime() - start) / 1e9, (cpuNanos() - cpuStart) / 1e9, peak,
                visited.bytes(), omission, visited.exact());
    }

    private Coverage coverage() {
        long[] enabled = new long[allSteps.size()];
        long[] fresh = new long[allSteps.size()];
        long[] relevant = new long[model.invariants().size()];
        synchronized (workers) {
            for (Worker w : workers) {
                for (int i = 0; i < enabled.length; i++) {
                    enabled[i] += w.enabled[i];
                    fresh[i] += w.fresh[i];
                }
                for (int i = 0; i < relevant.length; i++) {
                    relevant[i] += w.relevant[i];
                }
            }
        }
        List<StepCount> steps = new ArrayList<>();
        for (int i = 0; i < allSteps.size(); i++) {
            steps.add(new StepCount(stepPrograms.get(i), allSteps.get(i).text(), enabled[i], fresh[i]));
        }
        Map<String, Long> inv = new LinkedHashMap<>();
        for (int i = 0; i < relevant.length; i++) {
            inv.put(model.invariants().get(i).name(), relevant[i]);
        }
        return new Coverage(steps, inv);
    }

    private long cpuStart;

    private static String size(long bytes) {
        return bytes >= 1 << 20 ? bytes / (1 << 20) + " MiB" : bytes / 1024 + " KiB";
    }

    /** CPU time of the whole JVM so far, or 0 where the platform does not say. */
    private static long cpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? Math.max(0, os.getProcessCpuTime()) : 0;
    }

    /** The heap in use outside the young generation's eden (where most garbage is): an upper bound of live data. */
    private static long liveHeap() {
        long used = 0;
        boolean known = false;
        for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && !pool.getName().contains("Eden")) {
                used += pool.getUsage().getUsed();
                known = true;
            }
        }
        if (known) {
            return used;
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Which steps an invariant is about: a step without such events cannot break it (it holds vacuously there). */
    static final class Relevance {
        private static final int ANY = 1;
        private static final int HANDOFF = 2;
        private static final int MESSAGE = 4;
        private static final int DELIVERY = 8;

        private Relevance() {
        }

        /** The kinds of the events the step recorded (one pass for all invariants). */
        static int kinds(Kernel after, int from) {
            int kinds = 0;
            for (int i = from; i < after.trace().size(); i++) {
                Event e = after.trace().get(i);
                kinds |= ANY;
                if (e instanceof Event.FrameHandedOff) {
                    kinds |= HANDOFF;
                } else if (e instanceof Event.Delivered) {
                    kinds |= MESSAGE | DELIVERY;
                } else if (e instanceof Event.Sent || e instanceof Event.SenderFailed || e instanceof Event.MessageWithdrawn) {
                    kinds |= MESSAGE;
                }
            }
            return kinds;
        }

        static boolean of(String invariant, int kinds) {
            int needed = switch (invariant) {
                case "frame-exclusivity" -> HANDOFF;
                case "message-conservation" -> MESSAGE;
                case "activation" -> DELIVERY;
                default -> ANY;
            };
            return (kinds & needed) != 0;
        }
    }
}
