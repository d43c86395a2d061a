package capsim.visual;

import static guru.nidi.graphviz.model.Factory.mutGraph;
import static guru.nidi.graphviz.model.Factory.mutNode;
import static guru.nidi.graphviz.model.Factory.to;

import capsim.personality.NodeLink;
import guru.nidi.graphviz.attribute.Attributes;
import guru.nidi.graphviz.attribute.Label;
import guru.nidi.graphviz.model.MutableGraph;
import guru.nidi.graphviz.model.Serializer;
import java.util.List;

/**
 * One diagram of several kernels: each node's {@link StateDiagram} as a cluster of its own (ids prefixed
 * {@code n<i>_}), and the links between nodes (a proxy and the object it stands for) as dashed edges.
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
        if (title != null) {
            root.graphAttrs().add(Label.of(StateDiagram.plainText(title)), Attributes.attr("labelloc", "t"),
                    Attributes.attr("fontsize", 14));
        }
        for (int i = 0; i < diagrams.size(); i++) {
            MutableGraph g = diagrams.get(i).idPrefix(prefix(i)).title(null).graph();
            g.setName("node" + i).setCluster(true);
            g.graphAttrs().add(Label.of(StateDiagram.plainText(nodes.get(i))), Attributes.attr("style", "rounded,bold"),
                    Attributes.attr("color", "#555555"), Attributes.attr("fontsize", 13), Attributes.attr("labeljust", "c"));
            root.add(g);
        }
        for (NodeLink l : links) {
            root.add(mutNode(prefix(l.fromNode()) + "o" + l.fromOid()).addLink(to(mutNode(prefix(l.toNode()) + "o" + l.toOid()))
                    .with(Attributes.attr("style", "dashed"), Attributes.attr("color", LINK), Attributes.attr("fontcolor", LINK),
                            Attributes.attr("constraint", false), Label.of(l.label()))));
        }
        return new Serializer().serialize(root);
    }

    static String prefix(int node) {
        return "n" + node + "_";
    }
}
