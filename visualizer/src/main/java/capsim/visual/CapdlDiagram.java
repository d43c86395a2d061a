package capsim.visual;

import java.util.List;
import java.util.Locale;

/**
 * The object graph of a capDL system as DOT: objects with slots (CNodes, TCBs, page tables, ASID pools, IRQ
 * objects) as record nodes with one port per slot, an edge from each slot to the object its capability
 * designates, other objects as plain nodes shaped by kind, and untyped covers as nested clusters. The caller
 * (the capDL reader, which this module cannot see) decides what to draw; this class only lays it out.
 */
public final class CapdlDiagram {
    private static final String FONT = StateDiagram.FONT;

    /** One slot row of a record node: its label and, when drawn, the id of the node its capability designates. */
    public record Slot(String label, String target, boolean strong) {
    }

    /**
     * One node: {@code kind} is the capDL keyword ({@code tcb}, {@code cnode}, {@code ep}...) or {@code group}
     * for several leaf objects drawn as one; {@code slots} is empty for objects that hold no capabilities.
     */
    public record Node(String id, String kind, String name, List<String> details, List<Slot> slots) {
    }

    /** An untyped and what it covers: node ids and nested untypeds. */
    public record Cluster(String label, List<String> nodes, List<Cluster> children) {
    }

    private CapdlDiagram() {
    }

    /** The DOT text. */
    public static String dot(String title, List<Node> nodes, List<Cluster> clusters) {
        StringBuilder sb = new StringBuilder("digraph capdl {\n");
        sb.append("  graph [rankdir=LR, fontname=\"").append(FONT).append("\", fontsize=11, newrank=true, ranksep=0.6, nodesep=0.15")
                .append(title == null ? "" : ", labelloc=t, fontsize=14, label=" + quote(title)).append("];\n");
        sb.append("  node [fontname=\"").append(FONT).append("\", fontsize=10];\n");
        sb.append("  edge [fontname=\"").append(FONT).append("\", fontsize=8, arrowsize=0.6];\n");
        int[] counter = {0};
        for (Cluster c : clusters) {
            cluster(sb, c, counter, "  ");
        }
        for (Node n : nodes) {
            sb.append("  ").append(quote(n.id())).append(' ').append(look(n)).append(";\n");
        }
        for (Node n : nodes) {
            for (int i = 0; i < n.slots().size(); i++) {
                Slot s = n.slots().get(i);
                if (s.target() != null) {
                    sb.append("  ").append(quote(n.id())).append(":s").append(i).append(":e -> ").append(quote(s.target()))
                            .append(s.strong() ? " [color=\"#b2182b\"]" : " [color=\"#555555\"]").append(";\n");
                }
            }
        }
        return sb.append("}\n").toString();
    }

    private static void cluster(StringBuilder sb, Cluster c, int[] counter, String indent) {
        sb.append(indent).append("subgraph cluster_").append(counter[0]++).append(" {\n");
        sb.append(indent).append("  label=").append(quote(c.label()))
                .append("; style=\"rounded,dashed\"; color=\"#8c6d31\"; fontcolor=\"#8c6d31\"; fontsize=10;\n");
        for (String id : c.nodes()) {
            sb.append(indent).append("  ").append(quote(id)).append(";\n");
        }
        for (Cluster child : c.children()) {
            cluster(sb, child, counter, indent + "  ");
        }
        sb.append(indent).append("}\n");
    }

