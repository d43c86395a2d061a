package capsim.visual;

import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.BufferSlot;
import capsim.kernel.CapType;
import capsim.kernel.ClientServerFixture;
import capsim.kernel.Kernel;
import capsim.kernel.MessageBuffer;
import capsim.kernel.Rights;
import capsim.visual.StateGraph.EdgeKey;
import capsim.visual.StateGraph.EdgeKind;
import capsim.visual.StepDiff.Change;
import org.junit.jupiter.api.Test;

class StepDiffTest {

    private static EdgeKey slot(int page, int i) {
        return new EdgeKey(page, "s" + i, EdgeKind.SLOT, -1);
    }

    @Test
    void aCapabilityCopyIsAnAddedEdgeAndAChangedPage() {
        ClientServerFixture w = new ClientServerFixture("revised");
        Kernel before = w.k.copy();
        w.k.copyCap(w.client, a(3), a(40), Rights.WEAK);
        StepDiff diff = StepDiff.between(before, w.k);

        assertThat(diff.addedEdges()).containsOnlyKeys(slot(w.clientRoot, 40));
        assertThat(diff.addedEdges().get(slot(w.clientRoot, 40)).to()).isEqualTo(w.clientReq);
        assertThat(diff.removedEdges()).isEmpty();
        assertThat(diff.changedEdges()).isEmpty();
        assertThat(diff.added()).isEmpty();
        assertThat(diff.removed()).isEmpty();
        assertThat(diff.changed()).containsExactly(w.clientRoot);
        assertThat(diff.summary(Names.of(w.names)))
                .contains("+ client-root (cappage#" + w.clientRoot + ")[40] -> request (buffer#" + w.clientReq + ") r");

        DotText d = DotText.parse(StateDiagram.of(diff).names(w.names).dot());
        DotText.EdgeStmt e = d.edge("o" + w.clientRoot, "s40", "o" + w.clientReq);
        assertThat(e.attrs()).containsEntry("color", StateDiagram.ADDED).containsEntry("label", "+ r");
        assertThat(d.node("o" + w.clientRoot).label()).contains("PORT=\"s40\" ALIGN=\"LEFT\" BGCOLOR=\"" + StateDiagram.ADDED_BG + "\"")
                .contains("~ changed").contains("COLOR=\"" + StateDiagram.CHANGED + "\"");
        // untouched objects and edges keep their plain look
        assertThat(d.edge("o" + w.clientRoot, "s3", "o" + w.clientReq).attrs()).containsEntry("color", StateDiagram.INK);
        assertThat(d.node("o" + w.server).label()).doesNotContain("changed");
        assertThat(d.node("legend").label()).contains("added by this step");
    }

    @Test
    void narrowingASlotInPlaceIsAChangedEdgeToTheSameTarget() {
        ClientServerFixture w = new ClientServerFixture("revised");
        Kernel before = w.k.copy();
        w.k.copyCap(w.client, a(3), a(3), Rights.WEAK);
        StepDiff diff = StepDiff.between(before, w.k);
        assertThat(diff.changedEdges()).containsOnlyKeys(slot(w.clientRoot, 3));
        DotText d = DotText.parse(StateDiagram.of(diff).dot());
        assertThat(d.edgesFrom("o" + w.clientRoot, "s3")).singleElement()
                .satisfies(e -> assertThat(e.attrs()).containsEntry("color", StateDiagram.CHANGED).containsEntry("label", "~ r"));
    }

    @Test
    void aClearedSlotIsARemovedEdgeStillDrawnFromAVoidRow() {
        ClientServerFixture w = new ClientServerFixture("revised");
        Kernel before = w.k.copy();
        w.k.copyCap(w.client, a(50), a(5), Rights.FULL); // slot 50 is void: copying it clears slot 5
        StepDiff diff = StepDiff.between(before, w.k);
        assertThat(diff.removedEdges()).containsOnlyKeys(slot(w.clientRoot, 5));
        DotText d = DotText.parse(StateDiagram.of(diff).names(w.names).dot());
        assertThat(d.node("o" + w.clientRoot).label()).contains("5: void (was server-q r)");
        DotText.EdgeStmt was = d.edge("o" + w.clientRoot, "s5", "o" + w.serverQueue);
        assertThat(was.attrs()).containsEntry("color", StateDiagram.REMOVED).containsEntry("style", "dashed")
                .containsEntry("label", "was r");
    }

    @Test
    void aFreedObjectIsDrawnGreyWithItsOldEdgesAndItsCapabilitiesTurnStale() {
        ClientServerFixture w = new ClientServerFixture("revised");
        Kernel before = w.k.copy();
        w.k.free(w.client, a(4));
        StepDiff diff = StepDiff.between(before, w.k);

        assertThat(diff.removed()).containsExactly(w.clientReply);
        assertThat(diff.ofNode(w.clientReply)).isEqualTo(Change.REMOVED);
        assertThat(diff.changedEdges()).containsKey(slot(w.clientRoot, 4));
        assertThat(diff.changedEdges().get(slot(w.clientRoot, 4)).after().stale()).isTrue();
        assertThat(diff.removedEdges()).containsKey(new EdgeKey(w.clientReply, "thread", EdgeKind.SLOT, -1));
        assertThat(diff.summary(Names.of(w.names))).contains("- reply (buffer#" + w.clientReply + ") freed");

        DotText d = DotText.parse(StateDiagram.of(diff).names(w.names).dot());
        DotText.NodeStmt ghost = d.node("o" + w.clientReply);
        assertThat(ghost.cluster()).isEqualTo("cluster_a" + w.clientAct);
        assertThat(ghost.label()).contains("x removed").contains("BGCOLOR=\"" + StateDiagram.REMOVED_BG + "\"");
        assertThat(d.edge("o" + w.clientReply, "thread", "o" + w.client).attrs()).containsEntry("color", StateDiagram.REMOVED);
        // the page's slot now leads to a stale marker (changed), and the old arrow to the ghost stays, grey
        assertThat(d.edge("o" + w.clientRoot, "s4", "stale_" + w.clientReply + "_0").attrs())
                .containsEntry("color", StateDiagram.CHANGED);
        assertThat(d.edge("o" + w.clientRoot, "s4", "o" + w.clientReply).attrs()).containsEntry("label", "was rw");
    }

