package capsim.visual;

import static guru.nidi.graphviz.model.Factory.mutGraph;
import static guru.nidi.graphviz.model.Factory.mutNode;
import static guru.nidi.graphviz.model.Factory.to;

import capsim.personality.NodeLink;
import guru.nidi.graphviz.attribute.Attributes;
import guru.nidi.graphviz.attribute.Label;
import guru.nidi.graphviz.model.MutableGraph;
import guru.nidi.graphviz.model.MutableNode;
import guru.nidi.graphviz.model.Serializer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One diagram of several kernels: each node's {@link StateDiagram} as a cluster of its own (ids prefixed
 * {@code n<i>_}), and the links between nodes (a proxy and the object it stands for, an open request) as
 * dashed edges.
 *
 * <p>Layout, so that the picture reads the same at every step: the nodes stand left to right in their
 * order (node a left of node b), held there by an invisible split every object of one node ranks before
 * and every object of the next after; the legend stands outside every node. Links between the same two
 * objects are one edge with one label a line each, and every link is drawn from the earlier node to the
 * later one (the arrowhead turned round when it points back), so it ranks like any edge and Graphviz
 * places its label clear of the others.
 */
public final class NodesDiagram {
    static final String LINK = "#1f78b4";

    private NodesDiagram() {
    }

    /** The DOT text of the diagram; {@code diagrams} are in node order, configured but not yet prefixed. */
    public static String dot(String title, List<String> nodes, List<StateDiagram> diagrams, List<NodeLink> links) {
        MutableGraph root = mutGraph("capsim").setDirected(true);
        root.graphAttrs().add(Attributes.attr("rankdir", "LR"), Attributes.attr("fontname", StateDiagram.FONT),
                Attributes.attr("fontsize", 11), Attributes.attr("newrank", true), Attributes.attr("compound", true));
        root.nodeAttrs().add(Attributes.attr("fontname", StateDiagram.FONT), Attributes.attr("fontsize", 10));
        root.linkAttrs().add(Attributes.attr("fontname", StateDiagram.FONT), Attributes.attr("fontsize", 10));
        if (title != null) {
            root.graphAttrs().add(Label.of(StateDiagram.plainText(title)), Attributes.attr("labelloc", "t"),
                    Attributes.attr("fontsize", 14));
        }
        List<List<MutableNode>> members = new ArrayList<>();
        for (int i = 0; i < diagrams.size(); i++) {
            MutableGraph g = diagrams.get(i).idPrefix(prefix(i)).title(null).graph();
            g.setName("node" + i).setCluster(true);
            g.graphAttrs().add(Label.of(StateDiagram.plainText(nodes.get(i))), Attributes.attr("style", "rounded,bold"),
                    Attributes.attr("color", "#555555"), Attributes.attr("fontsize", 13), Attributes.attr("labeljust", "c"));
            liftLegend(g, prefix(i) + "legend", root);
            List<MutableNode> mine = new ArrayList<>();
            collect(g, mine);
            members.add(mine);
            root.add(g);
        }
        for (int i = 0; i + 1 < members.size(); i++) {
            split(root, "split" + i, members.get(i), members.get(i + 1));
        }
        for (Map.Entry<List<Integer>, List<String>> l : merged(links).entrySet()) {
            List<Integer> k = l.getKey();
            boolean back = k.get(0) > k.get(2);
            String from = prefix(k.get(0)) + "o" + k.get(1);
            String to = prefix(k.get(2)) + "o" + k.get(3);
            root.add(mutNode(back ? to : from).addLink(to(mutNode(back ? from : to))
                    .with(Attributes.attr("style", "dashed"), Attributes.attr("color", LINK), Attributes.attr("fontcolor", LINK),
                            Attributes.attr("dir", back ? "back" : "forward"), Label.of(String.join("\n", l.getValue())))));
        }
        return new Serializer().serialize(root);
    }

    /** The links between the same two objects, in a stable order: (from node, from oid, to node, to oid) → labels. */
    private static Map<List<Integer>, List<String>> merged(List<NodeLink> links) {
        Map<List<Integer>, List<String>> out = new LinkedHashMap<>();
        for (NodeLink l : links) {
            out.computeIfAbsent(List.of(l.fromNode(), l.fromOid(), l.toNode(), l.toOid()), x -> new ArrayList<>()).add(l.label());
        }
        out.values().forEach(java.util.Collections::sort);
        return out;
    }

    /** Moves the legend out of a node's cluster into the root graph: it belongs to no node. */
    private static void liftLegend(MutableGraph g, String name, MutableGraph root) {
        for (MutableNode n : new ArrayList<>(g.rootNodes())) {
            if (n.name().toString().equals(name)) {
                g.rootNodes().remove(n);
                root.add(n);
            }
        }
    }

    /** Every node of {@code g} and its subgraphs. */
    private static void collect(MutableGraph g, List<MutableNode> out) {
        out.addAll(g.rootNodes());
        for (MutableGraph sub : g.graphs()) {
            collect(sub, out);
        }
    }

    /** An invisible point every node of {@code before} ranks ahead of and every node of {@code after} behind. */
    private static void split(MutableGraph root, String name, List<MutableNode> before, List<MutableNode> after) {
        MutableNode split = mutNode(name).add(Attributes.attr("style", "invis"), Attributes.attr("shape", "point"),
                Attributes.attr("width", 0), Attributes.attr("label", ""));
        for (MutableNode n : before) {
            root.add(mutNode(n.name().toString()).addLink(to(split).with(Attributes.attr("style", "invis"))));
        }
        for (MutableNode n : after) {
            split.addLink(to(mutNode(n.name().toString())).with(Attributes.attr("style", "invis")));
        }
        root.add(split);
    }

    static String prefix(int node) {
        return "n" + node + "_";
    }
}
