package capsim.capdl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The take-grant authority closure of a capDL model, per pair of threads (TCBs): whether one can come to
 * hold authority over the other, whether one's authority can leak to the other, and whether one can pass
 * information to the other. capDL-tool's {@code -a} ({@code CapDL/STCC.hs}, {@code leakMatrix}) answers the
 * last two; docs/capdl.md lists where these rules differ from its rules and why.
 *
 * <p>The rules. A thread holds the capabilities its CSpace reaches (from its TCB's cspace slot through every
 * CNode capability, as capDL-tool's {@code getCaps}), and holding a CNode capability holds everything in that
 * CNode (take). A's authority leaks to B (B can come to hold all A holds) when they reach a common CNode; when
 * A holds B's TCB (it can set B's CSpace root); and when A can send on an endpoint with Grant (W and G) and B
 * can receive on it (R). B's authority leaks to A when B receives with Grant on an endpoint A can Call (W with
 * G or P), since the reply cap B gets then grants (seL4 non-MCS, l4v {@code Object/Endpoint.lhs}). These edges are applied to
 * a fixpoint: what B receives can open new edges. A holds authority over B when, at the fixpoint, A holds B's
 * TCB, a CNode of B's CSpace, B's top-level page table, or an untyped that covers (at any depth) B's TCB.
 * Information flows A to B over an endpoint A can write and B read (both ways: a sender learns when the
 * receiver receives, as capDL-tool also has it), a notification A can signal and B wait on (or is bound to),
 * a frame A can write and B read (from the CSpace or mapped in the VSpace), A's reply cap to B, A's fault
 * endpoint read by B, and both ways between threads when either's authority leaks to the other.
 */
public final class AuthorityAnalysis {
    private final CapdlModel m;
    private final List<ObjId> threads = new ArrayList<>();
    private final Map<ObjId, Integer> index = new HashMap<>();
    /** Atoms: capability facts that matter here, e.g. "ep:x:W", "tcb:t", "cnode:c". */
    private final Map<String, Integer> atoms = new HashMap<>();
    private final List<String> atomNames = new ArrayList<>();
    private final Map<ObjId, Set<Integer>> cnodeContents = new HashMap<>();
    /** Object to the untyped that covers it directly. */
    private final Map<ObjId, ObjId> coveredBy = new HashMap<>();
    private final boolean[][] leak;
    private final boolean[][] authority;
    private final boolean[][] flow;
    /** The flows before the transitive closure: what the diagram draws. */
    private final boolean[][] directFlow;
    private final int rounds;
    /** Each thread's CSpace root CNode atom, or -1. */
    private int[] rootAtom;

    private AuthorityAnalysis(CapdlModel m) {
        this.m = m;
        m.covers().forEach((ut, ids) -> ids.forEach(id -> coveredBy.putIfAbsent(id, ut)));
        m.objects().forEach((id, o) -> {
            if (o.type() == ObjectType.TCB) {
                index.put(id, threads.size());
                threads.add(id);
            }
        });
        int n = threads.size();
        leak = new boolean[n][n];
        authority = new boolean[n][n];
        flow = new boolean[n][n];
        directFlow = new boolean[n][n];
        rounds = run();
    }

    /** The analysis of {@code m}. */
    public static AuthorityAnalysis of(CapdlModel m) {
        return new AuthorityAnalysis(m);
    }

    /** The threads (TCBs), in declaration order: the rows and columns of the matrices. */
    public List<ObjId> threads() {
        return List.copyOf(threads);
    }

    /** True when {@code a} can come to hold authority over {@code b} (its TCB, CSpace, VSpace or covering untyped). */
    public boolean authority(int a, int b) {
        return authority[a][b];
    }

    /** True when everything {@code a} holds can come to be held by {@code b}. */
    public boolean leaks(int a, int b) {
        return leak[a][b];
    }

    /** True when information can pass from {@code a} to {@code b}. */
    public boolean flows(int a, int b) {
        return flow[a][b];
    }

    /** True when information passes from {@code a} to {@code b} in one step (no thread in between). */
    public boolean flowsDirectly(int a, int b) {
        return directFlow[a][b];
    }

