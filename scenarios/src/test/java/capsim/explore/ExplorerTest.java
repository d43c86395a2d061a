package capsim.explore;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.Kernel;
import capsim.kernel.KernelException;
import capsim.kernel.check.MessageConservation;
import capsim.kernel.check.StepView;
import capsim.scenario.Explorable;
import capsim.scenario.ScenarioException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/** The search engine: symmetry against the full permutation orbits, agreement of every variant of the search. */
class ExplorerTest {
    static final Path TRANSFER_3X2 = Paths.get("library", "explore", "transfer-3x2.scn");
    static final Path UNBOUNDED = Paths.get("src", "test", "resources", "explore", "unbounded.scn");
    static final long MEMORY = 1L << 30;

    static Explorer.Options depthFirst(boolean symmetry, boolean exact) {
        return new Explorer.Options(1000, 1, MEMORY, symmetry, exact, true);
    }

    /** Depth first reaches exactly the states breadth first does (without symmetry, kernel and counters alike). */
    @Test
    void depthFirstReachesTheSameStates() throws ScenarioException {
        Model m = Explorable.load(TRANSFER_3X2).model();
        StateCodec codec = new StateCodec();
        Set<String> bfs = new HashSet<>();
        Set<String> dfs = new HashSet<>();
        new Explorer(m, options(false, true, 1), null).onNewState((k, pcs) -> bfs.add(Arrays.toString(codec.encode(k, pcs, null)))).run();
        Explorer.Result r = new Explorer(m, depthFirst(false, true), null)
                .onNewState((k, pcs) -> dfs.add(Arrays.toString(codec.encode(k, pcs, null)))).run();
        assertThat(r).isInstanceOf(Explorer.Complete.class);
        assertThat(dfs).hasSize(1082).isEqualTo(bfs);
        // A bound below the deepest path: incomplete, never success.
        assertThat(new Explorer(m, new Explorer.Options(5, 1, MEMORY, false, false, true), null).run())
                .isInstanceOf(Explorer.Incomplete.class);
    }

    static Explorer.Options options(boolean symmetry, boolean exact, int threads) {
        return new Explorer.Options(1000, threads, MEMORY, symmetry, exact);
    }

    @Test
    void symmetricSearchCountsExactlyTheOrbitsOfTheFullSearch(TestReporter report) throws ScenarioException {
        Model m = Explorable.load(TRANSFER_3X2).model();
        Symmetry sym = new Symmetry(m);
        StateCodec codec = new StateCodec();
        Set<String> orbits = new HashSet<>();
        Explorer.Result full = new Explorer(m, options(false, true, 1), null)
                .onNewState((k, pcs) -> orbits.add(Arrays.toString(smallestOfOrbit(sym, codec, k, pcs))))
                .run();
        Explorer.Result reduced = new Explorer(m, options(true, true, 1), null).run();
        assertThat(full).isInstanceOf(Explorer.Complete.class);
        assertThat(reduced).isInstanceOf(Explorer.Complete.class);
        assertThat(orbits.size()).as("orbits").isLessThan((int) full.stats().states());
        assertThat(reduced.stats().states()).as("one state per orbit").isEqualTo(orbits.size());
        report.publishEntry("transfer 3x2", full.stats().states() + " states, " + orbits.size() + " orbits, symmetric search "
                + reduced.stats().states());
    }

