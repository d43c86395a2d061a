package capsim.personality.sel4;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Authority in an seL4 state as the take-grant model reads it: what each thread holds (every capability in the
 * CNodes its CSpace root reaches, and its TCB's own slots), which threads can pass capabilities to which (the
 * flow relation), and the closure: every capability a thread could come to hold by steps that use only the
 * authority the state gives. capsim's rules, written down in docs/personality-sel4.md:
 * <ul>
 *   <li>A → B when A holds an endpoint capability with W and G and B one with R to the same endpoint (a send
 *       with grant);</li>
 *   <li>B → A when A can Call an endpoint (W and G or GrantReply) that B receives on with R and G (the reply
 *       capability B gets carries grant), and when A holds a reply capability with grant to B;</li>
 *   <li>A ↔ B when A holds a TCB capability to B (it can set B's CSpace) or they reach a common CNode;</li>
 *   <li>B may hold a reply capability to A when A can Call an endpoint B receives on.</li>
 * </ul>
 */
public final class Authority {
    /** What a thread may hold: per (kind, object), the union of rights. */
    private final Map<String, Map<String, CapRights>> potential;

    private Authority(Map<String, Map<String, CapRights>> potential) {
        this.potential = potential;
    }

    /** The capabilities thread {@code t} holds now. */
    public static List<Cap> held(Sel4World w, String t) {
        List<Cap> out = new ArrayList<>();
        Tcb tcb = w.tcb(t);
        if (tcb == null) {
            return out;
        }
        for (String cn : reach(w, t)) {
            out.addAll(((CNode) w.object(cn)).slots.values());
        }
        for (int i = 0; i < Tcb.SLOTS; i++) {
            Cap c = tcb.slots[i];
            if (c != null && c.kind() != CapKind.MASTER_REPLY) {
                out.add(c);
            }
        }
        return out;
    }

    /** The CNodes thread {@code t} reaches from its CSpace root through CNode capabilities. */
    public static Set<String> reach(Sel4World w, String t) {
        Set<String> seen = new TreeSet<>();
        Tcb tcb = w.tcb(t);
        Cap root = tcb == null ? null : tcb.slots[(int) Tcb.CTABLE];
        Deque<String> todo = new ArrayDeque<>();
        if (root != null && w.object(root.object()) instanceof CNode) {
            todo.add(root.object());
        }
        while (!todo.isEmpty()) {
            String n = todo.poll();
            if (!seen.add(n)) {
                continue;
            }
            for (Cap c : ((CNode) w.object(n)).slots.values()) {
                if (c.kind() == CapKind.CNODE && w.object(c.object()) instanceof CNode) {
                    todo.add(c.object());
                }
            }
        }
        return seen;
    }

    /** Threads, by name. */
    static List<String> threads(Sel4World w) {
        List<String> out = new ArrayList<>();
        w.objects().values().forEach(o -> {
            if (o instanceof Tcb) {
                out.add(o.name());
            }
        });
        return out;
    }

    /** Whether {@code a} can pass capabilities to {@code b} in one step (see the class comment). */
    public static boolean flows(Sel4World w, String a, String b, Map<String, List<Cap>> held, Map<String, Set<String>> reach) {
        List<Cap> ha = held.get(a);
        List<Cap> hb = held.get(b);
        for (Cap x : ha) {
            if (x.kind() == CapKind.TCB && x.object().equals(b)) {
                return true;
            }
            if (x.kind() == CapKind.REPLY && x.object().equals(b) && x.rights().grant()) {
                return true;
            }
        }
        for (Cap y : hb) {
            if (y.kind() == CapKind.TCB && y.object().equals(a)) {
                return true;
            }
        }
        for (String cn : reach.get(a)) {
            if (reach.get(b).contains(cn)) {
                return true;
            }
        }
        for (Cap x : ha) {
            if (x.kind() != CapKind.ENDPOINT) {
                continue;
            }
            for (Cap y : hb) {
                if (y.kind() != CapKind.ENDPOINT || !y.object().equals(x.object())) {
                    continue;
                }
                if (x.rights().write() && x.rights().grant() && y.rights().read()) {
                    return true;
                }
                // b calls a's endpoint; a receives with grant, so its reply capability to b carries grant
                if (y.rights().write() && (y.rights().grant() || y.rights().grantReply()) && x.rights().read() && x.rights().grant()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The closure of {@code w}: for each thread, what it could come to hold. */
    public static Authority closure(Sel4World w) {
        List<String> ts = threads(w);
        Map<String, List<Cap>> held = new TreeMap<>();
        Map<String, Set<String>> reach = new TreeMap<>();
        for (String t : ts) {
            held.put(t, held(w, t));
            reach.put(t, reach(w, t));
        }
        Map<String, Map<String, CapRights>> direct = new TreeMap<>();
        for (String t : ts) {
            Map<String, CapRights> m = new TreeMap<>();
            for (Cap c : held.get(t)) {
                m.merge(key(c.kind(), c.object()), c.hasRights() ? c.rights() : CapRights.ALL, Authority::union);
            }
            // reply capabilities t may be given by calls on endpoints it receives on
            for (String c : ts) {
                if (callable(held.get(c), held.get(t))) {
                    m.merge(key(CapKind.REPLY, c), CapRights.ALL, Authority::union);
                }
            }
            direct.put(t, m);
        }
        Map<String, Map<String, CapRights>> potential = new TreeMap<>();
        for (String t : ts) {
            // every thread from which capabilities can flow to t, transitively
            Set<String> from = new TreeSet<>();
            Deque<String> todo = new ArrayDeque<>(List.of(t));
            while (!todo.isEmpty()) {
                String x = todo.poll();
                if (!from.add(x)) {
                    continue;
                }
                for (String y : ts) {
                    if (!from.contains(y) && flows(w, y, x, held, reach)) {
                        todo.add(y);
                    }
                }
            }
            Map<String, CapRights> m = new TreeMap<>();
            for (String u : from) {
                direct.get(u).forEach((k, r) -> m.merge(k, r, Authority::union));
            }
            potential.put(t, m);
        }
        return new Authority(potential);
    }

    /** Whether {@code caller} can Call (W and Grant or GrantReply) an endpoint that {@code server} receives on. */
    private static boolean callable(List<Cap> caller, List<Cap> server) {
        for (Cap x : caller) {
            if (x.kind() == CapKind.ENDPOINT && x.rights().write() && (x.rights().grant() || x.rights().grantReply())) {
                for (Cap y : server) {
                    if (y.kind() == CapKind.ENDPOINT && y.object().equals(x.object()) && y.rights().read()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether thread {@code t} could come to hold {@code c} (rights included; badges are not authority). */
    public boolean allows(String t, Cap c) {
        Map<String, CapRights> m = potential.get(t);
        if (m == null) {
            return false;
        }
        CapRights r = m.get(key(c.kind(), c.object()));
        return r != null && (!c.hasRights() || r.covers(c.rights()));
    }

    /** Whether thread {@code t} could come to hold any capability to {@code object}. */
    public boolean reaches(String t, String object) {
        Map<String, CapRights> m = potential.get(t);
        if (m == null) {
            return false;
        }
        for (String k : m.keySet()) {
            if (k.substring(k.indexOf(' ') + 1).equals(object)) {
                return true;
            }
        }
        return false;
    }

    private static String key(CapKind k, String object) {
        return k.word() + " " + object;
    }

    private static CapRights union(CapRights a, CapRights b) {
        return new CapRights(a.read() || b.read(), a.write() || b.write(), a.grant() || b.grant(),
                a.grantReply() || b.grantReply());
    }
}
