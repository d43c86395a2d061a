package capsim.visual;

import capsim.kernel.Activity;
import capsim.kernel.BufferSlot;
import capsim.kernel.CapPage;
import capsim.kernel.CapType;
import capsim.kernel.Capability;
import capsim.kernel.Frame;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import capsim.kernel.MessageBuffer;
import capsim.kernel.MessageQueue;
import capsim.kernel.ObjectHeap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drawable structure of one kernel state: its live objects and the edges between them (capabilities in
 * slots, queue membership, activations). Diagrams and step diffs both work on this view, so what is diffed
 * is exactly what is drawn. Built from a state that must not change while this view is in use (a
 * {@link Kernel#copy()} snapshot, or a kernel between steps).
 */
public final class StateGraph {

    /** What an edge means; each kind has its own line style. */
    public enum EdgeKind {
        /** A capability in a slot designates an object (or is stale). */
        SLOT,
        /** A source buffer waits on a queue (or a blocked target buffer) to deliver. */
        WAITS_TO_SEND,
        /** A receiving buffer waits on a queue for a message. */
        WAITS_TO_RECEIVE,
        /** The thread is in activated mode for this buffer. */
        ACTIVATED,
        /** The buffer's activation waits until the thread collects. */
        PENDING
    }

    /** One object of the state. {@code fingerprint} changes exactly when anything drawn for it changes. */
    public record Node(KernelObject object, String fingerprint) {
        public int oid() {
            return object.oid();
        }

        public CapType type() {
            return object.type();
        }

        /** The activity whose cluster holds this node: itself for an activity, else the one it is charged to. */
        public int cluster() {
            return object instanceof Activity ? object.oid() : object.chargedTo();
        }
    }

    /**
     * What identifies an edge across two states: the slot it leaves from (for {@link EdgeKind#SLOT}), or
     * the pair of objects it joins (other kinds, {@code to} set).
     */
    public record EdgeKey(int from, String port, EdgeKind kind, int to) {
    }

    /**
     * One edge. For slots, {@code port} names the slot ("s3" for cappage slot 3, the buffer slot's word,
     * "as_root"/"activity" for a thread), {@code cap} is the capability and {@code to} its oid;
     * {@code stale} is true when the capability no longer designates a live object. {@code order} is the
     * position in a wait queue or pending list (0 first).
     */
    public record Edge(int from, String port, EdgeKind kind, int to, Capability cap, boolean stale, int order) {
        public EdgeKey key() {
            return new EdgeKey(from, port, kind, kind == EdgeKind.SLOT ? -1 : to);
        }

        /** What must differ for the same key to count as a changed edge. */
        String value() {
            return kind == EdgeKind.SLOT ? cap + (stale ? " stale" : "") : "#" + order;
        }
    }

    private final Map<Integer, Node> nodes;
    private final Map<EdgeKey, Edge> edges;
    private final int root;

    private StateGraph(Map<Integer, Node> nodes, Map<EdgeKey, Edge> edges, int root) {
        this.nodes = Collections.unmodifiableMap(nodes);
        this.edges = Collections.unmodifiableMap(edges);
        this.root = root;
    }

    /** The drawable structure of {@code k}'s current state. */
    public static StateGraph of(Kernel k) {
        ObjectHeap heap = k.heap();
        Map<Integer, Node> nodes = new LinkedHashMap<>();
        Map<EdgeKey, Edge> edges = new LinkedHashMap<>();
        for (int oid = 0; oid < heap.highWater(); oid++) {
            KernelObject o = heap.get(oid);
            if (o == null) {
                continue;
            }
            List<Edge> out = new ArrayList<>();
            switch (o) {
                case CapPage p -> {
                    for (int i = 0; i < CapPage.SLOTS; i++) {
                        slotEdge(heap, oid, "s" + i, p.slot(i), out);
                    }
                }
                case MessageBuffer b -> {
                    for (BufferSlot s : BufferSlot.values()) {
                        slotEdge(heap, oid, s.word(), b.slot(s), out);
                    }
                }
                case KernelThread t -> {
                    slotEdge(heap, oid, "as_root", t.asRoot(), out);
                    slotEdge(heap, oid, "activity", t.activity(), out);
                    if (t.current() != null) {
                        out.add(new Edge(oid, null, EdgeKind.ACTIVATED, t.current().buffer(), null, false, 0));
                    }
                    int[] pending = t.pendingBuffers();
                    for (int i = 0; i < pending.length; i++) {
                        out.add(new Edge(oid, null, EdgeKind.PENDING, pending[i], null, false, i));
                    }
                }
                case MessageQueue q -> {
                    for (int i = 0; i < q.senders().size(); i++) {
                        out.add(new Edge(q.senders().get(i), null, EdgeKind.WAITS_TO_SEND, oid, null, false, i));
                    }
                    for (int i = 0; i < q.receivers().size(); i++) {
                        out.add(new Edge(q.receivers().get(i), null, EdgeKind.WAITS_TO_RECEIVE, oid, null, false, i));
                    }
                }
                case Activity a -> {
                }
                case Frame f -> {
                }
            }
            if (o instanceof MessageBuffer b) {
                // Designs without first-class queues: senders wait on the target buffer itself.
                for (int i = 0; i < b.senders().size(); i++) {
                    out.add(new Edge(b.senders().get(i), null, EdgeKind.WAITS_TO_SEND, oid, null, false, i));
                }
            }
            for (Edge e : out) {
                edges.put(e.key(), e);
            }
            nodes.put(oid, new Node(o, fingerprint(o, out)));
        }
        return new StateGraph(nodes, edges, k.rootActivity());
    }

    private static void slotEdge(ObjectHeap heap, int from, String port, Capability c, List<Edge> out) {
        if (!c.isVoid()) {
            out.add(new Edge(from, port, EdgeKind.SLOT, c.oid(), c, heap.lookup(c) == null, 0));
        }
    }

    /** Everything drawn for an object, as text: equal fingerprints draw the same node. */
    private static String fingerprint(KernelObject o, List<Edge> out) {
        StringBuilder b = new StringBuilder();
        b.append(o.type().word()).append(" v").append(o.version()).append(" charged ").append(o.chargedTo());
        switch (o) {
            case Activity a -> b.append(" parent ").append(a.parent()).append(" quota ").append(a.quota())
                    .append(" usage ").append(a.usage());
            case KernelThread t -> b.append(" activated ").append(t.activated()).append(' ').append(t.current())
                    .append(" count ").append(t.activationCount());
            case MessageBuffer m -> b.append(" flags ").append(m.flags()).append(" id ").append(m.id())
                    .append(" pp ").append(m.protectedPayload()).append(" blocked ").append(m.blocked())
                    .append(" on ").append(m.waitingOn()).append(" msg ").append(m.inFlightMessage())
                    .append(" transfer ").append(m.inTransfer()).append(" error ").append(m.lastError());
            case Frame f -> b.append(" caps ").append(Arrays.toString(f.capAddresses()))
                    .append(" data ").append(f.dataCount()).append(' ').append(Arrays.hashCode(f.data()));
            case MessageQueue q -> {
            }
            case CapPage p -> {
            }
        }
        for (Edge e : out) {
            b.append(" | ").append(e.port()).append(' ').append(e.kind()).append(' ').append(e.to())
                    .append(' ').append(e.value());
        }
        return b.toString();
    }

    /** Live objects by oid, in oid order. */
    public Map<Integer, Node> nodes() {
        return nodes;
    }

    /** All edges by key, in a deterministic order (by source oid). */
    public Map<EdgeKey, Edge> edges() {
        return edges;
    }

    public Node node(int oid) {
        return nodes.get(oid);
    }

    /** The root activity's oid. */
    public int root() {
        return root;
    }

    /** The activity tree: parent of each activity ({@link KernelObject#NO_OID} for the root). */
    int parentActivity(int activity) {
        Node n = nodes.get(activity);
        return n != null && n.object() instanceof Activity a ? a.parent() : KernelObject.NO_OID;
    }
}