    /** The smallest encoding over every permutation of the interchangeable threads: a name for the orbit. */
    private static int[] smallestOfOrbit(Symmetry sym, StateCodec codec, Kernel k, int[] pcs) {
        int[][] blocks = sym.blocks().get(0);
        int[] programs = sym.programs().get(0);
        int[] best = null;
        for (int[] perm : permutations(blocks.length)) {
            int[] map = new int[k.heap().highWater()];
            for (int i = 0; i < map.length; i++) {
                map[i] = i;
            }
            int[] canonPcs = pcs.clone();
            for (int j = 0; j < perm.length; j++) {
                for (int i = 0; i < blocks[j].length; i++) {
                    map[blocks[perm[j]][i]] = blocks[j][i];
                }
                canonPcs[programs[j]] = pcs[programs[perm[j]]];
            }
            int[] enc = codec.encode(k, canonPcs, map);
            if (best == null || Arrays.compare(enc, best) < 0) {
                best = enc;
            }
        }
        return best;
    }

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] a, boolean[] used, int i, List<int[]> out) {
        if (i == a.length) {
            out.add(a.clone());
            return;
        }
        for (int v = 0; v < a.length; v++) {
            if (!used[v]) {
                used[v] = true;
                a[i] = v;
                permute(a, used, i + 1, out);
                used[v] = false;
            }
        }
    }

    @Test
    void everyWayOfSearchingGivesTheSameVerdictAndStates() throws ScenarioException {
        for (Path p : List.of(TRANSFER_3X2, UNBOUNDED)) {
            Model m = Explorable.load(p).model();
            Explorer.Result base = new Explorer(m, options(false, true, 1), null).run();
            for (Explorer.Options o : List.of(options(false, false, 1), options(false, false, 2), options(true, false, 2),
                    options(true, true, 1), depthFirst(false, false), depthFirst(false, true), depthFirst(true, false))) {
                Explorer.Result r = new Explorer(m, o, null).run();
                assertThat(r.getClass()).as(p + " " + o).isEqualTo(base.getClass());
                if (!o.symmetry() && r instanceof Explorer.Complete) {
                    assertThat(r.stats().states()).as(p + " " + o).isEqualTo(base.stats().states());
                }
                if (r instanceof Explorer.Violated v && !o.depthFirst()) {
                    assertThat(v.path()).as("the same shortest counterexample").isEqualTo(((Explorer.Violated) base).path());
                }
                if (r instanceof Explorer.Violated v && o.depthFirst()) {
                    Explorer.Violated b = (Explorer.Violated) base;
                    assertThat(v.invariant()).isEqualTo(b.invariant());
                    assertThat(v.path().size()).as("no shorter than the shortest").isGreaterThanOrEqualTo(b.path().size());
                }
            }
        }
    }

    @Test
    void theCounterexampleIsTheShortestAndDeterministic() throws ScenarioException {
        Model m = Explorable.load(UNBOUNDED).model();
        Explorer.Violated v = (Explorer.Violated) new Explorer(m, options(false, false, 1), null).run();
        assertThat(v.invariant()).isEqualTo("bounded-kernel-work");
        assertThat(v.path()).hasSize(3);
        assertThat(v.path().get(0).step().text()).startsWith("server write inbox");
        assertThat(v.path().get(2).outcome()).isEqualTo("DELIVERED");
        // A bound below the break: no verdict.
        Explorer.Result shallow = new Explorer(m, new Explorer.Options(1, 1, MEMORY, false, false), null).run();
        assertThat(shallow).isInstanceOf(Explorer.Incomplete.class);
    }

    /**
     * The one-step form of message-conservation the search uses when it drops traces agrees with the full
     * check (which reads the whole trace) on every step of random runs through every variant.
     */
    @Test
    void stepwiseConservationAgreesWithTheFullCheck(@TempDir Path dir) throws Exception {
        StepwiseConservation stepwise = new StepwiseConservation();
        MessageConservation full = new MessageConservation();
        long steps = 0;
        for (String variant : List.of("proposal-2008", "messenger-2008", "revised")) {
            Path f = dir.resolve(variant + ".scn");
            Files.writeString(f, anyScenario(variant));
            Model m = Explorable.load(f).model();
            SplittableRandom rnd = new SplittableRandom(7);
            for (int run = 0; run < 40; run++) {
                Kernel k = m.initial().copy();
                for (int s = 0; s < 25; s++) {
                    List<Program.Edge> edges = m.programs().get(0).edges(0);
                    Step step = edges.get(rnd.nextInt(edges.size())).step();
                    Kernel before = k.copy();
                    Object result = null;
                    KernelException error = null;
                    try {
                        result = step.action().apply(k);
                    } catch (KernelException e) {
                        error = e;
                    }
                    StepView view = new StepView(m.initial(), before, k, step.action(), result, error);
                    assertThat(stepwise.check(view) == null).as(variant + " run " + run + " step " + s)
                            .isEqualTo(full.check(view) == null);
                    steps++;
                }
            }
        }
        assertThat(steps).isEqualTo(3 * 40 * 25);
    }

    /** Two threads, each with two buffers and a queue, doing any send, receive or collect. */
    static String anyScenario(String variant) {
        StringBuilder b = new StringBuilder("scenario \"any\"\nvariant " + variant + "\n");
        for (String t : List.of("a", "b")) {
            b.append("activity ").append(t).append("_act\n");
            b.append("cappage ").append(t).append("_root in ").append(t).append("_act\n");
            b.append("thread ").append(t).append(" in ").append(t).append("_act root ").append(t).append("_root\n");
            for (int i = 1; i <= 2; i++) {
                b.append("frame ").append(t).append("_page").append(i).append(" in ").append(t).append("_act caps [1]\n");
                b.append("buffer ").append(t).append("_buf").append(i).append(" in ").append(t).append("_act thread ")
                        .append(t).append(" root ").append(t).append("_root payload ").append(t).append("_page").append(i).append('\n');
                b.append("slot ").append(t).append("_root[").append(3 + i).append("] = ").append(t).append("_buf").append(i).append('\n');
            }
            b.append("slot ").append(t).append("_root[1] = ").append(t).append("_act\n");
            if (variant.equals("revised")) {
                b.append("queue ").append(t).append("_q in ").append(t).append("_act\n");
                b.append("slot ").append(t).append("_root[6] = ").append(t).append("_q\n");
            }
        }
        String other = variant.equals("revised") ? "_q" : "_buf1";
        b.append("slot a_root[8] = b").append(other).append(" r\n");
        b.append("slot b_root[8] = a").append(other).append(" r\n");
        b.append("any a b\n");
        return b.toString();
    }
}
