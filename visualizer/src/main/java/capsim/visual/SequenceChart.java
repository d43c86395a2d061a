package capsim.visual;

import capsim.kernel.CapType;
import capsim.kernel.Event;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import capsim.kernel.MessageBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A message-sequence chart of a run, as hand-written SVG: one lifeline per thread (and per queue messages
 * wait on, and one for the kernel), one row per message event: send, enqueue, transfer, frame hand-off,
 * delivery, activation, failure. Rows are grouped by step ({@code <g class="step" data-step="i">}) so
 * the viewer can highlight the current step.
 *
 * <p>Buffers are drawn on the lifeline of the thread their thread slot names; a buffer with no thread gets
 * a lifeline of its own.
 *
 * <p>A personality's run brings its own chart ({@link Drawing}, made by {@link PersonalitySequence} from the
 * design's {@link capsim.personality.SequenceMap}); it is drawn the same way, each arrow a
 * {@code <g class="arrow|note" data-kind data-from data-to>}, each lifeline a {@code <g class="lifeline"
 * data-lifeline="node/role/name" data-role data-name>}, refused attempts with class {@code refused} and a cross.
 */
public final class SequenceChart {
    private static final int LANE = 170;
    private static final int LEFT = 150;
    private static final int TOP = 56;
    private static final int ROW = 22;
    private static final int STEP_GAP = 18;
    private static final String KERNEL = "kernel";

    private static final int GROUP = 22;

    /**
     * One arrow (or note, when {@code from == to}) of the chart. {@code kind} names what it stands for
     * (null in the core charts); {@code refused} marks an attempt that was refused (drawn with a cross).
     */
    record Row(String from, String to, String text, String color, boolean dashed, boolean bold, String kind,
               boolean refused) {
        Row(String from, String to, String text, String color, boolean dashed, boolean bold) {
            this(from, to, text, color, dashed, bold, null, false);
        }
    }

    /**
     * A lifeline: its key (what rows name), the label on its head, the group it is drawn under (a node of
     * a cluster; null for none), its fill, and the role of the object it stands for (null: none drawn).
     */
    record Lane(String key, String label, String group, String fill, String role) {
    }

    /** One step's band: its number, its label, its rows; {@code refused} when the step was refused. */
    record Band(int index, String label, List<Row> rows, boolean refused) {
    }

    /** A whole chart, ready to draw. */
    public record Drawing(String title, List<Lane> lanes, List<Band> bands) {
        public Drawing {
            lanes = List.copyOf(lanes);
            bands = List.copyOf(bands);
        }

        /** The chart as SVG. */
        public String svg() {
            return render(this);
        }
    }

    private record StepRows(int index, String label, List<Row> rows) {
    }

    private final Names names;
    /** Lifeline keys in order of first appearance: "kernel", "t<oid>", "q<oid>", "b<oid>". */
    private final Map<String, String> lifelines = new LinkedHashMap<>();
    private final Map<Integer, Integer> owner = new HashMap<>();
    private final Map<Integer, CapType> types = new HashMap<>();
    /** For each thread, the thread whose message it was last delivered (to spot replies). */
    private final Map<String, String> lastFrom = new HashMap<>();
    /** Sends that may be replies: message serial → where its row is and whom it would answer. */
    private final Map<Integer, Pending> sends = new HashMap<>();

    private record Pending(List<Row> rows, int index, String answers) {
    }
    private final List<StepRows> steps = new ArrayList<>();

    private SequenceChart(Names names) {
        this.names = names;
        lifelines.put(KERNEL, "kernel");
    }

    /** The chart of a whole recording: step 0 is the initial state, its events are not drawn. */
    public static String svg(Recording r) {
        if (r.sequence() != null) {
            return r.sequence().svg();
        }
        SequenceChart c = new SequenceChart(Names.of(r.names()));
        c.learn(r.initial());
        for (int i = 0; i < r.steps().size(); i++) {
            Recording.Step s = r.steps().get(i);
            c.learn(s.before());
            c.learn(s.after());
            c.add(i + 1, s.label(), s.events());
        }
        return render(c.drawing(r.title()));
    }

