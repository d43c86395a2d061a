package capsim.kernel;

import static capsim.kernel.Refusals.assertRefused;
import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.check.Invariants;
import capsim.kernel.check.Monitor;
import capsim.kernel.variant.Messenger2008;
import capsim.kernel.variant.Proposal2008;
import capsim.kernel.variant.Revised;
import capsim.kernel.variant.Variant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Issue 12's Viengoos defects, each pinned against the source behaviour (messenger.c, server.c, rpc_error_reply). */
class FidelityRegressionTest {

    static Stream<Variant> bufferDesigns() {
        return Stream.of(new Proposal2008(), new Messenger2008());
    }

    // ------------------------------------------------------------------ defect 1

    @ParameterizedTest
    @MethodSource("bufferDesigns")
    void aNonBlockingReceiveWithNoSenderIsEwouldblockAndTheBufferStaysBlocked(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        w.boot.setBlocked(w.serverBuf, true);
        assertRefused(w.k, KernelError.EWOULDBLOCK, () -> w.k.receive(w.server, a(3), CapAddress.NONE, false));
        assertThat(w.buffer(w.serverBuf).blocked()).isTrue();
    }

    // ------------------------------------------------------------------ defect 2

    /** Gives the client a capability to the root activity (slot 15) and sets its quota to usage + {@code room}. */
    private static void rootRoom(ClientServerFixture w, int room) {
        w.boot.setSlot(w.clientRoot, 15, w.boot.cap(w.k.rootActivity()));
        w.k.setQuota(w.client, a(15), w.activity(w.k.rootActivity()).usage() + room);
    }

    @ParameterizedTest
    @MethodSource("bufferDesigns")
    void aSendNeedingTwoPagesUnderOneAncestorWithRoomForOneIsRefused(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        rootRoom(w, 1);
        // Neither the source nor the (unblocked) target has a page: two fresh pages, both under the root.
        assertRefused(w.k, KernelError.ENOMEM, () -> w.k.send(w.client, a(3), a(5), true));
        rootRoom(w, 2);
        assertThat(w.k.send(w.client, a(3), a(5), true)).isEqualTo(Outcome.DELIVERED);
        Activity root = w.activity(w.k.rootActivity());
        assertThat(root.usage()).isLessThanOrEqualTo(root.quota());
    }

    @ParameterizedTest
    @MethodSource("bufferDesigns")
    void anRpcNeedingTwoPagesUnderOneAncestorWithRoomForOneIsRefused(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        w.k.writeMessage(w.client, a(3), new int[] {a(4)}, new byte[0]);
        rootRoom(w, 1);
        // The reply buffer and the target have no page: two fresh pages, both under the root.
        assertRefused(w.k, KernelError.ENOMEM, () -> w.k.rpc(w.client, a(3), a(5), a(4), CapAddress.NONE));
        rootRoom(w, 2);
        assertThat(w.k.rpc(w.client, a(3), a(5), a(4), CapAddress.NONE)).isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void theSamePayerTwiceNeedsRoomForBoth() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        // The server's own buffer is the target: its fresh page and the source's are both the server's.
        int src = w.boot.allocate(CapType.MESSAGE_BUFFER, w.serverAct);
        w.boot.setBufferSlot(src, BufferSlot.THREAD, w.boot.cap(w.server));
        w.boot.setBufferSlot(src, BufferSlot.AS_ROOT, w.boot.cap(w.serverRoot));
        w.boot.setSlot(w.serverRoot, 4, w.boot.cap(src));
        w.boot.setSlot(w.serverRoot, 5, w.boot.cap(w.serverBuf, Rights.WEAK, 0));
        w.k.setQuota(w.server, a(0), w.activity(w.serverAct).usage() + 1);
        assertRefused(w.k, KernelError.ENOMEM, () -> w.k.send(w.server, a(4), a(5), true));
    }

    // ------------------------------------------------------------------ defect 3

