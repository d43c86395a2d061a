package capsim.explore;

import capsim.kernel.Action;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Symmetry reduction over interchangeable threads. A member of a group is a program's thread together with
 * its objects: its activity and everything charged to it in the initial state (its block of oids). Members
 * must look alike: blocks of the same size and types, programs that are the same graph of the same steps
 * up to the invoking thread.
 *
 * <p>A state is canonicalised by sorting the members by a record of their own objects and program counter
 * (with oids inside the block numbered locally), then renaming the blocks' oids and moving the program
 * counters to match. Members with equal records are ordered by trying every order among them (up to
 * {@link #MAX_TIE_ORDERS}) and keeping the smallest fingerprint, so states that differ only in, say, the
 * order two idle senders queue in, meet. Any order is a true symmetry of the model, so a missed tie only
 * costs states, never soundness.
 */
final class Symmetry {
    static final int MAX_TIE_ORDERS = 120;

    private record Group(int[] programs, int[][] blocks) {
    }

    private final List<Group> groups = new ArrayList<>();
    private final int initialOids;

    Symmetry(Model model) {
        Kernel k = model.initial();
        initialOids = k.heap().highWater();
        boolean[] taken = new boolean[initialOids];
        for (List<Integer> g : model.symmetric()) {
            int[] programs = g.stream().mapToInt(Integer::intValue).toArray();
            int[][] blocks = new int[programs.length][];
            for (int m = 0; m < programs.length; m++) {
                Program p = model.programs().get(programs[m]);
                int thread = threadOf(p);
                if (!(k.heap().get(thread) instanceof KernelThread t) || k.heap().lookup(t.activity()) == null) {
                    throw new IllegalArgumentException("symmetric: '" + p.name() + "' is not a live thread with an activity");
                }
                int act = t.activity().oid();
                List<Integer> block = new ArrayList<>();
                for (int oid = 0; oid < initialOids; oid++) {
                    KernelObject o = k.heap().get(oid);
                    if (o != null && (oid == act || o.chargedTo() == act)) {
                        if (taken[oid]) {
                            throw new IllegalArgumentException("symmetric: '" + p.name() + "' shares its activity with another member");
                        }
                        taken[oid] = true;
                        block.add(oid);
                    }
                }
                blocks[m] = block.stream().mapToInt(Integer::intValue).toArray();
                if (m > 0) {
                    requireAlike(k, model.programs().get(programs[0]), blocks[0], p, blocks[m]);
                }
            }
            groups.add(new Group(programs, blocks));
        }
    }

    private static int threadOf(Program p) {
        for (Step s : p.steps()) {
            if (s.action().thread() != KernelObject.NO_OID) {
                return s.action().thread();
            }
        }
        throw new IllegalArgumentException("symmetric: '" + p.name() + "' has no step by a thread");
    }

    private static void requireAlike(Kernel k, Program a, int[] ba, Program b, int[] bb) {
        if (ba.length != bb.length) {
            throw new IllegalArgumentException("symmetric: '" + a.name() + "' has " + ba.length + " objects, '" + b.name()
                    + "' has " + bb.length);
        }
        for (int i = 0; i < ba.length; i++) {
            if (k.heap().get(ba[i]).type() != k.heap().get(bb[i]).type()) {
                throw new IllegalArgumentException("symmetric: the objects of '" + a.name() + "' and '" + b.name()
                        + "' are not of the same types in the same order");
            }
        }
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("symmetric: the programs of '" + a.name() + "' and '" + b.name() + "' differ");
        }
        for (int n = 0; n < a.size(); n++) {
            List<Program.Edge> ea = a.edges(n);
            List<Program.Edge> eb = b.edges(n);
            boolean same = ea.size() == eb.size();
            for (int i = 0; same && i < ea.size(); i++) {
                same = ea.get(i).next() == eb.get(i).next() && Objects.equals(ea.get(i).step().guard(), eb.get(i).step().guard())
                        && sameButThread(ea.get(i).step().action(), eb.get(i).step().action());
            }
            if (!same) {
                throw new IllegalArgumentException("symmetric: the programs of '" + a.name() + "' and '" + b.name()
                        + "' differ (they must take the same steps at the same addresses)");
            }
        }
    }

    /** Same kind of action with the same arguments (arrays by content), whoever invokes it. */
    static boolean sameButThread(Action a, Action b) {
        if (a.getClass() != b.getClass()) {
            return false;
        }
        try {
            for (RecordComponent c : a.getClass().getRecordComponents()) {
                if (c.getName().equals("thread")) {
                    continue;
                }
                Object x = c.getAccessor().invoke(a);
                Object y = c.getAccessor().invoke(b);
                if (!Objects.deepEquals(x, y)) {
                    return false;
                }
            }
            return true;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Per group: the programs and, for each member, its block of oids (tests build the full orbit from these). */
    List<int[][]> blocks() {
        return groups.stream().map(Group::blocks).toList();
    }

    List<int[]> programs() {
        return groups.stream().map(Group::programs).toList();
    }

    /**
     * The fingerprint of the canonical encoding of ({@code k}, {@code pcs}) under this symmetry; the encoding
     * itself is left in {@code codec} ({@link StateCodec#last()}).
     */
    long fingerprint(StateCodec codec, Kernel k, int[] pcs) {
        int n = k.heap().highWater();
        int[] map = identity(n);
        int[] canonPcs = pcs.clone();
        for (Group g : groups) {
            int members = g.programs.length;
            long[] records = new long[members];
            long[] queued = queuePositions(k, g);
            int[] local = identity(n);
            for (int m = 0; m < members; m++) {
                for (int o = 0; o < members; o++) {
                    for (int i = 0; i < g.blocks[o].length; i++) {
                        local[g.blocks[o][i]] = o == m ? n + i : n + g.blocks[o].length;
                    }
                }
                records[m] = codec.objectsHash(k, g.blocks[m], local, pcs[g.programs[m]]) * 31 + queued[m];
            }
            Integer[] order = new Integer[members];
            for (int m = 0; m < members; m++) {
                order[m] = m;
            }
            Arrays.sort(order, (x, y) -> Long.compare(records[x], records[y]));
            List<int[]> orders = tieOrders(order, records);
            if (orders.size() == 1) {
                apply(g, orders.get(0), map, pcs, canonPcs);
            } else {
                long best = 0;
                int[] bestOrder = null;
                for (int[] candidate : orders) {
                    apply(g, candidate, map, pcs, canonPcs);
                    long fp = codec.fingerprint(k, canonPcs, map);
                    if (bestOrder == null || Long.compareUnsigned(fp, best) < 0) {
                        best = fp;
                        bestOrder = candidate;
                    }
                }
                apply(g, bestOrder, map, pcs, canonPcs);
            }
        }
        return codec.fingerprint(k, canonPcs, map);
    }

    /**
     * Where each member's objects wait in the queues of objects outside the group (a FIFO of senders, a
     * queue's receivers): part of a member's record, so members that differ only in their place in a queue
     * are not tied (ties cost an encoding per order).
     */
    private static long[] queuePositions(Kernel k, Group g) {
        int n = k.heap().highWater();
        int[] owner = new int[n];
        java.util.Arrays.fill(owner, -1);
        for (int m = 0; m < g.blocks.length; m++) {
            for (int oid : g.blocks[m]) {
                owner[oid] = m;
            }
        }
        long[] sig = new long[g.blocks.length];
        for (int oid = 0; oid < n; oid++) {
            if (owner[oid] >= 0) {
                continue;
            }
            switch (k.heap().get(oid)) {
                case capsim.kernel.MessageQueue q -> {
                    mark(sig, owner, q.senders(), oid * 4L);
                    mark(sig, owner, q.receivers(), oid * 4L + 1);
                }
                case capsim.kernel.MessageBuffer b -> mark(sig, owner, b.senders(), oid * 4L + 2);
                case null, default -> {
                }
            }
        }
        return sig;
    }

    private static void mark(long[] sig, int[] owner, org.eclipse.collections.api.list.primitive.ImmutableIntList list, long where) {
        for (int i = 0; i < list.size(); i++) {
            int oid = list.get(i);
            if (oid >= 0 && oid < owner.length && owner[oid] >= 0) {
                int m = owner[oid];
                sig[m] = sig[m] * 1_000_003L + where * 4096 + i + 1;
            }
        }
    }

    /** Member in canonical position j is {@code order[j]}: its block takes the oids of block j, its counter slot j's. */
    private static void apply(Group g, int[] order, int[] map, int[] pcs, int[] canonPcs) {
        for (int j = 0; j < order.length; j++) {
            int[] from = g.blocks[order[j]];
            int[] to = g.blocks[j];
            for (int i = 0; i < from.length; i++) {
                map[from[i]] = to[i];
            }
            canonPcs[g.programs[j]] = pcs[g.programs[order[j]]];
        }
    }

    /** The sorted order, or every order that permutes members with equal records (when not too many). */
    private static List<int[]> tieOrders(Integer[] sorted, long[] records) {
        List<int[]> out = new ArrayList<>();
        out.add(Arrays.stream(sorted).mapToInt(Integer::intValue).toArray());
        int count = 1;
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && records[sorted[j]] == records[sorted[i]]) {
                j++;
            }
            for (int f = 2; f <= j - i; f++) {
                count *= f;
            }
            if (count > MAX_TIE_ORDERS) {
                return out.subList(0, 1);
            }
            if (j - i > 1) {
                List<int[]> expanded = new ArrayList<>();
                for (int[] base : out) {
                    permute(base, i, j, expanded);
                }
                out = expanded;
            }
            i = j;
        }
        return out;
    }

    private static void permute(int[] a, int from, int to, List<int[]> out) {
        if (from == to - 1 || from == to) {
            out.add(a.clone());
            return;
        }
        for (int i = from; i < to; i++) {
            swap(a, from, i);
            permute(a, from + 1, to, out);
            swap(a, from, i);
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
