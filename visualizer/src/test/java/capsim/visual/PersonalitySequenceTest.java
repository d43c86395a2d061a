package capsim.visual;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.CapType;
import capsim.personality.NodeLink;
import capsim.personality.PersonalityAction;
import capsim.personality.Personality;
import capsim.personality.PersonalityException;
import capsim.personality.PersonalityInvariant;
import capsim.personality.Role;
import capsim.personality.SequenceMap;
import capsim.personality.World;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The personality path of the sequence chart: a design that declares no {@link SequenceMap} still gets a
 * chart (its events as notes), and one that does gets its actors as lifelines (grouped by the activity that
 * pays for them), its arrows, and its refused steps crossed. Also the two-node diagram's layout rules.
 */
class PersonalitySequenceTest {

    /** A toy design: processes (activities) with mailboxes (queues they pay for); a post is one event line. */
    static final class Toy extends World<Toy> {
        Toy() {
        }

        private Toy(Toy o) {
            super(o);
        }

        @Override
        public Toy copy() {
            return new Toy(this);
        }

        @Override
        public String stateText() {
            return "";
        }

        void process(String name) throws PersonalityException {
            int act = activity(rootActivity(), 0, name, "process");
            allocate(CapType.MESSAGE_QUEUE, act, name + "-box", "mailbox");
            event("process " + name);
        }
    }

    /** The toy personality; {@code map} null: it declares no chart of its own. */
    record ToyPersonality(SequenceMap<Toy> map) implements Personality<Toy> {
        public String name() {
            return "toy";
        }

        public String summary() {
            return "a toy";
        }

        public Toy newWorld() {
            return new Toy();
        }

        public List<PersonalityInvariant<Toy>> invariants() {
            return List.of();
        }

        public List<Role> roles() {
            return List.of(new Role("process", "house", "#cfe2ff", "a process"), new Role("mailbox", "cds", "#ffd6e7", "its box"));
        }

        @Override
        public SequenceMap<Toy> sequence() {
            return map != null ? map : Personality.super.sequence();
        }

        public List<PersonalityAction<Toy>> randomSetup(SplittableRandom rnd) {
            return List.of();
        }

        public PersonalityAction<Toy> randomStep(Toy world, SplittableRandom rnd) {
            return null;
        }
    }

    /** "post FROM TO" lines become arrows from the process to the other's mailbox. */
    static final SequenceMap<Toy> POSTS = new SequenceMap<>() {
        public List<String> actorRoles() {
            return List.of("process", "mailbox");
        }

        public Reader<Toy> reader() {
            return (node, event, after) -> {
                String[] w = event.split(" ");
                return w[0].equals("post") ? List.of(new Arrow(new Lifeline(0, "process", w[1]),
                        new Lifeline(0, "mailbox", w[2] + "-box"), "post", Kind.SEND)) : List.of();
            };
        }
    };

    private static Document run(SequenceMap<Toy> map) throws Exception {
        Toy w = new Toy();
        PersonalitySequence<Toy> seq = new PersonalitySequence<>(new ToyPersonality(map));
        seq.started(w);
        w.process("alice");
        w.process("bob");
        seq.step(1, "two processes", List.of("process alice", "process bob"), "ok", w);
        w.event("post alice bob");
        seq.step(2, "alice posts to bob", List.of("post alice bob"), "ok", w);
        seq.step(3, "bob posts to carol", List.of(), "ENOENT", w);
        return SequenceChartTest.xml(seq.drawing("toy").svg());
    }