    /** How many rounds the grant fixpoint took. */
    public int rounds() {
        return rounds;
    }

    private int atom(String name) {
        return atoms.computeIfAbsent(name, k -> {
            atomNames.add(k);
            return atomNames.size() - 1;
        });
    }

    private List<String> atomsOf(Cap c) {
        List<String> out = new ArrayList<>();
        String t = c.target() == null ? c.type().reservedName() : c.target().toString();
        switch (c.type()) {
            case ENDPOINT, NOTIFICATION, FRAME -> {
                // one atom per capability's rights: seL4 checks the rights of the one capability used
                String kind = c.type() == CapType.ENDPOINT ? "ep:" : c.type() == CapType.NOTIFICATION ? "ntfn:" : "frame:";
                out.add(kind + t + ":" + c.rightsText());
            }
            case TCB -> out.add("tcb:" + t);
            case CNODE -> out.add("cnode:" + t);
            case REPLY -> out.add("reply:" + t);
            case UNTYPED -> out.add("ut:" + t);
            case PD, PGD, PML4, PUD, PT, PDPT -> out.add("vroot:" + t);
            default -> {
            }
        }
        return out;
    }

    /** The atoms of every capability in CNode {@code c} and the CNodes it reaches (capDL-tool's getCaps''). */
    private Set<Integer> contents(ObjId c) {
        Set<Integer> got = cnodeContents.get(c);
        if (got != null) {
            return got;
        }
        Set<Integer> out = new LinkedHashSet<>();
        Deque<ObjId> todo = new ArrayDeque<>(List.of(c));
        Set<ObjId> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            ObjId x = todo.pop();
            KObject o = m.object(x);
            if (!seen.add(x) || o == null || o.type() != ObjectType.CNODE) {
                continue;
            }
            for (Cap cap : o.slots().values()) {
                for (String a : atomsOf(cap)) {
                    out.add(atom(a));
                }
                if (cap.type() == CapType.CNODE) {
                    todo.push(cap.target());
                }
            }
        }
        cnodeContents.put(c, out);
        return out;
    }

    private int run() {
        int n = threads.size();
        BitSet[] held = new BitSet[n];
        List<Set<ObjId>> ownCNodes = new ArrayList<>();
        rootAtom = new int[n];
        for (int i = 0; i < n; i++) {
            held[i] = new BitSet();
            KObject tcb = m.object(threads.get(i));
            Cap root = tcb.slots().get(0L);
            Set<ObjId> own = new HashSet<>();
            rootAtom[i] = -1;
            if (root != null && root.type() == CapType.CNODE) {
                // what the CSpace holds; the root itself only if a cap to it is in the CSpace
                contents(root.target()).forEach(held[i]::set);
                rootAtom[i] = atom("cnode:" + root.target());
                own.add(root.target());
            }
            for (int a = held[i].nextSetBit(0); a >= 0; a = held[i].nextSetBit(a + 1)) {
                String name = atomNames.get(a);
                if (name.startsWith("cnode:")) {
                    own.add(CapdlValidator.parseId(name.substring(6)));
                }
            }
            ownCNodes.add(own);
        }
        int round = 0;
        boolean changed = true;
        while (changed) {
            round++;
            changed = false;
            for (int i = 0; i < n; i++) {
                changed |= expandCNodes(held[i]);
            }
            boolean[][] direct = directLeaks(held);
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if (a != b && direct[a][b]) {
                        leak[a][b] = true;
                        BitSet before = (BitSet) held[b].clone();
                        held[b].or(held[a]);
                        changed |= !before.equals(held[b]);
                    }
                }
            }
        }
        warshall(leak);
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                authority[a][b] = a != b && controls(held[a], b, ownCNodes.get(b));
            }
        }
        flows(held);
        return round;
    }

    /** Take: a held CNode capability holds what the CNode holds. */
    private boolean expandCNodes(BitSet held) {
        boolean changed = false;
        for (int a = held.nextSetBit(0); a >= 0; a = held.nextSetBit(a + 1)) {
            String name = atomNames.get(a);
            if (name.startsWith("cnode:")) {
                for (int x : contents(CapdlValidator.parseId(name.substring(6)))) {
                    if (!held.get(x)) {
                        held.set(x);
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    private boolean has(BitSet held, String atom) {
        Integer a = atoms.get(atom);
        return a != null && held.get(a);
    }

    private boolean[][] directLeaks(BitSet[] held) {
        int n = threads.size();
        boolean[][] d = new boolean[n][n];
        Map<String, List<int[]>> endpoints = new HashMap<>();
        List<Integer> cnodes = new ArrayList<>();
        for (int i = 0; i < atomNames.size(); i++) {
            String a = atomNames.get(i);
            if (a.startsWith("ep:")) {
                String rights = a.substring(a.lastIndexOf(':') + 1);
                endpoints.computeIfAbsent(a.substring(3, a.lastIndexOf(':')), k -> new ArrayList<>())
                        .add(new int[] {i, rights.indexOf('R') >= 0 ? 1 : 0, rights.indexOf('W') >= 0 ? 1 : 0,
                            rights.indexOf('G') >= 0 ? 1 : 0, rights.indexOf('P') >= 0 ? 1 : 0});
            } else if (a.startsWith("cnode:")) {
                cnodes.add(i);
            }
        }
        int[] tcbAtom = new int[n];
        for (int b = 0; b < n; b++) {
            Integer t = atoms.get("tcb:" + threads.get(b));
            tcbAtom[b] = t == null ? -1 : t;
        }
        BitSet[] reach = new BitSet[n];
        for (int i = 0; i < n; i++) {
            reach[i] = new BitSet();
            for (int c : cnodes) {
                if (held[i].get(c)) {
                    reach[i].set(c);
                }
            }
            if (rootAtom[i] >= 0) {
                reach[i].set(rootAtom[i]);
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a == b) {
                    continue;
                }
                // a holds b's TCB, or they reach a common CNode
                boolean edge = tcbAtom[b] >= 0 && held[a].get(tcbAtom[b]) || reach[a].intersects(reach[b]);
                for (List<int[]> caps : endpoints.values()) {
                    boolean aSendsGrant = false;
                    boolean aCalls = false;
                    boolean bReceives = false;
                    boolean bReceivesGrant = false;
                    for (int[] c : caps) {
                        if (held[a].get(c[0])) {
                            aSendsGrant |= c[2] == 1 && c[3] == 1;
                            aCalls |= c[2] == 1 && (c[3] == 1 || c[4] == 1);
                        }
                        if (held[b].get(c[0])) {
                            bReceives |= c[1] == 1;
                            bReceivesGrant |= c[1] == 1 && c[3] == 1;
                        }
                    }
                    // a sends with Grant and b receives: a's caps can go to b
                    edge |= aSendsGrant && bReceives;
                    // a Calls (W with G or P) and b receives with Grant: b's reply can carry b's caps to a
                    if (aCalls && bReceivesGrant) {
                        d[b][a] = true;
                    }
                }
                d[a][b] |= edge;
            }
        }
        return d;
    }

    private boolean controls(BitSet held, int b, Set<ObjId> bCNodes) {
        ObjId tcb = threads.get(b);
        if (has(held, "tcb:" + tcb)) {
            return true;
        }
        for (ObjId c : bCNodes) {
            if (has(held, "cnode:" + c)) {
                return true;
            }
        }
        Cap vroot = m.object(tcb).slots().get(1L);
        if (vroot != null && vroot.target() != null && has(held, "vroot:" + vroot.target())) {
            return true;
        }
        Set<ObjId> seen = new HashSet<>();
        for (ObjId u = coveredBy.get(tcb); u != null && seen.add(u); u = coveredBy.get(u)) {
            if (has(held, "ut:" + u)) {
                return true;
            }
        }
        return false;
    }

    private void flows(BitSet[] held) {
        int n = threads.size();
        List<Set<String>> reads = new ArrayList<>();
        List<Set<String>> writes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Set<String> r = new HashSet<>();
            Set<String> w = new HashSet<>();
            for (int a = held[i].nextSetBit(0); a >= 0; a = held[i].nextSetBit(a + 1)) {
                String name = atomNames.get(a);
                int colon = name.lastIndexOf(':');
                if (name.startsWith("reply:")) {
                    w.add("thread:" + name.substring(6));
                } else if (name.startsWith("ep:") || name.startsWith("ntfn:") || name.startsWith("frame:")) {
                    String rights = name.substring(colon + 1);
                    if (rights.indexOf('R') >= 0) {
                        r.add(name.substring(0, colon));
                    }
                    if (rights.indexOf('W') >= 0) {
                        w.add(name.substring(0, colon));
                    }
                }
            }
            KObject tcb = m.object(threads.get(i));
            Cap vroot = tcb.slots().get(1L);
            if (vroot != null && vroot.target() != null) {
                mappedFrames(vroot.target(), new HashSet<>(), r, w);
            }
            Cap buffer = tcb.slots().get(4L);
            if (buffer != null && buffer.type() == CapType.FRAME) {
                addFrame(buffer, r, w);
            }
            Cap fault = tcb.slots().get(5L);
            if (fault != null && fault.type() == CapType.ENDPOINT) {
                w.add("ep:" + fault.target());
            }
            Cap bound = tcb.slots().get(8L);
            if (bound != null && bound.type() == CapType.NOTIFICATION) {
                r.add("ntfn:" + bound.target());
            }
            r.add("thread:" + threads.get(i));
            reads.add(r);
            writes.add(w);
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a == b) {
                    continue;
                }
                for (String w : writes.get(a)) {
                    if (reads.get(b).contains(w)) {
                        flow[a][b] = true;
                        if (w.startsWith("ep:")) {
                            flow[b][a] = true;
                        }
                    }
                }
                if (leak[a][b] || authority[a][b]) {
                    flow[a][b] = true;
                    flow[b][a] = true;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            directFlow[i] = flow[i].clone();
        }
        warshall(flow);
        for (int i = 0; i < n; i++) {
            flow[i][i] = false;
        }
    }

    private void mappedFrames(ObjId table, Set<ObjId> seen, Set<String> r, Set<String> w) {
        KObject o = m.object(table);
        if (o == null || !seen.add(table)) {
            return;
        }
        for (Cap c : o.slots().values()) {
            if (c.type() == CapType.FRAME) {
                addFrame(c, r, w);
            } else if (c.target() != null) {
                mappedFrames(c.target(), seen, r, w);
            }
        }
    }

    private static void addFrame(Cap c, Set<String> r, Set<String> w) {
        if (c.has(Right.READ)) {
            r.add("frame:" + c.target());
        }
        if (c.has(Right.WRITE)) {
            w.add("frame:" + c.target());
        }
    }

    private static void warshall(boolean[][] g) {
        int n = g.length;
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) {
                if (!g[i][k]) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    if (g[k][j]) {
                        g[i][j] = true;
                    }
                }
            }
        }
    }

    /** The three matrices as text: a legend of thread numbers, then one grid each (row can reach column). */
    public String text() {
        StringBuilder sb = new StringBuilder();
        int n = threads.size();
        sb.append("threads: ").append(n).append('\n');
        for (int i = 0; i < n; i++) {
            sb.append(String.format("  t%-3d %s%n", i, threads.get(i)));
        }
        grid(sb, "authority (row can come to hold authority over column: its TCB, CSpace, VSpace or untyped)", authority);
        grid(sb, "leak (everything row holds can come to be held by column; capDL-tool's leak matrix)", leak);
        grid(sb, "flow (information can pass from row to column; capDL-tool's flow matrix)", flow);
        return sb.toString();
    }

    private void grid(StringBuilder sb, String title, boolean[][] g) {
        int n = threads.size();
        sb.append('\n').append(title).append('\n').append("      ");
        for (int j = 0; j < n; j++) {
            sb.append(String.format("%-4s", "t" + j));
        }
        sb.append('\n');
        for (int i = 0; i < n; i++) {
            sb.append(String.format("  %-4s", "t" + i));
            for (int j = 0; j < n; j++) {
                sb.append(String.format("%-4s", i == j ? "-" : g[i][j] ? "X" : "."));
            }
            sb.append('\n');
        }
    }
}