    @Test
    void anOidReusedForAnotherTypeIsOneObjectRemovedAndOneAdded() {
        ClientServerFixture w = new ClientServerFixture("revised");
        Kernel before = w.k.copy();
        w.k.free(w.client, a(4));
        int frame = w.k.allocate(w.client, a(0), CapType.FRAME, a(41));
        assertThat(frame).isEqualTo(w.clientReply);
        StepDiff diff = StepDiff.between(before, w.k);
        assertThat(diff.removed()).containsExactly(frame);
        assertThat(diff.added()).containsExactly(frame);
        DotText d = DotText.parse(StateDiagram.of(diff).dot());
        assertThat(d.node("o" + frame).attrs()).containsEntry("shape", "note");
        assertThat(d.node("o" + frame + "x").label()).contains("x removed").contains("buffer#" + frame);
        assertThat(d.node("o" + frame).label()).contains("+ new");
    }

    @Test
    void aFrameHandOffSwapsThePayloadEdgesOfTheTwoBuffers() {
        ClientServerFixture w = new ClientServerFixture("proposal-2008");
        w.serverReady();
        w.clientWrites();
        int requestFrame = ((MessageBuffer) w.k.heap().get(w.clientReq)).payload().oid();
        Kernel before = w.k.copy();
        w.clientCalls();
        StepDiff diff = StepDiff.between(before, w.k);

        EdgeKey serverPayload = new EdgeKey(w.serverBuf, BufferSlot.PAYLOAD.word(), EdgeKind.SLOT, -1);
        assertThat(diff.changedEdges()).containsKey(serverPayload);
        assertThat(diff.changedEdges().get(serverPayload).after().to()).isEqualTo(requestFrame);
        // the request buffer no longer designates its frame: removed from it (proposal: revoked from the buffer)
        EdgeKey requestPayload = new EdgeKey(w.clientReq, BufferSlot.PAYLOAD.word(), EdgeKind.SLOT, -1);
        assertThat(diff.removedEdges().containsKey(requestPayload) || diff.changedEdges().containsKey(requestPayload)).isTrue();
        assertThat(diff.addedEdges()).containsKey(new EdgeKey(w.server, null, EdgeKind.ACTIVATED, w.serverBuf));
        DotText d = DotText.parse(StateDiagram.of(diff).dot());
        assertThat(d.edge("o" + w.serverBuf, "payload", "o" + requestFrame).attrs()).containsEntry("color", StateDiagram.CHANGED);
    }

    @Test
    void theSameStateTwiceIsAnEmptyDiff() {
        ClientServerFixture w = new ClientServerFixture("messenger-2008");
        StepDiff diff = StepDiff.between(w.k.copy(), w.k);
        assertThat(diff.isEmpty()).isTrue();
        assertThat(diff.summary(Names.of(w.names))).isEmpty();
        DotText d = DotText.parse(StateDiagram.of(diff).dot());
        assertThat(d.edges).allSatisfy(e -> assertThat(e.attrs().get("color"))
                .isNotIn(StateDiagram.ADDED, StateDiagram.CHANGED, StateDiagram.REMOVED));
        assertThat(d.nodes.values()).allSatisfy(n -> assertThat(n.label()).doesNotContain("+ new", "~ changed", "x removed"));
    }

    @Test
    void freeingAnActivityLeavesAGhostClusterHoldingEverythingItPaidFor() {
        ClientServerFixture w = new ClientServerFixture("revised");
        Kernel before = w.k.copy();
        w.k.free(w.server, a(0)); // the server destroys its own activity, itself included
        StepDiff diff = StepDiff.between(before, w.k);
        assertThat(diff.removed()).contains(w.serverAct, w.server, w.serverRoot, w.serverBuf, w.serverQueue);

        DotText d = DotText.parse(StateDiagram.of(diff).names(w.names).dot());
        String ghostCluster = "cluster_a" + w.serverAct;
        assertThat(d.clusters).containsEntry(ghostCluster, "cluster_a0");
        assertThat(d.clusterAttrs.get(ghostCluster)).containsEntry("style", "rounded,dashed").containsEntry("color", StateDiagram.REMOVED);
        assertThat(d.node("o" + w.serverQueue).cluster()).isEqualTo(ghostCluster);
        assertThat(d.node("o" + w.serverQueue).attrs()).containsEntry("style", "filled,dashed");
        // the client's weak capability to the dead queue now leads to a stale marker
        assertThat(d.edgesFrom("o" + w.clientRoot, "s5")).anySatisfy(e -> assertThat(e.to()).startsWith("stale_" + w.serverQueue));
    }
}