    /** Remembers which thread each buffer activates, and what type each oid has. */
    private void learn(Kernel k) {
        for (int oid = 0; oid < k.heap().highWater(); oid++) {
            KernelObject o = k.heap().get(oid);
            if (o == null) {
                continue;
            }
            types.put(oid, o.type());
            if (o instanceof MessageBuffer b && k.heap().lookup(b.thread()) instanceof KernelThread t) {
                owner.put(oid, t.oid());
            }
        }
    }

    private void add(int index, String label, List<Event> events) {
        List<Row> rows = new ArrayList<>();
        for (Event e : events) {
            Row r = row(e);
            if (r != null) {
                lifeline(r.from());
                lifeline(r.to());
                rows.add(r);
                if (e instanceof Event.Sent s && lastFrom.containsKey(r.from())) {
                    sends.put(s.msg(), new Pending(rows, rows.size() - 1, lastFrom.get(r.from())));
                }
            }
        }
        steps.add(new StepRows(index, label, rows));
    }

    private Row row(Event e) {
        return switch (e) {
            case Event.Sent s -> new Row(thread(s.thread()), target(s.target()), "msg " + s.msg() + " send"
                    + (s.protectedPayload() != 0 ? " pp=" + s.protectedPayload() : ""), "#222222", false, false);
            case Event.Enqueued q -> new Row(target(q.target()), target(q.target()),
                    "msg " + q.msg() + " queued (" + buffer(q.source()) + " waits)", StateDiagram.WAIT_SEND, true, false);
            case Event.ReceiverWaiting w -> new Row(buf(w.buffer()), target(w.queue()),
                    buffer(w.buffer()) + " waits to receive", StateDiagram.WAIT_RECEIVE, true, false);
            case Event.TransferStarted t -> new Row(buf(t.source()), buf(t.target()),
                    "msg " + t.msg() + " transfer, " + t.caps() + " caps", "#777777", true, false);
            case Event.FrameHandedOff h -> new Row(buf(h.from()), buf(h.to()),
                    "msg " + h.msg() + " frame#" + h.frame() + " handed off", "#00838f", true, false);
            case Event.Preempted p -> new Row(KERNEL, KERNEL, "msg " + p.msg() + " preempted", "#777777", false, false);
            case Event.Resumed r -> new Row(KERNEL, KERNEL, "msg " + r.msg() + " resumed", "#777777", false, false);
            case Event.Delivered d -> {
                String from = buf(d.source());
                String to = buf(d.target());
                markReply(d.msg(), to);
                lastFrom.put(to, from);
                yield new Row(from, to, "msg " + d.msg() + " delivered", "#222222", false, true);
            }
            case Event.Activated a -> new Row(KERNEL, thread(a.thread()),
                    (a.msg() != 0 ? "msg " + a.msg() + " " : "") + "activate (" + buffer(a.buffer()) + ", id " + a.id() + ")",
                    StateDiagram.ACTIVATION, false, true);
            case Event.ActivationPending a -> new Row(KERNEL, thread(a.thread()),
                    (a.msg() != 0 ? "msg " + a.msg() + " " : "") + "activation pending (" + buffer(a.buffer()) + ")",
                    StateDiagram.ACTIVATION, true, false);
            case Event.ActivationDropped a -> new Row(KERNEL, KERNEL,
                    a.text(), StateDiagram.STALE, false, false);
            case Event.SenderFailed f -> new Row(KERNEL, buf(f.source()),
                    "msg " + f.msg() + " failed: " + f.reason(), StateDiagram.STALE, false, true);
            case Event.ReceiverFailed f -> new Row(KERNEL, buf(f.buffer()),
                    "receive failed: " + f.reason(), StateDiagram.STALE, false, true);
            case Event.MessageWithdrawn w -> new Row(buf(w.source()), buf(w.source()),
                    "msg " + w.msg() + " withdrawn", StateDiagram.STALE, false, false);
            case Event.Collected c -> new Row(thread(c.thread()), thread(c.thread()), "collect", StateDiagram.ACTIVATION, false, false);
            default -> null;
        };
    }

