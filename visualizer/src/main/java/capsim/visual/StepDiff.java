package capsim.visual;

import capsim.kernel.Kernel;
import capsim.visual.StateGraph.Edge;
import capsim.visual.StateGraph.EdgeKey;
import capsim.visual.StateGraph.EdgeKind;
import capsim.visual.StateGraph.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one step did to the object graph, computed structurally from the states before and after:
 * objects added, removed and changed (anything drawn for them differs), and edges added, removed and
 * changed (the same slot now holds a different capability, or it went stale).
 *
 * <p>An oid that holds an object of another type afterwards counts as one object removed and one added.
 */
public final class StepDiff {

    /** How an object or edge fared in the step. */
    public enum Change {
        ADDED, REMOVED, CHANGED, SAME
    }

    /** An edge present before and after whose value changed. */
    public record EdgeChange(Edge before, Edge after) {
    }

    private final StateGraph before;
    private final StateGraph after;
    private final Set<Integer> added = new LinkedHashSet<>();
    private final Set<Integer> removed = new LinkedHashSet<>();
    private final Set<Integer> changed = new LinkedHashSet<>();
    private final Map<EdgeKey, Edge> addedEdges = new LinkedHashMap<>();
    private final Map<EdgeKey, Edge> removedEdges = new LinkedHashMap<>();
    private final Map<EdgeKey, EdgeChange> changedEdges = new LinkedHashMap<>();

    private StepDiff(StateGraph before, StateGraph after) {
        this.before = before;
        this.after = after;
        for (Node n : after.nodes().values()) {
            Node b = before.node(n.oid());
            if (b == null || b.type() != n.type()) {
                added.add(n.oid());
            } else if (!b.fingerprint().equals(n.fingerprint())) {
                changed.add(n.oid());
            }
        }
        for (Node b : before.nodes().values()) {
            Node n = after.node(b.oid());
            if (n == null || n.type() != b.type()) {
                removed.add(b.oid());
            }
        }
        for (Edge e : after.edges().values()) {
            Edge b = before.edges().get(e.key());
            if (b == null || replaced(b)) {
                addedEdges.put(e.key(), e);
            } else if (!b.value().equals(e.value())) {
                changedEdges.put(e.key(), new EdgeChange(b, e));
            }
        }
        for (Edge b : before.edges().values()) {
            Edge e = after.edges().get(b.key());
            if (e == null || replaced(b)) {
                removedEdges.put(b.key(), b);
            }
        }
    }

    /** True when the edge's source object was replaced by another object under the same oid. */
    private boolean replaced(Edge b) {
        return removed.contains(b.from()) || (b.kind() != EdgeKind.SLOT && removed.contains(b.to()));
    }

    /** The diff between two states (snapshots, or a kernel and a snapshot taken before its last step). */
    public static StepDiff between(Kernel before, Kernel after) {
        return new StepDiff(StateGraph.of(before), StateGraph.of(after));
    }

    public static StepDiff between(StateGraph before, StateGraph after) {
        return new StepDiff(before, after);
    }

    public StateGraph before() {
        return before;
    }

    public StateGraph after() {
        return after;
    }

    /** Oids of objects that exist only after the step. */
    public Set<Integer> added() {
        return Collections.unmodifiableSet(added);
    }

    /** Oids of objects that existed only before the step (freed, or replaced by another type). */
    public Set<Integer> removed() {
        return Collections.unmodifiableSet(removed);
    }

    /** Oids of objects present before and after whose drawing differs. */
    public Set<Integer> changed() {
        return Collections.unmodifiableSet(changed);
    }

    public Map<EdgeKey, Edge> addedEdges() {
        return Collections.unmodifiableMap(addedEdges);
    }

    public Map<EdgeKey, Edge> removedEdges() {
        return Collections.unmodifiableMap(removedEdges);
    }

    public Map<EdgeKey, EdgeChange> changedEdges() {
        return Collections.unmodifiableMap(changedEdges);
    }

    /** True when the step changed nothing drawn. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && addedEdges.isEmpty()
                && removedEdges.isEmpty() && changedEdges.isEmpty();
    }

    /** How the object {@code oid} fared (as drawn in the after-state; {@link Change#REMOVED} for ghosts). */
    public Change ofNode(int oid) {
        if (added.contains(oid)) {
            return Change.ADDED;
        }
        if (changed.contains(oid)) {
            return Change.CHANGED;
        }
        return removed.contains(oid) && after.node(oid) == null ? Change.REMOVED : Change.SAME;
    }

    /** How the after-state edge with this key fared. */
    public Change ofEdge(EdgeKey key) {
        if (addedEdges.containsKey(key)) {
            return Change.ADDED;
        }
        return changedEdges.containsKey(key) ? Change.CHANGED : Change.SAME;
    }

    /** One line per change, for people: "+ frame#12", "~ buffer#5.payload: frame#9 -> frame#12", ... */
    public List<String> summary(Names names) {
        List<String> lines = new ArrayList<>();
        for (int oid : added) {
            lines.add("+ " + names.ref(after.node(oid).object()) + " allocated");
        }
        for (int oid : removed) {
            lines.add("- " + names.ref(before.node(oid).object()) + " freed");
        }
        for (int oid : changed) {
            lines.add("~ " + names.ref(after.node(oid).object()) + " changed");
        }
        for (Edge e : addedEdges.values()) {
            lines.add("+ " + describe(e, after, names));
        }
        for (EdgeChange c : changedEdges.values()) {
            if (c.after().port() == null || c.after().cap() == null) {
                // Queue and activation edges have no slot: say what they are now.
                lines.add("~ " + describe(c.after(), after, names));
            } else {
                lines.add("~ " + source(c.after(), after, names) + ": " + target(c.before(), names) + " -> "
                        + target(c.after(), names));
            }
        }
        for (Edge e : removedEdges.values()) {
            lines.add("- " + describe(e, before, names));
        }
        return lines;
    }

    private static String describe(Edge e, StateGraph g, Names names) {
        return switch (e.kind()) {
            case SLOT -> source(e, g, names) + " -> " + target(e, names);
            case WAITS_TO_SEND -> ref(g, e.from(), names) + " waits to send on " + ref(g, e.to(), names);
            case WAITS_TO_RECEIVE -> ref(g, e.from(), names) + " waits to receive on " + ref(g, e.to(), names);
            case ACTIVATED -> ref(g, e.from(), names) + " activated for " + ref(g, e.to(), names);
            case PENDING -> ref(g, e.from(), names) + " has " + ref(g, e.to(), names) + " pending";
        };
    }

    /** "cappage#4[20]", "buffer#5.payload", "thread#2.as_root". */
    static String source(Edge e, StateGraph g, Names names) {
        String from = ref(g, e.from(), names);
        return e.port().startsWith("s") && e.port().length() > 1 && Character.isDigit(e.port().charAt(1))
                ? from + "[" + e.port().substring(1) + "]"
                : from + "." + e.port();
    }

    /** "buffer#7 rw", "stale frame#9v1", ... */
    static String target(Edge e, Names names) {
        String t = names.ref(e.cap().type(), e.cap().oid()) + " " + e.cap().rights().word()
                + (e.cap().payload() != 0 ? " pp=" + e.cap().payload() : "");
        return e.stale() ? "stale " + t + " (v" + e.cap().version() + ")" : t;
    }

    private static String ref(StateGraph g, int oid, Names names) {
        Node n = g.node(oid);
        return n == null ? "#" + oid : names.ref(n.object());
    }
}