    private static String look(Node n) {
        String fill = fill(n.kind());
        if (!n.slots().isEmpty()) {
            StringBuilder t = new StringBuilder("<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"2\" BGCOLOR=\"")
                    .append(fill).append("\">");
            t.append("<TR><TD><B>").append(Xml.escape(n.name())).append("</B> <FONT POINT-SIZE=\"8\">")
                    .append(Xml.escape(n.kind())).append("</FONT>");
            for (String d : n.details()) {
                t.append("<BR/><FONT POINT-SIZE=\"8\">").append(Xml.escape(d)).append("</FONT>");
            }
            t.append("</TD></TR>");
            for (int i = 0; i < n.slots().size(); i++) {
                t.append("<TR><TD PORT=\"s").append(i).append("\" ALIGN=\"LEFT\" BGCOLOR=\"white\"><FONT POINT-SIZE=\"8\">")
                        .append(Xml.escape(n.slots().get(i).label())).append("</FONT></TD></TR>");
            }
            t.append("</TABLE>");
            return "[shape=plain, label=<" + t + ">]";
        }
        StringBuilder label = new StringBuilder("<<B>").append(Xml.escape(n.name())).append("</B><BR/><FONT POINT-SIZE=\"8\">")
                .append(Xml.escape(n.kind())).append("</FONT>");
        for (String d : n.details()) {
            label.append("<BR/><FONT POINT-SIZE=\"8\">").append(Xml.escape(d)).append("</FONT>");
        }
        label.append('>');
        return "[shape=" + shape(n.kind()) + ", style=\"filled" + (opaque(n.kind()) ? ",dashed" : "") + "\", fillcolor=\"" + fill
                + "\", margin=\"0.06,0.03\", label=" + label + "]";
    }

    private static String shape(String kind) {
        return switch (kind) {
            case "ep" -> "ellipse";
            case "notification" -> "octagon";
            case "frame", "group" -> "note";
            case "ut" -> "folder";
            case "tcb" -> "box";
            default -> "box";
        };
    }

    private static String fill(String kind) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "tcb" -> "#fee8c8";
            case "cnode" -> "#deebf7";
            case "ep" -> "#e5f5e0";
            case "notification" -> "#fde0ef";
            case "ut" -> "#f6e8c3";
            case "frame", "group" -> "#f0f0f0";
            case "pt", "pd", "pdpt", "pml4", "pud", "pgd" -> "#efedf5";
            default -> "#ffffff";
        };
    }

    private static boolean opaque(String kind) {
        return switch (kind) {
            case "tcb", "cnode", "ep", "notification", "ut", "frame", "group", "pt", "pd", "pdpt", "pml4", "pud", "pgd" -> false;
            default -> true;
        };
    }

    /**
     * The authority diagram of an analysis: one node per thread, a red edge where the row thread can come to hold
     * authority over the column thread, a blue dashed edge where information passes directly (and no authority edge
     * is drawn); pairs both ways are drawn once with two arrowheads.
     */
    public static String authorityDot(String title, List<String> threads, boolean[][] authority, boolean[][] flow) {
        StringBuilder sb = new StringBuilder("digraph authority {\n");
        sb.append("  graph [rankdir=LR, fontname=\"").append(FONT).append("\", fontsize=14, labelloc=t, label=")
                .append(quote(title)).append("];\n");
        sb.append("  node [fontname=\"").append(FONT).append("\", fontsize=10, shape=box, style=\"rounded,filled\", fillcolor=\"#fee8c8\"];\n");
        sb.append("  edge [fontname=\"").append(FONT).append("\", fontsize=8];\n");
        for (int i = 0; i < threads.size(); i++) {
            sb.append("  t").append(i).append(" [label=").append(quote(threads.get(i))).append("];\n");
        }
        int n = threads.size();
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if (a == b) {
                    continue;
                }
                if (authority[a][b] && (!authority[b][a] || a < b)) {
                    sb.append("  t").append(a).append(" -> t").append(b).append(" [color=\"#b2182b\", penwidth=1.6")
                            .append(authority[b][a] ? ", dir=both" : "").append(", label=\"authority\"];\n");
                } else if (!authority[a][b] && !authority[b][a] && flow[a][b] && (!flow[b][a] || a < b)) {
                    sb.append("  t").append(a).append(" -> t").append(b).append(" [color=\"#2166ac\", style=dashed")
                            .append(flow[b][a] ? ", dir=both" : "").append("];\n");
                }
            }
        }
        return sb.append("}\n").toString();
    }

    static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
