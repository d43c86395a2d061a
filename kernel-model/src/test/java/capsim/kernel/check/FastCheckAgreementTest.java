package capsim.kernel.check;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.Action;
import capsim.kernel.BufferSlot;
import capsim.kernel.CapAddress;
import capsim.kernel.CapPage;
import capsim.kernel.Capability;
import capsim.kernel.Kernel;
import capsim.kernel.KernelException;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import capsim.kernel.MessageBuffer;
import capsim.kernel.Spec;
import capsim.kernel.StateText;
import capsim.kernel.Trace;
import capsim.kernel.variant.Variant;
import capsim.kernel.variant.Variants;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checker's fast paths agree with the plain definitions on every step of long random runs of every
 * variant: the incremental trace hash with the hash over all events, the field-by-field state comparison
 * with comparing {@link StateText} texts, the determinism check with "same trace hash and same state text",
 * the array-based reach with the original map-based walk, and no-disclosure's page-by-page reading comparison
 * with comparing what {@link NoDisclosure#observe} gives.
 */
class FastCheckAgreementTest {
    private static final int TRIES = 40;
    private static final int DEPTH = 30;

    static List<Variant> variants() {
        return Variants.all();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void fastPathsAgreeWithTheFullDefinitionsOnEveryStep(Variant variant, TestReporter reporter) {
        SplittableRandom seeds = new SplittableRandom(variant.name().hashCode());
        int steps = 0;
        int differingStates = 0;
        for (int t = 0; t < TRIES; t++) {
            SplittableRandom rnd = new SplittableRandom(seeds.nextLong());
            Generator g = new Generator(rnd, variant, Kernel.DEFAULT_WORK_BOUND);
            Spec spec = g.world();
            Kernel k = new Kernel(variant, Kernel.DEFAULT_WORK_BOUND, 0);
            spec.build(k);
            Kernel initial = k.copy();
            List<Integer> threads = Generator.threads(k);
            for (int s = 0; s < DEPTH; s++) {
                Action a = g.step(k, threads);
                Kernel before = k.copy();
                Object result = null;
                KernelException error = null;
                try {
                    result = a.apply(k);
                } catch (KernelException e) {
                    error = e;
                }
                steps++;
                Trace trace = k.trace();
                assertThat(trace.hash()).as("incremental hash, step %d", s).isEqualTo(Trace.hash(new ArrayList<>(trace.events())));
                assertThat(before.trace().hash()).isEqualTo(Trace.hash(new ArrayList<>(before.trace().events())));

                boolean textSame = StateText.of(before).equals(StateText.of(k));
                assertThat(StateText.same(before, k)).as("state comparison after %s", a).isEqualTo(textSame);
                differingStates += textSame ? 0 : 1;

                StepView view = new StepView(initial, before, k, a, result, error);
                Kernel again = before.copy();
                try {
                    a.apply(again);
                } catch (KernelException ignored) {
                    // compared below through the states and traces
                }
                boolean fullDefinition = again.trace().hash() == k.trace().hash()
                        && StateText.of(again).equals(StateText.of(k));
                assertThat(new Determinism().check(view) == null).as("determinism after %s", a).isEqualTo(fullDefinition);

                for (int oid = 0; oid < k.heap().highWater(); oid++) {
                    if (k.heap().get(oid) instanceof KernelThread) {
                        assertThat(Reach.of(k, oid).values()).isEqualTo(List.copyOf(referenceReach(k, oid).values()));
                        assertThat(view.reachAfter(oid).values()).isEqualTo(Reach.of(k, oid).values());
                        assertThat(NoDisclosure.sameReading(before, Reach.of(before, oid), k, Reach.of(k, oid)))
                                .as("what thread#%d reads before and after %s", oid, a)
                                .isEqualTo(NoDisclosure.observe(before, oid).equals(NoDisclosure.observe(k, oid)));
                    }
                }
            }
        }
        assertThat(differingStates).as("steps that changed the state").isPositive();
        reporter.publishEntry(variant.name(), steps + " steps compared, " + differingStates + " changed the state");
    }

    /** The original walk over a TreeMap, kept here as the definition the array-based reach must match. */
    private static Map<Integer, Capability> referenceReach(Kernel k, int thread) {
        Map<Integer, Capability> out = new TreeMap<>();
        if (!(k.heap().get(thread) instanceof KernelThread t) || !k.designates(t.asRoot())) {
            return out;
        }
        record Item(Capability cap, int depth) {
        }
        ArrayDeque<Item> work = new ArrayDeque<>();
        work.add(new Item(t.asRoot(), 0));
        add(out, t.asRoot());
        while (!work.isEmpty()) {
            Item it = work.poll();
            KernelObject o = k.heap().lookup(it.cap);
            if (o instanceof CapPage p && it.cap.rights().read() && it.depth < CapAddress.MAX_DEPTH) {
                for (int i = 0; i < CapPage.SLOTS; i++) {
                    Capability c = p.slot(i);
                    if (!k.designates(c)) {
                        continue;
                    }
                    Capability seen = it.cap.rights().write() ? c : c.weaken();
                    if (add(out, seen)) {
                        work.add(new Item(seen, it.depth + 1));
                    }
                }
            } else if (o instanceof MessageBuffer b && it.cap.rights().write()) {
                for (BufferSlot s : BufferSlot.values()) {
                    Capability c = b.slot(s);
                    if (k.designates(c) && add(out, c)) {
                        work.add(new Item(c, it.depth + 1));
                    }
                }
            }
        }
        return out;
    }

    private static boolean add(Map<Integer, Capability> out, Capability c) {
        Capability had = out.get(c.oid());
        if (had == null || (!had.rights().write() && c.rights().write()) || had.version() != c.version()) {
            out.put(c.oid(), c);
            return true;
        }
        return false;
    }
}