    private static List<Element> elements(Document d, String cls) {
        List<Element> out = new ArrayList<>();
        NodeList l = d.getElementsByTagName("g");
        for (int i = 0; i < l.getLength(); i++) {
            Element e = (Element) l.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(cls)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void aDesignWithoutAMapGetsItsEventsAsNotes() throws Exception {
        Document d = run(null);
        assertThat(elements(d, "lifeline")).extracting(e -> e.getAttribute("data-lifeline")).containsExactly("0//kernel");
        assertThat(elements(d, "note")).extracting(Element::getTextContent)
                .contains("process alice", "process bob", "post alice bob");
        assertThat(elements(d, "arrow")).isEmpty();
        // the refused step is still marked, on the only lifeline there is
        assertThat(elements(d, "refused")).extracting(Element::getTextContent).contains("bob posts to carol: ENOENT (refused)");
    }

    @Test
    void aMapGivesLifelinesByPayerArrowsAndCrossedRefusals() throws Exception {
        Document d = run(POSTS);
        assertThat(elements(d, "lifeline")).extracting(e -> e.getAttribute("data-lifeline"))
                .containsExactly("0/process/alice", "0/mailbox/alice-box", "0/process/bob", "0/mailbox/bob-box");
        assertThat(elements(d, "arrow")).singleElement().satisfies(a -> {
            assertThat(a.getAttribute("data-from")).isEqualTo("0/process/alice");
            assertThat(a.getAttribute("data-to")).isEqualTo("0/mailbox/bob-box");
            assertThat(a.getAttribute("data-kind")).isEqualTo("send");
        });
        // bob tried, and named no other actor: a crossed note on bob's lifeline
        assertThat(elements(d, "refused")).filteredOn(e -> e.getAttribute("class").contains("note")).singleElement()
                .satisfies(e -> assertThat(e.getAttribute("data-from")).isEqualTo("0/process/bob"));
        assertThat(d.getElementsByTagName("path")).isNotNull();
    }

    @Test
    void twoNodesStandLeftToRightWithTheLegendOutsideAndOneEdgePerLinkedPair() {
        Toy a = new Toy();
        Toy b = new Toy();
        try {
            a.process("t");
            b.process("u");
        } catch (PersonalityException e) {
            throw new AssertionError(e);
        }
        List<StateDiagram> diagrams = List.of(StateDiagram.of(a.kernel()), StateDiagram.of(b.kernel()).legend(false));
        int t = a.names().entrySet().stream().filter(e -> e.getValue().equals("t")).findFirst().orElseThrow().getKey();
        int u = b.names().entrySet().stream().filter(e -> e.getValue().equals("u-box")).findFirst().orElseThrow().getKey();
        String dot = NodesDiagram.dot("two", List.of("node a", "node b"), diagrams, List.of(
                new NodeLink(0, t, 1, u, "request r2 (msgid 3)"), new NodeLink(0, t, 1, u, "request r1 (msgid 2)"),
                new NodeLink(1, u, 0, t, "proxy for")));
        DotText d = DotText.parse(dot);
        // the legend belongs to no node
        assertThat(d.nodes.get("n0_legend").cluster()).isNull();
        // every object of node a ranks before the split, every object of node b after it
        assertThat(d.edges).filteredOn(e -> e.to().equals("split0")).extracting(DotText.EdgeStmt::from)
                .contains("n0_o" + t).noneMatch(n -> n.startsWith("n1_"));
        assertThat(d.edges).filteredOn(e -> e.from().equals("split0")).extracting(DotText.EdgeStmt::to)
                .contains("n1_o" + u).noneMatch(n -> n.startsWith("n0_"));
        // two requests between the same threads: one edge, one label a line; the proxy link drawn from node a, turned round
        List<DotText.EdgeStmt> links = d.edges.stream().filter(e -> "dashed".equals(e.attrs().get("style"))).toList();
        assertThat(links).hasSize(2);
        assertThat(links).filteredOn(e -> e.attrs().get("dir").equals("forward")).hasSize(1);
        assertThat(dot).contains("\"label\"=\"request r1 (msgid 2)\\nrequest r2 (msgid 3)\"");
        assertThat(links).filteredOn(e -> e.attrs().get("dir").equals("back")).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo("n0_o" + t);
            assertThat(e.attrs()).containsEntry("label", "proxy for");
        });
    }
}
