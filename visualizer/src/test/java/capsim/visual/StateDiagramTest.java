package capsim.visual;

import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.BufferSlot;
import capsim.kernel.CapAddress;
import capsim.kernel.CapType;
import capsim.kernel.ClientServerFixture;
import capsim.kernel.MessageBuffer;
import capsim.kernel.Rights;
import guru.nidi.graphviz.model.MutableGraph;
import guru.nidi.graphviz.model.MutableNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class StateDiagramTest {

    @Test
    void oneNodePerLiveObjectInsideTheClusterOfItsActivity() {
        ClientServerFixture w = new ClientServerFixture("revised");
        DotText d = DotText.parse(StateDiagram.of(w.k).names(w.names).dot());

        List<String> objects = d.nodes.keySet().stream().filter(id -> id.matches("o\\d+")).toList();
        assertThat(objects).hasSize(w.k.heap().liveCount());
        assertThat(d.clusters).containsEntry("cluster_a0", null)
                .containsEntry("cluster_a" + w.clientAct, "cluster_a0")
                .containsEntry("cluster_a" + w.serverAct, "cluster_a0");
        assertThat(d.node("o" + w.client).cluster()).isEqualTo("cluster_a" + w.clientAct);
        assertThat(d.node("o" + w.serverQueue).cluster()).isEqualTo("cluster_a" + w.serverAct);
        assertThat(d.node("o" + w.clientAct).cluster()).isEqualTo("cluster_a" + w.clientAct);
        assertThat(d.node("o0").cluster()).isEqualTo("cluster_a0");
        assertThat(d.clusterAttrs.get("cluster_a" + w.clientAct).get("label")).isEqualTo("client-act (activity#" + w.clientAct + ")");
    }

    @Test
    void nestedActivitiesAreNestedClusters() {
        ClientServerFixture w = new ClientServerFixture("revised");
        int child = w.k.boot().activity(w.clientAct, 5);
        int grandchild = w.k.boot().activity(child, 0);
        int frame = w.k.boot().allocate(CapType.FRAME, grandchild);
        DotText d = DotText.parse(StateDiagram.of(w.k).dot());
        assertThat(d.ancestry(d.node("o" + frame).cluster()))
                .containsExactly("cluster_a" + grandchild, "cluster_a" + child, "cluster_a" + w.clientAct, "cluster_a0");
        assertThat(d.node("o" + child).label()).contains("quota 5, usage 2");
    }

    @Test
    void capabilityPagesAndBuffersAreTablesWithAPortPerSlot() {
        ClientServerFixture w = new ClientServerFixture("revised");
        DotText d = DotText.parse(StateDiagram.of(w.k).names(w.names).dot());

        String page = d.node("o" + w.clientRoot).label();
        for (int s = 0; s <= 6; s++) {
            assertThat(page).contains("PORT=\"s" + s + "\"");
        }
        assertThat(page).doesNotContain("PORT=\"s7\"").contains("<B>client-root</B>");
        assertThat(d.node("o" + w.clientRoot).attrs()).containsEntry("shape", "plain");
        String buffer = d.node("o" + w.clientReq).label();
        for (BufferSlot s : BufferSlot.values()) {
            assertThat(buffer).contains("PORT=\"" + s.word() + "\"");
        }
        assertThat(buffer).contains("payload: void").contains("thread: client rw");
        // void slots have no edge
        assertThat(d.edgesFrom("o" + w.clientReq, "payload")).isEmpty();
    }

    @Test
    void slotEdgesCarryRightsAndPayloadAndLeaveFromTheirPort() {
        ClientServerFixture w = new ClientServerFixture("revised");
        w.k.boot().setSlot(w.serverRoot, 9, w.k.boot().cap(w.clientReply, Rights.FULL, 42));
        DotText d = DotText.parse(StateDiagram.of(w.k).dot());

        DotText.EdgeStmt strong = d.edge("o" + w.clientRoot, "s3", "o" + w.clientReq);
        assertThat(strong.label()).isEqualTo("rw");
        assertThat(strong.attrs()).containsEntry("arrowhead", "normal");
        DotText.EdgeStmt weak = d.edge("o" + w.clientRoot, "s5", "o" + w.serverQueue);
        assertThat(weak.label()).isEqualTo("r");
        assertThat(weak.attrs()).containsEntry("arrowhead", "empty");
        assertThat(d.edge("o" + w.serverRoot, "s9", "o" + w.clientReply).label()).isEqualTo("rw pp=42");
        assertThat(d.edge("o" + w.clientReq, "as_root", "o" + w.clientRoot).label()).isEqualTo("rw");
        // a thread's own capabilities leave the node itself, named
        assertThat(d.edge("o" + w.client, null, "o" + w.clientRoot).label()).isEqualTo("as_root rw");
        assertThat(d.edge("o" + w.client, null, "o" + w.clientAct).label()).isEqualTo("activity rw");
        // every edge ends at a declared node, never at an implicit one
        for (DotText.EdgeStmt e : d.edges) {
            assertThat(d.nodes).as("target of " + e).containsKey(e.to());
            assertThat(d.nodes).as("source of " + e).containsKey(e.from());
        }
    }

    @Test
    void edgesAreDeclaredAtTheTopLevelSoNoNodeIsPulledIntoAnotherCluster() {
        ClientServerFixture w = new ClientServerFixture("revised");
        String dot = StateDiagram.of(w.k).dot();
        // an edge statement inside a cluster would make its far end a member of that cluster
        int depth = 0;
        for (String line : dot.split("\n")) {
            if (line.startsWith("subgraph")) {
                depth++;
            } else if (line.equals("}")) {
                depth--;
            } else if (line.contains(" -> ")) {
                assertThat(depth).as(line).isZero();
            }
        }
    }

    @Test
    void staleCapabilitiesPointAtAStaleMarkerDashedRed() {
        ClientServerFixture w = new ClientServerFixture("revised");
        w.k.free(w.client, a(4));
        DotText d = DotText.parse(StateDiagram.of(w.k).names(w.names).dot());

        String marker = "stale_" + w.clientReply + "_0";
        DotText.EdgeStmt e = d.edge("o" + w.clientRoot, "s4", marker);
        assertThat(e.attrs()).containsEntry("style", "dashed").containsEntry("color", StateDiagram.STALE);
        assertThat(d.node(marker).label()).contains("stale").contains("buffer#" + w.clientReply);
        assertThat(d.node("o" + w.clientRoot).label()).contains("4: stale buffer#" + w.clientReply + " v0");
        assertThat(d.nodes).doesNotContainKey("o" + w.clientReply);
    }

    @Test
    void queueMembershipAndActivationsAreEdgesOfTheirOwnStyle() {
        ClientServerFixture w = new ClientServerFixture("revised");
        int second = w.k.boot().allocate(CapType.MESSAGE_BUFFER, w.serverAct);
        w.k.boot().setSlot(w.serverRoot, 7, w.k.boot().cap(second));
        w.k.boot().setBufferSlot(second, BufferSlot.THREAD, w.k.boot().cap(w.server));
        w.k.boot().setBufferSlot(second, BufferSlot.AS_ROOT, w.k.boot().cap(w.serverRoot));
        w.k.boot().configureBuffer(second, MessageBuffer.ACTIVATE_ON_RECEIVE, 78);
        w.serverReady();
        w.k.receive(w.server, a(7), a(6), true);
        DotText waiting = DotText.parse(StateDiagram.of(w.k).dot());
        DotText.EdgeStmt recv = waiting.edge("o" + second, null, "o" + w.serverQueue);
        assertThat(recv.label()).isEqualTo("waits to receive #2");
        assertThat(recv.attrs()).containsEntry("style", "dotted").containsEntry("color", StateDiagram.WAIT_RECEIVE);

        w.clientWrites();
        w.k.send(w.client, a(3), a(5), true);
        w.k.writeMessage(w.client, a(3), new int[0], "again".getBytes());
        w.k.send(w.client, a(3), a(5), true);
        DotText d = DotText.parse(StateDiagram.of(w.k).names(w.names).dot());
        DotText.EdgeStmt act = d.edge("o" + w.server, null, "o" + w.serverBuf);
        assertThat(act.label()).isEqualTo("activated for");
        assertThat(act.attrs()).containsEntry("style", "bold").containsEntry("color", StateDiagram.ACTIVATION);
        DotText.EdgeStmt pending = d.edge("o" + w.server, null, "o" + second);
        assertThat(pending.label()).isEqualTo("pending #1");
        assertThat(pending.attrs()).containsEntry("style", "dashed");
        assertThat(d.node("o" + w.server).label()).contains("ACTIVATED for server-buf").contains("pending: buffer#" + second);

        // a blocking send with no receiver waiting: the source waits on the queue
        w.k.writeMessage(w.client, a(3), new int[0], "third".getBytes());
        w.k.send(w.client, a(3), a(5), true);
        DotText.EdgeStmt send = DotText.parse(StateDiagram.of(w.k).dot()).edge("o" + w.clientReq, null, "o" + w.serverQueue);
        assertThat(send.label()).isEqualTo("waits to send #1");
        assertThat(send.attrs()).containsEntry("color", StateDiagram.WAIT_SEND);
    }

    @Test
    void framesShowTheirCountsAndFirstBytesAndThreadsTheirActivation() {
        ClientServerFixture w = new ClientServerFixture("revised");
        w.clientWrites();
        int frame = w.k.heap().lookup(((MessageBuffer) w.k.heap().get(w.clientReq)).payload()).oid();
        String label = DotText.parse(StateDiagram.of(w.k).dot()).node("o" + frame).label();
        assertThat(label).contains("cap_count 2, data_count 5").contains("addr 6 0").contains("68 65 6c 6c 6f &quot;hello&quot;");
        assertThat(DotText.parse(StateDiagram.of(w.k).dot()).node("o" + w.client).label()).contains("not activated");
        assertThat(ViengoosStyle.bytes("0123456789".getBytes())).isEqualTo("30 31 32 33 34 35 36 37 \"01234567\" ...");
    }

    @Test
    void namesLabelNodesAndTheLegendListsEveryTypeAndEdgeStyle() {
        ClientServerFixture w = new ClientServerFixture("revised");
        DotText d = DotText.parse(StateDiagram.of(w.k).names(w.names).title("t").dot());
        assertThat(d.node("o" + w.client).label()).startsWith("<B>client</B>").contains("thread#" + w.client);
        assertThat(d.node("o" + w.client).attrs()).containsEntry("shape", "ellipse");
        assertThat(d.node("o" + w.serverQueue).attrs()).containsEntry("shape", "cds");
        assertThat(d.node("o" + w.clientAct).attrs()).containsEntry("shape", "folder");
        String legend = d.node("legend").label();
        for (CapType t : CapType.values()) {
            if (t != CapType.VOID) {
                assertThat(legend).contains(">" + t.word() + "<");
            }
        }
        assertThat(legend).contains("stale capability").contains("waits to send").contains("activation pending")
                .doesNotContain("added by this step");
        assertThat(DotText.parse(StateDiagram.of(w.k).legend(false).dot()).nodes).doesNotContainKey("legend");
    }

    @Test
    void aPersonalityDecidesShapeColourAndText() {
        ClientServerFixture w = new ClientServerFixture("revised");
        DrawingStyle boxes = new DrawingStyle() {
            @Override
            public String name() {
                return "boxes";
            }

            @Override
            public NodeLook look(capsim.kernel.KernelObject o, Names names) {
                return new NodeLook("hexagon", "#123456", "X" + o.oid(), List.of("custom"));
            }

            @Override
            public NodeLook legend(CapType type) {
                return new NodeLook("hexagon", "#123456", type.word(), List.of());
            }
        };
        DotText d = DotText.parse(StateDiagram.of(w.k).style(boxes).dot());
        assertThat(d.node("o" + w.client).attrs()).containsEntry("shape", "hexagon").containsEntry("fillcolor", "#123456");
        assertThat(d.node("o" + w.client).label()).contains("<B>X" + w.client + "</B>").contains("custom");
        // slot tables keep their ports whatever the personality says
        assertThat(d.node("o" + w.clientRoot).label()).contains("PORT=\"s3\"").contains("BGCOLOR=\"#123456\"");
        assertThat(d.node("legend").label()).contains("(boxes)");
    }

    @Test
    void theModelIsAGraphvizJavaGraphWithClustersAndPortLinks() {
        ClientServerFixture w = new ClientServerFixture("revised");
        MutableGraph g = StateDiagram.of(w.k).graph();
        assertThat(g.isDirected()).isTrue();
        assertThat(g.graphs()).anySatisfy(c -> assertThat(c.name().toString()).isEqualTo("a0"));
        MutableNode page = g.rootNodes().stream().filter(n -> n.name().toString().equals("o" + w.clientRoot)).findFirst().orElseThrow();
        assertThat(page.links()).anySatisfy(l -> assertThat(l.to().toString()).contains("o" + w.clientReq));
        assertThat(CapAddress.format(a(3))).isEqualTo("3");
    }

    @Test
    void oddNamesAndTitlesStayValidDot() {
        ClientServerFixture w = new ClientServerFixture("revised");
        String odd = "we\"ird <x> & y\\ {|}";
        w.names.put(w.clientAct, odd);
        w.names.put(w.client, odd);
        String dot = StateDiagram.of(w.k).names(w.names).title(odd).dot();
        DotText d = DotText.parse(dot);
        assertThat(d.clusterAttrs.get("cluster_a" + w.clientAct).get("label")).isEqualTo(odd + " (activity#" + w.clientAct + ")");
        assertThat(d.node("o" + w.client).label()).contains("we&quot;ird &lt;x&gt; &amp; y\\ {|}");
        org.junit.jupiter.api.Assumptions.assumeTrue(DiagramEngine.nativeAvailable(), "native dot not installed");
        assertThat(new String(NativeDot.find().render(dot, "svg"), java.nio.charset.StandardCharsets.UTF_8)).contains("<svg");
    }
}