    @Test
    void revisedDestroysABigActivityInStepsBoundedByB() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        int big = w.boot.activity(w.clientAct, 0);
        for (int i = 0; i < 70; i++) {
            w.boot.allocate(CapType.FRAME, big);
        }
        w.boot.setSlot(w.clientRoot, 15, w.boot.cap(big));
        long rootUsage = w.activity(w.k.rootActivity()).usage();
        Monitor m = new Monitor(w.k, Invariants.all());
        assertThat(m.step(new Action.Free(w.client, a(15))).violations()).isEmpty();
        assertThat(w.k.lastStepWork()).isLessThanOrEqualTo(w.k.workBound());
        assertThat(w.k.destructionsInProgress()).containsExactly(big);
        // Revoked at once: the capability reads void and nothing more can be charged under it.
        assertThat(w.k.readCap(w.client, a(15)).isVoid()).isTrue();
        int resumes = 0;
        while (w.k.unfinishedWork() > 0) {
            assertThat(m.step(new Action.Resume()).violations()).isEmpty();
            assertThat(m.kernel().lastStepWork()).isLessThanOrEqualTo(w.k.workBound());
            resumes++;
        }
        assertThat(resumes).isBetween(1, 3);
        assertThat(m.kernel().heap().get(big)).isNull();
        assertThat(((Activity) m.kernel().heap().get(m.kernel().rootActivity())).usage()).isEqualTo(rootUsage - 71);
    }

    @Test
    void revisedDestroysAQueueWithManyWaitingSendersInBoundedSteps() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        for (int i = 0; i < 150; i++) {
            int b = w.boot.allocate(CapType.MESSAGE_BUFFER, w.clientAct);
            w.boot.setBufferSlot(b, BufferSlot.THREAD, w.boot.cap(w.client));
            w.boot.setBufferSlot(b, BufferSlot.AS_ROOT, w.boot.cap(w.clientRoot));
            w.boot.setSlot(w.clientRoot, 40, w.boot.cap(b));
            w.k.send(w.client, a(40), a(5), true);
        }
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        Monitor m = new Monitor(w.k, Invariants.all());
        assertThat(m.step(new Action.Free(w.server, a(6))).violations()).isEmpty();
        assertThat(w.k.lastStepWork()).isLessThanOrEqualTo(w.k.workBound());
        assertThat(w.k.unfinishedWork()).isPositive();
        // Nobody can send to the dying queue any more.
        assertRefused(m.kernel(), KernelError.VOID_CAPABILITY, () -> m.kernel().send(w.client, a(3), a(5), true));
        while (m.kernel().unfinishedWork() > 0) {
            assertThat(m.step(new Action.Resume()).violations()).isEmpty();
            assertThat(m.kernel().lastStepWork()).isLessThanOrEqualTo(w.k.workBound());
        }
        assertThat(m.kernel().heap().get(w.serverQueue)).isNull();
        assertThat(m.kernel().trace().events()).filteredOn(e -> e instanceof Event.SenderFailed).hasSize(150);
    }

    @ParameterizedTest
    @MethodSource("bufferDesigns")
    void the2008DesignsStillDestroyInOneUnboundedStep(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        int big = w.boot.activity(w.clientAct, 0);
        for (int i = 0; i < 70; i++) {
            w.boot.allocate(CapType.FRAME, big);
        }
        w.boot.setSlot(w.clientRoot, 15, w.boot.cap(big));
        w.k.free(w.client, a(15));
        assertThat(w.k.lastStepWork()).isEqualTo(71).isGreaterThan(w.k.workBound());
        assertThat(w.k.unfinishedWork()).isZero();
    }

    // ------------------------------------------------------------------ defect 5

    @Test
    void messenger2008DropsTheErrorToABlockedSenderAndTheMessageIsLost() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        w.boot.setBlocked(w.serverBuf, true);
        w.boot.configureBuffer(w.clientReq, MessageBuffer.ACTIVATE_ON_RECEIVE, 1);
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        w.k.send(w.client, a(3), a(5), true);
        w.boot.setBlocked(w.clientReq, true);
        Monitor m = new Monitor(w.k, Invariants.all());
        var r = m.step(new Action.Free(w.server, a(3)));
        assertThat(m.kernel().trace().events()).filteredOn(e -> e instanceof Event.ErrorDropped).hasSize(1);
        assertThat(((MessageBuffer) m.kernel().heap().get(w.clientReq)).lastError()).isNull();
        assertThat(((KernelThread) m.kernel().heap().get(w.client)).activated()).isFalse();
        assertThat(r.violations()).extracting(v -> v.invariant()).contains("message-conservation");
    }

    @Test
    void revisedNeverDropsTheErrorAndActivatesOnlyOnActivateOnReceive() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        w.boot.configureBuffer(w.clientReq, MessageBuffer.ACTIVATE_ON_RECEIVE, 1);
        w.boot.setBlocked(w.clientReq, true);
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        w.k.writeMessage(w.client, a(4), new int[0], new byte[0]);
        w.k.send(w.client, a(3), a(5), true);
        w.k.send(w.client, a(4), a(5), true);
        w.k.free(w.server, a(6));
        assertThat(w.buffer(w.clientReq).lastError()).isEqualTo(KernelError.EFAULT);
        assertThat(w.buffer(w.clientReply).lastError()).isEqualTo(KernelError.EFAULT);
        // One activation (clientReq asks for it), none pending for clientReply (it does not).
        assertThat(w.thread(w.client).current().buffer()).isEqualTo(w.clientReq);
        assertThat(w.thread(w.client).pendingBuffers()).isEmpty();
    }

    // ------------------------------------------------------------------ defect 7

    @Test
    void aPendingActivationDroppedBecauseItsBufferWasFreedNamesThatBufferItsMessageAndWhy() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        w.serverReady(0);
        w.k.configureBuffer(w.client, a(4), MessageBuffer.ACTIVATE_ON_RECEIVE, 5);
        // The client is busy (activated by its own request buffer's send), so the reply's activation pends.
        w.k.configureBuffer(w.client, a(3), MessageBuffer.ACTIVATE_ON_SEND, 4);
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        w.k.send(w.client, a(3), a(5), true);
        assertThat(w.thread(w.client).activated()).isTrue();
        w.boot.setSlot(w.serverRoot, 9, w.boot.cap(w.clientReply, Rights.WEAK, 0));
        w.k.writeMessage(w.server, a(3), new int[0], new byte[0]);
        w.k.receive(w.client, a(4), CapAddress.NONE, true);
        w.k.send(w.server, a(3), a(9), true);
        assertThat(w.thread(w.client).pendingBuffers()).containsExactly(w.clientReply);
        int msg = w.k.messagesSent();
        w.k.free(w.client, a(4));
        // The oid is reused by a new object.
        w.k.allocate(w.client, a(0), CapType.FRAME, a(13));
        assertThat(w.k.heap().get(w.clientReply)).isInstanceOf(Frame.class);
        w.k.collect(w.client);
        List<Event.ActivationDropped> dropped = w.k.trace().events().stream()
                .filter(e -> e instanceof Event.ActivationDropped).map(e -> (Event.ActivationDropped) e).toList();
        assertThat(dropped).hasSize(1);
        assertThat(dropped.get(0).msg()).isEqualTo(msg);
        assertThat(dropped.get(0).buffer()).isEqualTo(w.clientReply);
        assertThat(dropped.get(0).thread()).isEqualTo(w.client);
        assertThat(dropped.get(0).reason()).isEqualTo(Event.DropReason.BUFFER_FREED);
        assertThat(dropped.get(0).text()).contains("msg " + msg).contains("freed").doesNotContain("names no live thread");
    }
}
