package capsim.visual;

import static guru.nidi.graphviz.attribute.Attributes.attr;
import static guru.nidi.graphviz.model.Factory.between;
import static guru.nidi.graphviz.model.Factory.mutGraph;
import static guru.nidi.graphviz.model.Factory.mutNode;
import static guru.nidi.graphviz.model.Factory.port;
import static guru.nidi.graphviz.model.Factory.to;

import capsim.kernel.BufferSlot;
import capsim.kernel.CapPage;
import capsim.kernel.CapType;
import capsim.kernel.Capability;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import capsim.kernel.MessageBuffer;
import capsim.visual.StateGraph.Edge;
import capsim.visual.StateGraph.EdgeKey;
import capsim.visual.StateGraph.EdgeKind;
import capsim.visual.StateGraph.Node;
import capsim.visual.StepDiff.Change;
import capsim.visual.StepDiff.EdgeChange;
import guru.nidi.graphviz.attribute.Attributes;
import guru.nidi.graphviz.attribute.ForLink;
import guru.nidi.graphviz.attribute.Label;
import guru.nidi.graphviz.model.Link;
import guru.nidi.graphviz.model.MutableGraph;
import guru.nidi.graphviz.model.MutableNode;
import guru.nidi.graphviz.model.Serializer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The object diagram of one state, as a graphviz-java model: one node per live object, nested clusters
 * for the activity tree (each object inside the activity it is charged to), an edge per capability from
 * the slot holding it, queue-membership and activation edges, and a legend. Given a {@link StepDiff} it
 * draws the after-state with what the step added (green), changed (orange) and removed (grey, still
 * drawn) highlighted.
 *
 * <p>Node ids are stable: {@code o<oid>} for objects ({@code o<oid>x} for a removed object whose oid now
 * holds another), clusters {@code cluster_a<oid>}, stale-capability markers {@code stale_<oid>_<version>},
 * each after the {@link #idPrefix} when one is set.
 */
public final class StateDiagram {
    static final String INK = "#333333";
    static final String ADDED = "#1a9850";
    static final String CHANGED = "#e66101";
    static final String REMOVED = "#a6a6a6";
    static final String STALE = "#d7191c";
    static final String ADDED_BG = "#c9efd3";
    static final String CHANGED_BG = "#ffdcb8";
    static final String REMOVED_BG = "#f2f2f2";
    static final String WAIT_SEND = "#2c7bb6";
    static final String WAIT_RECEIVE = "#00838f";
    static final String ACTIVATION = "#7b3294";
    static final String FONT = "Helvetica";

    private final StateGraph graph;
    private final StepDiff diff;
    private Names names = Names.of(null);
    private DrawingStyle style = DrawingStyle.viengoos();
    private String title;
    private boolean legend = true;
    private String prefix = "";

    private StateDiagram(StateGraph graph, StepDiff diff) {
        this.graph = graph;
        this.diff = diff;
    }

    /** The diagram of {@code state} as it is now. */
    public static StateDiagram of(Kernel state) {
        return new StateDiagram(StateGraph.of(state), null);
    }

    public static StateDiagram of(StateGraph state) {
        return new StateDiagram(state, null);
    }

    /** The diagram of a step: the after-state with the step's changes highlighted. */
    public static StateDiagram of(StepDiff diff) {
        return new StateDiagram(diff.after(), diff);
    }

    /** Labels objects by scenario name (oid → name). */
    public StateDiagram names(Map<Integer, String> byOid) {
        return names(Names.of(byOid));
    }

    public StateDiagram names(Names n) {
        this.names = n;
        return this;
    }

    public StateDiagram style(DrawingStyle p) {
        this.style = p;
        return this;
    }

    /** A caption drawn above the diagram. */
    public StateDiagram title(String t) {
        this.title = t;
        return this;
    }

    /** Whether to draw the legend (default: yes). */
    public StateDiagram legend(boolean on) {
        this.legend = on;
        return this;
    }

    /**
     * Prefixes every node and cluster id, so diagrams of several kernels can share one graph
     * ({@link NodesDiagram}).
     */
    public StateDiagram idPrefix(String p) {
        this.prefix = p;
        return this;
    }

    /** The graphviz-java model of the diagram (a fresh one each call). */
    public MutableGraph graph() {
        return new Build().run();
    }

    /** The diagram as DOT text (no rendering engine needed). */
    public String dot() {
        return new Serializer().serialize(graph());
    }

    /** The node id of live object {@code oid}. */
    String liveId(int oid) {
        return prefix + "o" + oid;
    }

    // ------------------------------------------------------------------ one build

    /** One run of the builder; holds the per-build indexes. */
    private final class Build {
        private final MutableGraph root = mutGraph("capsim").setDirected(true);
        /** Clusters by the id of their activity's node. */
        private final Map<String, MutableGraph> clusters = new LinkedHashMap<>();
        private final Map<String, String> clusterParent = new LinkedHashMap<>();
        /** Edge sources by node id, attribute-less: edges are declared at the top level (see {@link #edge}). */
        private final Map<String, MutableNode> proxies = new LinkedHashMap<>();
        private final Map<String, MutableNode> markers = new LinkedHashMap<>();
        /** Slots of live capability pages that the step emptied: drawn as "void (was ...)" rows. */
        private final Map<Integer, Map<Integer, Edge>> emptied = new TreeMap<>();

        MutableGraph run() {
            root.graphAttrs().add(attr("rankdir", "LR"), attr("fontname", FONT), attr("fontsize", 11),
                    attr("nodesep", 0.25), attr("ranksep", 0.5), attr("newrank", true));
            root.nodeAttrs().add(attr("fontname", FONT), attr("fontsize", 10));
            root.linkAttrs().add(attr("fontname", FONT), attr("fontsize", 9));
            if (title != null) {
                root.graphAttrs().add(Label.of(plainText(title)), attr("labelloc", "t"), attr("fontsize", 14));
            }
            if (diff != null) {
                collectEmptiedSlots();
            }
            for (Node n : graph.nodes().values()) {
                if (n.type() == CapType.ACTIVITY) {
                    cluster(n, liveId(n.oid()), false);
                }
            }
            for (Node n : ghosts()) {
                if (n.type() == CapType.ACTIVITY) {
                    cluster(n, ghostId(n.oid()), true);
                }
            }
            for (Node n : graph.nodes().values()) {
                place(n, liveId(n.oid()), false);
            }
            for (Node n : ghosts()) {
                place(n, ghostId(n.oid()), true);
            }
            edges();
            nestClusters();
            if (legend) {
                root.add(legendNode());
            }
            markers.values().forEach(root::add);
            // Proxies last: a node's hash covers its links, so it joins a set only once complete.
            proxies.values().forEach(root::add);
            return root;
        }

        private List<Node> ghosts() {
            List<Node> r = new ArrayList<>();
            if (diff != null) {
                for (int oid : diff.removed()) {
                    r.add(diff.before().node(oid));
                }
            }
            return r;
        }

        private String ghostId(int oid) {
            return graph.node(oid) == null ? liveId(oid) : liveId(oid) + "x";
        }

        private boolean isGhost(int oid) {
            return diff != null && diff.removed().contains(oid);
        }

        /** The id of object {@code oid} as the before-state knows it (a ghost when the step removed it). */
        private String beforeId(int oid) {
            return isGhost(oid) ? ghostId(oid) : liveId(oid);
        }

        private void collectEmptiedSlots() {
            for (Edge e : diff.removedEdges().values()) {
                if (e.kind() == EdgeKind.SLOT && !isGhost(e.from()) && graph.node(e.from()) != null
                        && graph.node(e.from()).object() instanceof CapPage) {
                    emptied.computeIfAbsent(e.from(), k -> new TreeMap<>()).put(slotIndex(e.port()), e);
                }
            }
        }

        // -------------------------------------------------------------- clusters

        private void cluster(Node activity, String id, boolean ghost) {
            Change status = ghost ? Change.REMOVED : status(activity.oid());
            MutableGraph c = mutGraph(prefix + "a" + id.substring(prefix.length() + 1)).setCluster(true).setDirected(true);
            String color = switch (status) {
                case ADDED -> ADDED;
                case REMOVED -> REMOVED;
                default -> "#b59a2e";
            };
            c.graphAttrs().add(Label.of(plainText(names.ref(activity.object()))), attr("style", ghost ? "rounded,dashed" : "rounded"),
                    attr("color", color), attr("fontcolor", ghost ? REMOVED : INK), attr("fontsize", 10),
                    attr("penwidth", status == Change.ADDED ? 2 : 1), attr("labeljust", "l"));
            clusters.put(id, c);
            int parent = ((capsim.kernel.Activity) activity.object()).parent();
            String parentId = parent == KernelObject.NO_OID ? null : clusterId(parent, ghost);
            clusterParent.put(id, parentId);
        }

        /** The cluster an object charged to {@code activity} goes in, seen from the live or the ghost side. */
        private String clusterId(int activity, boolean ghostSide) {
            if (ghostSide && isGhost(activity) && diff.before().node(activity).type() == CapType.ACTIVITY) {
                return ghostId(activity);
            }
            Node live = graph.node(activity);
            if (live != null && live.type() == CapType.ACTIVITY) {
                return liveId(activity);
            }
            return isGhost(activity) ? ghostId(activity) : null;
        }

        /** Adds clusters to their parents deepest first: a graph's hash covers its content. */
        private void nestClusters() {
            Map<String, Integer> depth = new LinkedHashMap<>();
            for (String id : clusters.keySet()) {
                int d = 0;
                for (String p = clusterParent.get(id); p != null && d <= clusters.size(); p = clusterParent.get(p)) {
                    d++;
                }
                depth.put(id, d);
            }
            List<String> order = new ArrayList<>(clusters.keySet());
            order.sort(Comparator.comparing((String id) -> -depth.get(id)));
            for (String id : order) {
                String p = clusterParent.get(id);
                MutableGraph parent = p == null ? null : clusters.get(p);
                (parent == null ? root : parent).add(clusters.get(id));
            }
        }

        // -------------------------------------------------------------- nodes

        private Change status(int oid) {
            return diff == null ? Change.SAME : diff.ofNode(oid);
        }

        private void place(Node n, String id, boolean ghost) {
            Change status = ghost ? Change.REMOVED : status(n.oid());
            MutableNode node = isRecord(n.object()) ? record(n, id, status, ghost) : plain(n, id, status);
            String cid = clusterId(n.cluster(), ghost);
            MutableGraph c = cid == null ? null : clusters.get(cid);
            (c == null ? root : c).add(node);
        }

        private MutableNode plain(Node n, String id, Change status) {
            NodeLook look = style.look(n.object(), names);
            StringBuilder html = new StringBuilder();
            badge(html, status);
            html.append("<B>").append(Xml.escape(look.title())).append("</B>");
            for (String d : look.details()) {
                html.append("<BR/><FONT POINT-SIZE=\"9\">").append(Xml.escape(d)).append("</FONT>");
            }
            boolean ghost = status == Change.REMOVED;
            return mutNode(id).add(attr("shape", look.shape()), attr("style", ghost ? "filled,dashed" : "filled"),
                    attr("fillcolor", ghost ? REMOVED_BG : look.fill()), attr("color", border(status)),
                    attr("penwidth", penwidth(status)), attr("fontcolor", ghost ? REMOVED : INK),
                    attr("margin", look.shape().equals("cds") ? "0.25,0.14" : "0.08,0.04"), Label.html(html.toString()));
        }

        /** A table: title, details, then one row per slot, each row a port named after its slot. */
        private MutableNode record(Node n, String id, Change status, boolean ghost) {
            NodeLook look = style.look(n.object(), names);
            StringBuilder t = new StringBuilder();
            t.append("<TABLE BORDER=\"").append(status == Change.SAME ? 1 : 3).append("\" CELLBORDER=\"0\" CELLSPACING=\"0\"")
                    .append(" CELLPADDING=\"2\" COLOR=\"").append(border(status)).append("\" BGCOLOR=\"")
                    .append(ghost ? REMOVED_BG : look.fill()).append("\"")
                    .append(n.object() instanceof MessageBuffer ? " STYLE=\"ROUNDED\"" : "").append('>');
            t.append("<TR><TD ALIGN=\"CENTER\">");
            badge(t, status);
            t.append("<B>").append(Xml.escape(look.title())).append("</B>");
            for (String d : look.details()) {
                t.append("<BR/><FONT POINT-SIZE=\"9\">").append(Xml.escape(d)).append("</FONT>");
            }
            t.append("</TD></TR><HR/>");
            StateGraph side = ghost ? diff.before() : graph;
            int rows = 0;
            if (n.object() instanceof MessageBuffer) {
                for (BufferSlot s : BufferSlot.values()) {
                    slotRow(t, n.oid(), s.word(), s.word(), side, ghost);
                    rows++;
                }
            } else {
                TreeMap<Integer, String> ports = new TreeMap<>();
                for (Edge e : side.edges().values()) {
                    if (e.from() == n.oid() && e.kind() == EdgeKind.SLOT) {
                        ports.put(slotIndex(e.port()), e.port());
                    }
                }
                if (!ghost) {
                    emptied.getOrDefault(n.oid(), Map.of()).forEach((i, e) -> ports.put(i, e.port()));
                }
                for (Map.Entry<Integer, String> p : ports.entrySet()) {
                    slotRow(t, n.oid(), p.getValue(), String.valueOf(p.getKey()), side, ghost);
                    rows++;
                }
            }
            if (rows == 0) {
                t.append("<TR><TD><FONT POINT-SIZE=\"9\" COLOR=\"").append(REMOVED).append("\">all slots void</FONT></TD></TR>");
            }
            t.append("</TABLE>");
            return mutNode(id).add(attr("shape", "plain"), attr("fontcolor", ghost ? REMOVED : INK), Label.html(t.toString()));
        }

        private void slotRow(StringBuilder t, int oid, String port, String label, StateGraph side, boolean ghost) {
            Edge e = side.edges().get(new EdgeKey(oid, port, EdgeKind.SLOT, -1));
            Change change = Change.SAME;
            String text;
            if (e != null) {
                text = label + ": " + slotText(e);
                if (!ghost && diff != null) {
                    change = diff.ofEdge(e.key());
                }
            } else {
                Edge was = ghost || diff == null ? null : diff.removedEdges().get(new EdgeKey(oid, port, EdgeKind.SLOT, -1));
                text = label + ": void" + (was != null ? " (was " + slotText(was) + ")" : "");
                change = was != null ? Change.REMOVED : Change.SAME;
            }
            String bg = switch (change) {
                case ADDED -> ADDED_BG;
                case CHANGED -> CHANGED_BG;
                case REMOVED -> REMOVED_BG;
                case SAME -> null;
            };
            boolean dim = e == null || ghost;
            t.append("<TR><TD PORT=\"").append(Xml.escape(port)).append("\" ALIGN=\"LEFT\"")
                    .append(bg != null ? " BGCOLOR=\"" + bg + "\"" : "").append('>')
                    .append(dim || (e.stale()) ? "<FONT COLOR=\"" + (e != null && e.stale() && !ghost ? STALE : REMOVED) + "\">" : "")
                    .append(Xml.escape(text))
                    .append(dim || e.stale() ? "</FONT>" : "")
                    .append("</TD></TR>");
        }

        private String slotText(Edge e) {
            Capability c = e.cap();
            String t = names.shortRef(c.type(), c.oid()) + " " + c.rights().word() + (c.payload() != 0 ? " pp=" + c.payload() : "");
            return e.stale() ? "stale " + Names.id(c.type(), c.oid()) + " v" + c.version() : t;
        }

        private void badge(StringBuilder html, Change status) {
            String text = switch (status) {
                case ADDED -> "+ new";
                case CHANGED -> "~ changed";
                case REMOVED -> "x removed";
                case SAME -> null;
            };
            if (text != null) {
                html.append("<FONT POINT-SIZE=\"9\" COLOR=\"").append(border(status)).append("\"><B>").append(text)
                        .append("</B></FONT><BR/>");
            }
        }

        // -------------------------------------------------------------- edges

        private void edges() {
            for (Edge e : graph.edges().values()) {
                edge(e, diff == null ? Change.SAME : diff.ofEdge(e.key()), liveId(e.from()), false);
            }
            if (diff == null) {
                return;
            }
            for (EdgeChange c : diff.changedEdges().values()) {
                // The slot now designates something else: keep the old arrow, greyed, so the move shows.
                if (c.before().to() != c.after().to() || c.before().stale() != c.after().stale()) {
                    edge(c.before(), Change.REMOVED, liveId(c.before().from()), true);
                }
            }
            for (Edge e : diff.removedEdges().values()) {
                edge(e, Change.REMOVED, beforeId(e.from()), true);
            }
        }

        /**
         * Declares an edge on an attribute-less stand-in for its source node at the top level: an edge
         * statement inside a cluster would pull its far end into that cluster.
         */
        private void edge(Edge e, Change status, String fromId, boolean beforeSide) {
            String toId = target(e, beforeSide);
            Node from = (beforeSide && isGhost(e.from()) ? diff.before() : graph).node(e.from());
            boolean ported = e.port() != null && from != null && isRecord(from.object());
            MutableNode proxy = proxies.computeIfAbsent(fromId, k -> mutNode(k));
            Link link = ported ? between(port(e.port()), mutNode(toId)) : to(mutNode(toId));
            proxy.addLink(link.with(edgeAttrs(e, status, from)));
        }

        private String target(Edge e, boolean beforeSide) {
            if (e.kind() == EdgeKind.SLOT && e.stale()) {
                return marker(e.cap());
            }
            String id = beforeSide ? beforeId(e.to()) : liveId(e.to());
            boolean exists = beforeSide ? (isGhost(e.to()) || graph.node(e.to()) != null) : graph.node(e.to()) != null;
            return exists ? id : missing(e.to());
        }

        private String marker(Capability c) {
            String id = prefix + "stale_" + c.oid() + "_" + c.version();
            markers.computeIfAbsent(id, k -> mutNode(k).add(attr("shape", "box"), attr("style", "dashed,rounded"),
                    attr("color", STALE), attr("fontcolor", STALE), attr("fontsize", 8), attr("height", 0.2),
                    attr("margin", "0.04,0.02"),
                    Label.html("stale<BR/>" + Xml.escape(Names.id(c.type(), c.oid())) + " v" + c.version())));
            return id;
        }

        private String missing(int oid) {
            String id = prefix + "gone_" + oid;
            markers.computeIfAbsent(id, k -> mutNode(k).add(attr("shape", "box"), attr("style", "dashed"),
                    attr("color", REMOVED), attr("fontcolor", REMOVED), attr("fontsize", 8),
                    Label.of("#" + oid + " (gone)")));
            return id;
        }

        private Attributes<ForLink> edgeAttrs(Edge e, Change status, Node from) {
            String color;
            String style;
            String label;
            double pen = 1;
            String arrow = "normal";
            switch (e.kind()) {
                case SLOT -> {
                    Capability c = e.cap();
                    boolean threadSlot = from != null && from.object() instanceof KernelThread;
                    label = (threadSlot ? e.port() + " " : "") + c.rights().word() + (c.payload() != 0 ? " pp=" + c.payload() : "");
                    color = threadSlot ? "#777777" : INK;
                    style = "solid";
                    if (!c.rights().write()) {
                        arrow = "empty";
                    }
                    if (e.stale()) {
                        color = STALE;
                        style = "dashed";
                        label = "stale";
                    }
                }
                case WAITS_TO_SEND -> {
                    color = WAIT_SEND;
                    style = "dotted";
                    label = "waits to send #" + (e.order() + 1);
                    pen = 2;
                }
                case WAITS_TO_RECEIVE -> {
                    color = WAIT_RECEIVE;
                    style = "dotted";
                    label = "waits to receive #" + (e.order() + 1);
                    pen = 2;
                }
                case ACTIVATED -> {
                    color = ACTIVATION;
                    style = "bold";
                    label = "activated for";
                    pen = 2;
                }
                case PENDING -> {
                    color = ACTIVATION;
                    style = "dashed";
                    label = "pending #" + (e.order() + 1);
                }
                default -> throw new IllegalStateException(e.kind().name());
            }
            switch (status) {
                case ADDED -> {
                    color = ADDED;
                    pen = 3;
                    label = "+ " + label;
                }
                case CHANGED -> {
                    color = CHANGED;
                    pen = 3;
                    label = "~ " + label;
                }
                case REMOVED -> {
                    color = REMOVED;
                    style = "dashed";
                    pen = 1;
                    label = "was " + label;
                }
                case SAME -> {
                }
            }
            return Attributes.attrs(attr("color", color), attr("fontcolor", color), attr("style", style),
                    attr("penwidth", pen), attr("arrowhead", arrow), Label.of(label));
        }

        // -------------------------------------------------------------- legend

        /** One table node: a swatch per object type, a line sample per edge style, the diff colours. */
        private MutableNode legendNode() {
            StringBuilder t = new StringBuilder("<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"2\"")
                    .append(" COLOR=\"#999999\" BGCOLOR=\"white\">");
            t.append("<TR><TD COLSPAN=\"2\"><B>legend</B> <FONT POINT-SIZE=\"8\">(")
                    .append(Xml.escape(style.name())).append(")</FONT></TD></TR>");
            for (NodeLook look : style.legendEntries()) {
                String said = look.details().isEmpty() ? look.shape() : look.details().get(0);
                t.append("<TR><TD BGCOLOR=\"").append(Xml.escape(look.fill())).append("\" BORDER=\"1\" COLOR=\"")
                        .append(INK).append("\">").append(Xml.escape(look.title())).append("</TD><TD ALIGN=\"LEFT\">")
                        .append("<FONT POINT-SIZE=\"8\">").append(Xml.escape(said)).append("</FONT></TD></TR>");
            }
            List<String[]> rows = new ArrayList<>(List.of(
                    new String[] {INK, "\u2014\u2014\u25b6", "capability (rights, pp)"},
                    new String[] {INK, "\u2014\u2014\u25b7", "weak capability (no write)"},
                    new String[] {STALE, "- - -\u25b6", "stale capability (object gone)"},
                    new String[] {WAIT_SEND, "\u00b7\u00b7\u00b7\u00b7\u25b6", "buffer waits to send"},
                    new String[] {WAIT_RECEIVE, "\u00b7\u00b7\u00b7\u00b7\u25b6", "buffer waits to receive"},
                    new String[] {ACTIVATION, "\u2501\u2501\u25b6", "thread activated for buffer"},
                    new String[] {ACTIVATION, "- - -\u25b6", "activation pending"}));
            if (diff != null) {
                rows.add(new String[] {ADDED, "\u2501\u2501\u25b6", "added by this step (+)"});
                rows.add(new String[] {CHANGED, "\u2501\u2501\u25b6", "changed by this step (~)"});
                rows.add(new String[] {REMOVED, "- - -\u25b6", "removed by this step (was)"});
            }
            for (String[] r : rows) {
                t.append("<TR><TD><FONT COLOR=\"").append(r[0]).append("\">").append(r[1])
                        .append("</FONT></TD><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"8\" COLOR=\"").append(r[0]).append("\">")
                        .append(Xml.escape(r[2])).append("</FONT></TD></TR>");
            }
            t.append("</TABLE>");
            return mutNode(prefix + "legend").add(attr("shape", "plain"), Label.html(t.toString()));
        }
    }

    /**
     * Text for a plain (non-HTML) label: graphviz-java escapes quotes but not backslashes, which Graphviz
     * reads as escape sequences ({@code \n}, {@code \N}, ...).
     */
    static String plainText(String s) {
        return s.replace("\\", "\\\\");
    }

    static boolean isRecord(KernelObject o) {
        return o instanceof CapPage || o instanceof MessageBuffer;
    }

    static int slotIndex(String port) {
        return Integer.parseInt(port.substring(1));
    }

    static String border(Change status) {
        return switch (status) {
            case ADDED -> ADDED;
            case CHANGED -> CHANGED;
            case REMOVED -> REMOVED;
            case SAME -> INK;
        };
    }

    static double penwidth(Change status) {
        return status == Change.SAME || status == Change.REMOVED ? 1 : 3;
    }

}
