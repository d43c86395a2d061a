package capsim.visual;

import capsim.kernel.Activity;
import capsim.kernel.KernelObject;
import capsim.personality.Personality;
import capsim.personality.Role;
import capsim.personality.SequenceMap;
import capsim.personality.SequenceMap.Arrow;
import capsim.personality.SequenceMap.Kind;
import capsim.personality.SequenceMap.Lifeline;
import capsim.personality.World;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Records a personality's run as a message-sequence chart, through the design's {@link SequenceMap}: its
 * actors (objects of the map's actor roles, seen in any state of the run) become lifelines, and each event
 * line the arrows the map reads in it. A refused step (it logs nothing and its outcome is not "ok": a
 * refusal changes nothing) is marked with a crossed arrow from the actor that tried.
 *
 * <p>Lifelines are ordered by node, then the map's fixed lifelines (the kernel), then by the activity that
 * pays for each actor (a process and its queues side by side), then by when they were first seen; of two
 * nodes, the second's lifelines are mirrored so that the nodes face each other.
 *
 * @param <W> the personality's world
 */
public final class PersonalitySequence<W extends World<W>> {
    private static final String FIXED_FILL = "#eeeeee";

    private final SequenceMap<W> map;
    private final SequenceMap.Reader<W> reader;
    private final Map<String, Role> roles = new LinkedHashMap<>();
    /** Lifelines by first sight; the value orders them. */
    private final Map<Lifeline, long[]> seen = new LinkedHashMap<>();
    private final List<SequenceChart.Band> bands = new ArrayList<>();
    private List<String> nodeNames = List.of();

    public PersonalitySequence(Personality<W> personality) {
        this.map = personality.sequence();
        this.reader = map.reader();
        for (Role r : personality.roles()) {
            roles.put(r.name(), r);
        }
    }

    /** The world before the first step. */
    public void started(W world) {
        nodeNames = world.nodeNames();
        learn(world);
    }

    /** One step ran: its text, the event lines it logged, its outcome word, the world after it. */
    public void step(int number, String text, List<String> events, String outcome, W after) {
        learn(after);
        List<SequenceChart.Row> rows = new ArrayList<>();
        boolean refused = events.isEmpty() && !"ok".equals(outcome);
        if (refused) {
            Arrow tried = map.refused(text, outcome, List.copyOf(seen.keySet()));
            see(tried.from());
            see(tried.to());
            rows.add(row(tried, true));
        }
        for (String e : events) {
            for (Arrow a : reader.arrows(map.node(e, after), e, after)) {
                see(a.from());
                see(a.to());
                rows.add(row(a, false));
            }
        }
        bands.add(new SequenceChart.Band(number, text, rows, refused));
    }

    /** The chart so far. */
    public SequenceChart.Drawing drawing(String title) {
        List<Lifeline> order = new ArrayList<>(seen.keySet());
        order.sort(Comparator.comparingLong((Lifeline l) -> seen.get(l)[0]).thenComparingLong(l -> seen.get(l)[1])
                .thenComparingLong(l -> seen.get(l)[2]));
        if (nodeNames.size() == 2) {
            // Two nodes face each other: the second's lanes mirrored, so both link agents meet in the middle.
            List<Lifeline> second = new ArrayList<>(order.stream().filter(l -> l.node() == 1).toList());
            java.util.Collections.reverse(second);
            order.removeIf(l -> l.node() == 1);
            int at = (int) order.stream().filter(l -> l.node() == 0).count();
            order.addAll(at, second);
        }
        List<SequenceChart.Lane> lanes = new ArrayList<>();
        for (Lifeline l : order) {
            Role r = roles.get(l.role());
            String group = nodeNames.size() > 1 && l.node() < nodeNames.size() ? nodeNames.get(l.node()) : null;
            lanes.add(new SequenceChart.Lane(key(l), l.name(), group, r != null ? r.fill() : FIXED_FILL,
                    l.role().isEmpty() ? "" : l.role()));
        }
        return new SequenceChart.Drawing(title, lanes, bands);
    }

    /** A lifeline's key in the SVG: node/role/name. */
    static String key(Lifeline l) {
        return l.node() + "/" + l.role() + "/" + l.name();
    }

    private void learn(W world) {
        for (Lifeline fixed : map.fixedLifelines(world)) {
            seen.putIfAbsent(fixed, new long[] {fixed.node(), -1, seen.size()});
        }
        for (int n = 0; n < world.kernels().size(); n++) {
            Map<Integer, String> names = world.names(n);
            for (Map.Entry<Integer, String> e : world.roles(n).entrySet()) {
                if (!map.actorRoles().contains(e.getValue())) {
                    continue;
                }
                int oid = e.getKey();
                KernelObject o = world.kernels().get(n).heap().get(oid);
                String name = names.getOrDefault(oid, e.getValue() + "#" + oid);
                // Grouped under the activity that pays: a process with its queues, a thread with its ports.
                long payer = o == null ? Long.MAX_VALUE : o instanceof Activity ? oid : o.chargedTo();
                seen.putIfAbsent(new Lifeline(n, e.getValue(), name), new long[] {n, payer, seen.size()});
            }
        }
    }

    /** An arrow's end the map names but no state showed (a lifeline of its own, after the others of its node). */
    private void see(Lifeline l) {
        seen.putIfAbsent(l, new long[] {l.node(), Long.MAX_VALUE, seen.size()});
    }

    private static SequenceChart.Row row(Arrow a, boolean refused) {
        Kind k = refused ? Kind.FAIL : a.kind();
        String color = switch (k) {
            case SEND -> "#222222";
            case RECEIVE -> "#1f5fbf";
            case REPLY -> "#7b3294";
            case DISPOSE -> "#8c510a";
            case NOTIFY -> StateDiagram.ACTIVATION;
            case LINK -> "#00838f";
            case CUT, FAIL -> StateDiagram.STALE;
            case NOTE, LOG -> "#666666";
        };
        boolean dashed = k == Kind.REPLY || k == Kind.DISPOSE || k == Kind.CUT;
        boolean bold = k == Kind.NOTIFY || k == Kind.LINK || k == Kind.CUT || refused;
        return new SequenceChart.Row(key(a.from()), key(a.to()), a.text(), color, dashed, bold, k.word(), refused);
    }
}