    /** A message delivered to the thread whose message its sender last received is a reply: relabel its send. */
    private void markReply(int msg, String deliveredTo) {
        Pending p = sends.remove(msg);
        if (p != null && p.answers().equals(deliveredTo)) {
            Row r = p.rows().get(p.index());
            p.rows().set(p.index(), new Row(r.from(), r.to(), r.text().replace(" send", " reply"), r.color(), r.dashed(), r.bold()));
        }
    }

    private static String thread(int oid) {
        return "t" + oid;
    }

    /** The lifeline of a buffer: its thread's, or its own when it names none. */
    private String buf(int oid) {
        Integer t = owner.get(oid);
        return t != null ? thread(t) : "b" + oid;
    }

    /** A send target: a queue has its own lifeline; a buffer is drawn on its thread's. */
    private String target(int oid) {
        return types.get(oid) == CapType.MESSAGE_QUEUE ? "q" + oid : buf(oid);
    }

    private String buffer(int oid) {
        return names.shortRef(CapType.MESSAGE_BUFFER, oid);
    }

    private void lifeline(String key) {
        if (lifelines.containsKey(key)) {
            return;
        }
        int oid = Integer.parseInt(key.substring(1));
        String label = switch (key.charAt(0)) {
            case 't' -> names.shortRef(CapType.THREAD, oid);
            case 'q' -> "queue " + names.shortRef(CapType.MESSAGE_QUEUE, oid);
            default -> names.shortRef(CapType.MESSAGE_BUFFER, oid) + " (no thread)";
        };
        lifelines.put(key, label);
    }

    // ------------------------------------------------------------------ SVG

    private Drawing drawing(String title) {
        List<Lane> lanes = new ArrayList<>();
        for (Map.Entry<String, String> l : lifelines.entrySet()) {
            String key = l.getKey();
            lanes.add(new Lane(key, l.getValue(), null, key.equals(KERNEL) ? "#eeeeee" : key.startsWith("q") ? "#ffd6e7" : "#d0e2ff",
                    null));
        }
        List<Band> bands = new ArrayList<>();
        for (StepRows s : steps) {
            bands.add(new Band(s.index(), s.label(), s.rows(), false));
        }
        return new Drawing(title, lanes, bands);
    }

