package capsim.kernel.check;

import capsim.kernel.Capability;
import capsim.kernel.Kernel;
import capsim.kernel.KernelThread;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;

/**
 * No capability leak, in the take-grant sense: threads that share capability storage (a page, a buffer or a
 * queue both can reach) form islands at the start, and authority may flow anywhere within an island but
 * never out of it. After every step, each thread that existed at the start reaches only objects its
 * island reached at the start (with at most the rights the island had on them), or objects created during
 * the run. Source: the take-grant model as stated for seL4 (authority confinement).
 */
public final class AuthorityConfinement implements Invariant {
    public String name() {
        return "authority-confinement";
    }

    public String description() {
        return "no thread reaches authority beyond the take-grant closure of its island at the start";
    }

    public Violation check(StepView s) {
        Islands islands = Islands.of(s.initial());
        Kernel k = s.after();
        IntHashSet created = createdSince(s.initial(), k);
        for (int thread : islands.threads()) {
            if (!(k.heap().get(thread) instanceof KernelThread) || created.contains(thread)) {
                continue;
            }
            Map<Integer, Capability> allowed = islands.authority(thread);
            for (Capability c : s.reachAfter(thread).values()) {
                if (created.contains(c.oid())) {
                    continue;
                }
                Capability had = allowed.get(c.oid());
                if (had == null) {
                    return new Violation(name(), "thread#" + thread + " reaches " + c + ", outside its island's authority");
                }
                if (c.rights().write() && !had.rights().write()) {
                    return new Violation(name(), "thread#" + thread + " holds write authority on " + c
                            + ", but its island only had " + had.rights().word());
                }
            }
        }
        return null;
    }

    /** Oids allocated since the start (a reused oid is a new object). */
    static IntHashSet createdSince(Kernel start, Kernel now) {
        IntHashSet out = new IntHashSet();
        java.util.List<capsim.kernel.Event> events = now.trace().events();
        for (int i = start.trace().size(); i < events.size(); i++) {
            if (events.get(i) instanceof capsim.kernel.Event.Allocated a) {
                out.add(a.oid());
            }
        }
        return out;
    }

    /** Islands of the start state: union-find over threads that reach a common page, buffer or queue. */
    static final class Islands {
        private static final Map<Kernel, Islands> CACHE = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
        private final Map<Integer, Integer> parent = new HashMap<>();
        private final Map<Integer, Reach.Reached> reach = new HashMap<>();
        private final Map<Integer, Map<Integer, Capability>> authority = new HashMap<>();

        static Islands of(Kernel initial) {
            return CACHE.computeIfAbsent(initial, Islands::new);
        }

        private Islands(Kernel k) {
            Map<Integer, Integer> sharedBy = new HashMap<>();
            for (int oid = 0; oid < k.heap().highWater(); oid++) {
                if (k.heap().get(oid) instanceof KernelThread) {
                    parent.put(oid, oid);
                    reach.put(oid, Reach.of(k, oid));
                }
            }
            for (int t : reach.keySet()) {
                for (Capability c : reach.get(t).values()) {
                    if (c.type() == capsim.kernel.CapType.CAPPAGE || c.type() == capsim.kernel.CapType.MESSAGE_BUFFER
                            || c.type() == capsim.kernel.CapType.MESSAGE_QUEUE) {
                        Integer other = sharedBy.putIfAbsent(c.oid(), t);
                        if (other != null) {
                            union(t, other);
                        }
                    }
                }
            }
            for (int t : reach.keySet()) {
                Map<Integer, Capability> island = authority.computeIfAbsent(find(t), x -> new HashMap<>());
                for (Capability c : reach.get(t).values()) {
                    Capability had = island.get(c.oid());
                    if (had == null || (c.rights().write() && !had.rights().write())) {
                        island.put(c.oid(), c);
                    }
                }
            }
        }

        Iterable<Integer> threads() {
            return reach.keySet();
        }

        Map<Integer, Capability> authority(int thread) {
            return authority.get(find(thread));
        }

        private int find(int x) {
            int p = parent.get(x);
            if (p != x) {
                p = find(p);
                parent.put(x, p);
            }
            return p;
        }

        private void union(int a, int b) {
            parent.put(find(a), find(b));
        }
    }
}
