package capsim.capdl;

import capsim.visual.CapdlDiagram;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What to draw of a capDL model, kept readable at a few hundred objects: an array of more than
 * {@link #GROUP} leaf objects (frames, endpoints, untypeds without covers...) is one node; frames are
 * drawn only while there are at most {@link #MAX_FRAMES} frame nodes; a run of {@link #RUN} or more
 * consecutive slots holding the same kind of capability to leaf objects is one row; a record shows at most
 * {@link #MAX_ROWS} rows. Untyped covers become nested clusters.
 */
public final class CapdlGraph {
    static final int GROUP = 4;
    static final int MAX_FRAMES = 48;
    static final int RUN = 4;
    static final int MAX_ROWS = 40;

    private final CapdlModel m;
    /** Object to the id of the node that stands for it, or null when it is not drawn. */
    private final Map<ObjId, String> nodeOf = new HashMap<>();
    private final Map<String, CapdlDiagram.Node> nodes = new LinkedHashMap<>();
    /** Nodes already placed in a cluster (a node belongs to one cluster). */
    private final java.util.Set<String> placed = new java.util.HashSet<>();

    private CapdlGraph(CapdlModel m) {
        this.m = m;
    }

    /** The DOT text of the object graph of {@code m}. */
    public static String dot(String title, CapdlModel m) {
        return new CapdlGraph(m).build(title);
    }

    private String build(String title) {
        Map<String, List<ObjId>> groups = new LinkedHashMap<>();
        m.objects().forEach((id, o) -> {
            if (id.indexed() && !o.type().hasSlots() && !m.covers().containsKey(id)) {
                groups.computeIfAbsent(id.name() + "|" + o.type(), k -> new ArrayList<>()).add(id);
            }
        });
        long frames = 0;
        for (Map.Entry<ObjId, KObject> e : m.objects().entrySet()) {
            ObjId id = e.getKey();
            List<ObjId> g = groups.get(id.name() + "|" + e.getValue().type());
            boolean grouped = g != null && g.size() > GROUP;
            if (e.getValue().type() == ObjectType.FRAME && (!grouped || g.get(0).equals(id))) {
                frames++;
            }
        }
        boolean drawFrames = frames <= MAX_FRAMES;
        for (Map.Entry<ObjId, KObject> e : m.objects().entrySet()) {
            ObjId id = e.getKey();
            KObject o = e.getValue();
            if (o.type() == ObjectType.FRAME && !drawFrames) {
                continue;
            }
            List<ObjId> g = groups.get(id.name() + "|" + o.type());
            if (g != null && g.size() > GROUP) {
                String gid = "g:" + id.name() + ":" + o.type().keyword();
                nodeOf.put(id, gid);
                if (!nodes.containsKey(gid)) {
                    nodes.put(gid, new CapdlDiagram.Node(gid, "group", id.name() + "[" + g.get(0).index() + ".." + g.get(g.size() - 1).index() + "]",
                            List.of(g.size() + " × " + o.type().keyword()), List.of()));
                }
                continue;
            }
            nodeOf.put(id, "o:" + id);
        }
        m.objects().forEach((id, o) -> {
            String nid = nodeOf.get(id);
            if (nid != null && nid.startsWith("o:")) {
                nodes.put(nid, new CapdlDiagram.Node(nid, o.type().keyword(), id.toString(), details(o), rows(o)));
            }
        });
        List<CapdlDiagram.Cluster> clusters = new ArrayList<>();
        for (ObjId ut : m.covers().keySet()) {
            if (m.coveringUntyped(ut) == null || !m.covers().containsKey(m.coveringUntyped(ut))) {
                clusters.add(cluster(ut));
            }
        }
        String t = title + " (" + m.objects().size() + " objects, " + m.capCount() + " caps"
                + (drawFrames ? "" : "; " + frames + " frames not drawn") + ")";
        return CapdlDiagram.dot(t, List.copyOf(nodes.values()), clusters);
    }

    private CapdlDiagram.Cluster cluster(ObjId ut) {
        List<String> inside = new ArrayList<>();
        List<CapdlDiagram.Cluster> nested = new ArrayList<>();
        String own = nodeOf.get(ut);
        for (ObjId id : m.covers().get(ut)) {
            if (m.covers().containsKey(id)) {
                nested.add(cluster(id));
                continue;
            }
            String nid = nodeOf.get(id);
            if (nid != null && placed.add(nid)) {
                inside.add(nid);
            }
        }
        if (own != null && placed.add(own)) {
            inside.add(0, own);
        }
        KObject u = m.object(ut);
        Long bits = u == null ? null : u.sizeBits();
        return new CapdlDiagram.Cluster("untyped " + ut + (bits == null ? "" : " (" + bits + " bits)") + " covers "
                + m.covers().get(ut).size(), inside, nested);
    }

    private static List<String> details(KObject o) {
        List<String> out = new ArrayList<>();
        for (KObject.Param p : o.params()) {
            if (out.size() == 3) {
                out.add("…");
                break;
            }
            if (!p.key().equals("fill") && !p.key().equals("elf")) {
                out.add(p.toString());
            }
        }
        return out;
    }

    private List<CapdlDiagram.Slot> rows(KObject o) {
        List<CapdlDiagram.Slot> out = new ArrayList<>();
        List<Map.Entry<Long, Cap>> slots = new ArrayList<>(o.slots().entrySet());
        int i = 0;
        while (i < slots.size()) {
            if (out.size() == MAX_ROWS) {
                out.add(new CapdlDiagram.Slot("… " + (slots.size() - i) + " more slots", null, false));
                break;
            }
            int j = i;
            while (j + 1 < slots.size() && runs(slots.get(j), slots.get(j + 1))) {
                j++;
            }
            Map.Entry<Long, Cap> first = slots.get(i);
            if (j - i + 1 >= RUN) {
                out.add(new CapdlDiagram.Slot(slotName(o.type(), first.getKey()) + "–" + slots.get(j).getKey() + ": "
                        + (j - i + 1) + " × " + kind(first.getValue()), null, false));
                i = j + 1;
                continue;
            }
            Cap c = first.getValue();
            String label = slotName(o.type(), first.getKey()) + ": " + CapdlPrinter.cap(c);
            String target = c.target() == null ? null : nodeOf.get(c.target());
            boolean strong = c.type() == CapType.CNODE || c.type() == CapType.TCB || c.has(Right.GRANT);
            out.add(new CapdlDiagram.Slot(label.length() > 60 ? label.substring(0, 59) + "…" : label, target, strong));
            i++;
        }
        return out;
    }

    /** Two slots are one row when consecutive and holding the same kind of capability to leaf objects. */
    private boolean runs(Map.Entry<Long, Cap> a, Map.Entry<Long, Cap> b) {
        if (b.getKey() != a.getKey() + 1 || a.getValue().type() != b.getValue().type() || a.getValue().target() == null
                || b.getValue().target() == null) {
            return false;
        }
        KObject ta = m.object(a.getValue().target());
        return ta != null && !ta.type().hasSlots() && ta.type() != ObjectType.TCB;
    }

    private static String kind(Cap c) {
        return c.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " caps";
    }

    private static String slotName(ObjectType container, long slot) {
        if (container == ObjectType.TCB) {
            for (Map.Entry<String, Long> e : CapdlParser.SYMBOLIC_SLOTS.entrySet()) {
                if (e.getValue() == slot) {
                    return e.getKey();
                }
            }
        }
        return String.valueOf(slot);
    }
}