    /** Draws {@code d}: lanes left to right (grouped under a header when lanes name a group), bands top down. */
    static String render(Drawing d) {
        Map<String, Integer> x = new HashMap<>();
        int i = 0;
        for (Lane l : d.lanes()) {
            x.put(l.key(), LEFT + i++ * LANE + LANE / 2);
        }
        boolean groups = d.lanes().stream().anyMatch(l -> l.group() != null);
        int top = TOP + (groups ? GROUP : 0);
        int height = top + 10;
        for (Band s : d.bands()) {
            height += STEP_GAP + s.rows().size() * ROW;
        }
        height += 20;
        // Labels may be wider than a lane: widen the picture so none is cut off at the right.
        int width = LEFT + d.lanes().size() * LANE + 20;
        for (Band s : d.bands()) {
            for (Row r : s.rows()) {
                int x1 = x.get(r.from());
                int x2 = x.get(r.to());
                int end = x1 == x2 ? x1 + 24 + textWidth(r.text()) : (x1 + x2) / 2 + textWidth(r.text()) / 2;
                width = Math.max(width, end + 12);
            }
        }
        StringBuilder b = new StringBuilder(4096);
        b.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"sequence\" width=\"").append(width)
                .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n");
        b.append("<title>").append(Xml.escape(d.title() == null ? "sequence" : d.title())).append(" - message sequence</title>\n");
        b.append("<defs>\n");
        for (String c : colors(d)) {
            b.append("<marker id=\"arrow-").append(c.substring(1)).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\"")
                    .append(" markerUnits=\"userSpaceOnUse\" markerWidth=\"9\" markerHeight=\"9\" orient=\"auto-start-reverse\">")
                    .append("<path d=\"M0,0 L10,5 L0,10 z\" fill=\"").append(c).append("\"/></marker>\n");
        }
        b.append("</defs>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        // Bands first, then lifelines, then arrows: each layer paints over the one before.
        int y = top + 10;
        List<Integer> tops = new ArrayList<>();
        for (Band s : d.bands()) {
            int h = STEP_GAP + s.rows().size() * ROW;
            tops.add(y);
            b.append("<g class=\"step").append(s.refused() ? " refused" : "").append("\" id=\"seq-step-").append(s.index())
                    .append("\" data-step=\"").append(s.index()).append("\">")
                    .append("<rect class=\"step-band\" x=\"0\" y=\"").append(y).append("\" width=\"").append(width)
                    .append("\" height=\"").append(h).append("\" fill=\"").append(s.index() % 2 == 0 ? "#f7f7f7" : "#ffffff")
                    .append("\"/><line x1=\"0\" y1=\"").append(y).append("\" x2=\"").append(width).append("\" y2=\"").append(y)
                    .append("\" stroke=\"#dddddd\"/><text x=\"6\" y=\"").append(y + 13).append("\" fill=\"#555555\">")
                    .append("<tspan font-weight=\"bold\">").append(s.index()).append("</tspan> ")
                    .append(Xml.escape(clip(s.label(), 22))).append("</text></g>\n");
            y += h;
        }
        if (groups) {
            groupHeaders(b, d.lanes(), x);
        }
        for (Lane l : d.lanes()) {
            int lx = x.get(l.key());
            b.append("<g class=\"lifeline\" data-lifeline=\"").append(Xml.escape(l.key())).append('"');
            if (l.role() != null) {
                b.append(" data-role=\"").append(Xml.escape(l.role())).append("\" data-name=\"").append(Xml.escape(l.label()))
                        .append('"');
            }
            if (l.group() != null) {
                b.append(" data-group=\"").append(Xml.escape(l.group())).append('"');
            }
            b.append("><line x1=\"").append(lx).append("\" y1=\"").append(top).append("\" x2=\"").append(lx)
                    .append("\" y2=\"").append(height - 10).append("\" stroke=\"#aaaaaa\" stroke-dasharray=\"4 3\"/>")
                    .append("<rect x=\"").append(lx - LANE / 2 + 8).append("\" y=\"").append(top - TOP + 14).append("\" width=\"")
                    .append(LANE - 16).append("\" height=\"").append(TOP - 22).append("\" rx=\"4\" fill=\"").append(l.fill())
                    .append("\" stroke=\"#555555\"/>");
            if (l.role() != null && !l.role().isEmpty()) {
                b.append("<text x=\"").append(lx).append("\" y=\"").append(top - TOP + TOP / 2 + 4)
                        .append("\" text-anchor=\"middle\" font-weight=\"bold\">").append(Xml.escape(clip(l.label(), 20)))
                        .append("</text><text x=\"").append(lx).append("\" y=\"").append(top - TOP + TOP / 2 + 16)
                        .append("\" text-anchor=\"middle\" font-size=\"9\" fill=\"#555555\">").append(Xml.escape(l.role()))
                        .append("</text></g>\n");
            } else {
                b.append("<text x=\"").append(lx).append("\" y=\"").append(top - TOP + TOP / 2 + 10)
                        .append("\" text-anchor=\"middle\" font-weight=\"bold\">").append(Xml.escape(clip(l.label(), 24)))
                        .append("</text></g>\n");
            }
        }
        for (int k = 0; k < d.bands().size(); k++) {
            Band s = d.bands().get(k);
            b.append("<g class=\"rows\" data-step=\"").append(s.index()).append("\">\n");
            int ry = tops.get(k) + STEP_GAP;
            for (Row r : s.rows()) {
                arrow(b, r, x.get(r.from()), x.get(r.to()), ry + ROW / 2 + 2);
                ry += ROW;
            }
            b.append("</g>\n");
        }
        return b.append("</svg>\n").toString();
    }

    /** A box over each run of lanes of one group (a node of a cluster), its name in it. */
    private static void groupHeaders(StringBuilder b, List<Lane> lanes, Map<String, Integer> x) {
        int from = 0;
        while (from < lanes.size()) {
            int to = from;
            String g = lanes.get(from).group();
            while (to + 1 < lanes.size() && java.util.Objects.equals(lanes.get(to + 1).group(), g)) {
                to++;
            }
            if (g != null) {
                int x1 = x.get(lanes.get(from).key()) - LANE / 2 + 2;
                int x2 = x.get(lanes.get(to).key()) + LANE / 2 - 2;
                b.append("<g class=\"group\" data-group=\"").append(Xml.escape(g)).append("\"><rect x=\"").append(x1)
                        .append("\" y=\"6\" width=\"").append(x2 - x1).append("\" height=\"").append(TOP + GROUP - 8)
                        .append("\" rx=\"6\" fill=\"none\" stroke=\"#555555\" stroke-width=\"1.5\"/><text x=\"")
                        .append((x1 + x2) / 2).append("\" y=\"21\" text-anchor=\"middle\" font-size=\"12\" font-weight=\"bold\">")
                        .append(Xml.escape(g)).append("</text></g>\n");
            }
            from = to + 1;
        }
    }

    /** About how wide {@code s} is drawn at 11 px Helvetica. */
    static int textWidth(String s) {
        return (int) Math.ceil(s.length() * 6.3);
    }

    private static List<String> colors(Drawing d) {
        List<String> c = new ArrayList<>();
        for (Band s : d.bands()) {
            for (Row r : s.rows()) {
                if (!c.contains(r.color())) {
                    c.add(r.color());
                }
            }
        }
        return c;
    }

    private static void arrow(StringBuilder b, Row r, int x1, int x2, int y) {
        String stroke = " stroke=\"" + r.color() + "\" stroke-width=\"" + (r.bold() ? 2 : 1) + "\""
                + (r.dashed() ? " stroke-dasharray=\"5 3\"" : "");
        String text = Xml.escape(r.text());
        b.append("<g class=\"").append(x1 == x2 ? "note" : "arrow").append(r.refused() ? " refused" : "").append('"');
        if (r.kind() != null) {
            b.append(" data-kind=\"").append(r.kind()).append('"');
        }
        b.append(" data-from=\"").append(Xml.escape(r.from())).append("\" data-to=\"").append(Xml.escape(r.to())).append("\">");
        if (x1 == x2) {
            // A note on one lifeline: a small loop, the text beside it.
            b.append("<path d=\"M").append(x1).append(',').append(y - 6).append(" h18 v10 h-16\" fill=\"none\"").append(stroke)
                    .append(" marker-end=\"url(#arrow-").append(r.color().substring(1)).append(")\"/>")
                    .append("<text x=\"").append(x1 + 22).append("\" y=\"").append(y + 2).append("\" fill=\"").append(r.color())
                    .append("\">").append(text).append("</text>");
        } else {
            b.append("<line x1=\"").append(x1).append("\" y1=\"").append(y).append("\" x2=\"").append(x2).append("\" y2=\"").append(y)
                    .append('"').append(stroke).append(" marker-end=\"url(#arrow-").append(r.color().substring(1)).append(")\"/>")
                    .append("<text x=\"").append((x1 + x2) / 2).append("\" y=\"").append(y - 4)
                    .append("\" text-anchor=\"middle\" fill=\"").append(r.color()).append("\">").append(text).append("</text>");
        }
        if (r.refused()) {
            // A refused step: a cross where the attempt ends.
            int cx = x1 == x2 ? x1 + 9 : x2 - (x2 > x1 ? 14 : -14);
            b.append("<path class=\"cross\" d=\"M").append(cx - 4).append(',').append(y - 2).append(" l8,8 m0,-8 l-8,8\"")
                    .append(" stroke=\"").append(r.color()).append("\" stroke-width=\"2.5\"/>");
        }
        b.append("</g>\n");
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "\u2026";
    }
}
