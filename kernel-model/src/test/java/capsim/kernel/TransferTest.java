package capsim.kernel;

import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.variant.Messenger2008;
import capsim.kernel.variant.Proposal2008;
import capsim.kernel.variant.Revised;
import capsim.kernel.variant.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransferTest {
    static List<Variant> variants() {
        return List.of(new Proposal2008(), new Messenger2008(), new Revised());
    }

    private static Outcome send(ClientServerFixture w, int src) {
        return w.k.send(w.client, a(src), a(5), true);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void copiesMinOfCapabilityCounts(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        w.serverReady(2);
        w.k.writeMessage(w.client, a(3), new int[] {a(0), a(1), a(2)}, new byte[0]);
        assertThat(send(w, 3)).isEqualTo(Outcome.DELIVERED);
        assertThat(w.page(w.serverRoot).slot(20).oid()).isEqualTo(w.clientAct);
        assertThat(w.page(w.serverRoot).slot(21).oid()).isEqualTo(w.client);
        assertThat(w.page(w.serverRoot).slot(22).isVoid()).as("only MIN(3, 2) capabilities move").isTrue();
        long transferred = w.k.trace().events().stream().filter(e -> e instanceof Event.CapTransferred).count();
        assertThat(transferred).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void fewerSourceCapsVoidTheRestOfTheTargetAddresses(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        w.serverReady(3);
        w.k.writeMessage(w.client, a(3), new int[] {a(0)}, new byte[0]);
        send(w, 3);
        Frame got = w.payloadOf(w.serverBuf);
        if (v.deliversSourceCapCount()) {
            // messenger.c: the delivered cap_count becomes the source's.
            assertThat(got.capCount()).isEqualTo(1);
            assertThat(got.capAddress(0)).isEqualTo(a(20));
            return;
        }
        assertThat(got.capCount()).isGreaterThanOrEqualTo(3);
        assertThat(got.capAddress(0)).isEqualTo(a(20));
        assertThat(got.capAddress(1)).isEqualTo(CapAddress.NONE);
        assertThat(got.capAddress(2)).isEqualTo(CapAddress.NONE);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void addressesResolveInEachSidesOwnSpace(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        // the same address 9 names different things on each side
        int mine = w.boot.allocate(CapType.FRAME, w.clientAct);
        w.boot.setSlot(w.clientRoot, 9, w.boot.cap(mine));
        int sub = w.boot.allocate(CapType.CAPPAGE, w.serverAct);
        w.boot.setSlot(w.serverRoot, 9, w.boot.cap(sub));
        w.k.writeMessage(w.server, a(3), new int[] {a(9, 4)}, new byte[0]);
        w.k.receive(w.server, a(3), w.queues() ? a(6) : CapAddress.NONE, true);
        w.k.writeMessage(w.client, a(3), new int[] {a(9)}, new byte[0]);
        send(w, 3);
        assertThat(((CapPage) w.k.heap().get(sub)).slot(4).oid()).isEqualTo(mine);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void capabilityFetchedThroughReadOnlyPathIsWeakened(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        int sub = w.boot.allocate(CapType.CAPPAGE, w.clientAct);
        w.boot.setSlot(w.clientRoot, 8, w.boot.cap(sub, Rights.WEAK, 0));
        w.boot.setSlot(sub, 0, w.boot.cap(w.clientAct));
        w.serverReady(1);
        w.k.writeMessage(w.client, a(3), new int[] {a(8, 0)}, new byte[0]);
        send(w, 3);
        Capability got = w.page(w.serverRoot).slot(20);
        assertThat(got.oid()).isEqualTo(w.clientAct);
        assertThat(got.rights()).isEqualTo(Rights.WEAK);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void unwritableTargetSlotBecomesVoidAddress(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        int sub = w.boot.allocate(CapType.CAPPAGE, w.serverAct);
        w.boot.setSlot(w.serverRoot, 8, w.boot.cap(sub, Rights.WEAK, 0));
        w.k.writeMessage(w.server, a(3), new int[] {a(8, 0), a(21)}, new byte[0]);
        w.k.receive(w.server, a(3), w.queues() ? a(6) : CapAddress.NONE, true);
        w.k.writeMessage(w.client, a(3), new int[] {a(0), a(1)}, new byte[0]);
        send(w, 3);
        assertThat(((CapPage) w.k.heap().get(sub)).slot(0).isVoid()).isTrue();
        assertThat(w.page(w.serverRoot).slot(21).oid()).isEqualTo(w.client);
        Frame got = w.payloadOf(w.serverBuf);
        assertThat(got.capAddress(0)).isEqualTo(CapAddress.NONE);
        assertThat(got.capAddress(1)).isEqualTo(a(21));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void unresolvableSourceAddressSendsVoid(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        w.serverReady(1);
        w.k.writeMessage(w.client, a(3), new int[] {a(77)}, new byte[0]);
        send(w, 3);
        assertThat(w.page(w.serverRoot).slot(20).isVoid()).isTrue();
    }

    @Test
    void messengerCopiesBytesAndKeepsBothFrames() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        w.serverReady(0);
        w.k.writeMessage(w.client, a(3), new int[0], "ping".getBytes());
        Frame src = w.payloadOf(w.clientReq);
        Frame dst = w.payloadOf(w.serverBuf);
        send(w, 3);
        assertThat(w.payloadOf(w.clientReq)).isSameAs(src);
        assertThat(w.payloadOf(w.serverBuf)).isSameAs(dst);
        assertThat(dst.data()).isEqualTo("ping".getBytes());
        assertThat(src.data()).isEqualTo("ping".getBytes());
    }

    @Test
    void proposalDetachesSourceFreesTargetFrameAndHandsOffSource() {
        ClientServerFixture w = new ClientServerFixture(new Proposal2008());
        w.serverReady(1);
        w.k.writeMessage(w.client, a(3), new int[] {a(0)}, "ping".getBytes());
        w.k.getBufferSlot(w.client, a(3), BufferSlot.PAYLOAD, a(7)); // the sender keeps its page mapped
        Frame src = w.payloadOf(w.clientReq);
        Frame oldTarget = w.payloadOf(w.serverBuf);
        long serverUsage = w.activity(w.serverAct).usage();
        send(w, 3);
        assertThat(w.buffer(w.clientReq).payload().isVoid()).as("frame revoked from the source buffer").isTrue();
        assertThat(w.payloadOf(w.serverBuf)).isSameAs(src);
        assertThat(w.k.heap().get(oldTarget.oid())).as("target's own frame freed").isNull();
        assertThat(w.activity(w.serverAct).usage()).isEqualTo(serverUsage - 1);
        assertThat(src.chargedTo()).as("the sender still pays for the frame the target holds").isEqualTo(w.clientAct);
        // Shapiro's "temporary exposure": the sender still reaches the frame and reads target-side addresses.
        MessagePage seen = w.k.readFrame(w.client, a(7));
        assertThat(seen.capAddresses()).containsExactly(a(20));
        assertThat(seen.data()).isEqualTo("ping".getBytes());
        // the next write allocates a fresh frame for the source buffer
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        assertThat(w.payloadOf(w.clientReq)).isNotSameAs(src);
    }

    @Test
    void revisedReidentifiesExchangesAndClears() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        w.serverReady(1);
        w.k.writeMessage(w.client, a(3), new int[] {a(0)}, "ping".getBytes());
        w.k.getBufferSlot(w.client, a(3), BufferSlot.PAYLOAD, a(7));
        w.k.getBufferSlot(w.server, a(3), BufferSlot.PAYLOAD, a(7));
        Frame src = w.payloadOf(w.clientReq);
        Frame oldTarget = w.payloadOf(w.serverBuf);
        long clientUsage = w.activity(w.clientAct).usage();
        long serverUsage = w.activity(w.serverAct).usage();
        send(w, 3);
        assertThat(w.payloadOf(w.serverBuf)).isSameAs(src);
        assertThat(w.payloadOf(w.clientReq)).as("exchanged, not freed").isSameAs(oldTarget);
        assertThat(oldTarget.isClear()).isTrue();
        assertThat(w.k.readCap(w.client, a(7)).isVoid()).as("sender's old mapping revoked").isTrue();
        assertThat(w.k.readCap(w.server, a(7)).isVoid()).as("target's old mapping revoked").isTrue();
        assertThat(w.activity(w.clientAct).usage()).isEqualTo(clientUsage);
        assertThat(w.activity(w.serverAct).usage()).isEqualTo(serverUsage);
        assertThat(src.chargedTo()).isEqualTo(w.serverAct);
        assertThat(oldTarget.chargedTo()).isEqualTo(w.clientAct);
        assertThat(src.capAddresses()).containsExactly(a(20));
        assertThat(src.data()).isEqualTo("ping".getBytes());
    }

    @Test
    void sharedFrameIsNotMovedOrFreed() {
        ClientServerFixture w = new ClientServerFixture(new Proposal2008());
        w.serverReady(0);
        w.k.writeMessage(w.client, a(3), new int[0], "x".getBytes());
        Frame shared = w.payloadOf(w.clientReq);
        w.boot.setBufferSlot(w.serverBuf, BufferSlot.PAYLOAD, shared.capability());
        send(w, 3);
        assertThat(w.k.heap().get(shared.oid())).isSameAs(shared);
        assertThat(w.buffer(w.serverBuf).payload()).isEqualTo(shared.capability());
    }

    @Test
    void unboundedCopyExceedsTheWorkBoundWithoutPreemption() {
        for (Variant v : List.of(new Proposal2008(), new Messenger2008())) {
            ClientServerFixture w = new ClientServerFixture(v);
            w.serverReady(100);
            int[] caps = new int[100];
            java.util.Arrays.fill(caps, a(0));
            w.k.writeMessage(w.client, a(3), caps, new byte[0]);
            assertThat(send(w, 3)).isEqualTo(Outcome.DELIVERED);
            assertThat(w.k.lastStepWork()).as(v.name()).isGreaterThan(w.k.workBound());
        }
    }

    @Test
    void revisedCopyIsPreemptibleAndBounded() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        w.serverReady(100);
        int[] caps = new int[100];
        java.util.Arrays.fill(caps, a(0));
        w.k.writeMessage(w.client, a(3), caps, new byte[0]);
        assertThat(send(w, 3)).isEqualTo(Outcome.IN_PROGRESS);
        assertThat(w.k.lastStepWork()).isLessThanOrEqualTo(w.k.workBound());
        assertThat(w.k.inProgress()).hasSize(1);
        assertThat(w.buffer(w.clientReq).inTransfer()).isTrue();
        Refusals.assertRefused(w.k, KernelError.BUSY, () -> w.k.free(w.client, a(3)));
        Refusals.assertRefused(w.k, KernelError.BUSY, () -> w.k.free(w.client, a(0)));
        Refusals.assertRefused(w.k, KernelError.BUSY, () -> w.k.writeMessage(w.client, a(3), new int[0], new byte[0]));
        int resumes = 0;
        while (w.k.resume()) {
            resumes++;
            assertThat(w.k.lastStepWork()).isLessThanOrEqualTo(w.k.workBound());
        }
        assertThat(resumes).isGreaterThanOrEqualTo(3);
        assertThat(w.k.maxStepWork()).isLessThanOrEqualTo(w.k.workBound());
        assertThat(w.k.inProgress()).isEmpty();
        assertThat(w.buffer(w.clientReq).inTransfer()).isFalse();
        for (int i = 0; i < 100; i++) {
            assertThat(w.page(w.serverRoot).slot(20 + i).oid()).isEqualTo(w.clientAct);
        }
        assertThat(w.k.trace().events()).filteredOn(e -> e instanceof Event.Delivered).hasSize(1);
        assertThat(w.k.resume()).isFalse();
    }

    @Test
    void workBoundIsValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Kernel(new Revised(), 3, 0))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Kernel(null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void protectedPayloadOfTheInvokedCapabilityReachesTheTarget(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        w.serverReady(0);
        w.k.mintCap(w.server, a(w.queues() ? 6 : 3), a(30), Rights.WEAK, 4242L);
        w.k.copyCap(w.server, a(30), a(30), Rights.FULL);
        w.boot.setSlot(w.clientRoot, 5, w.page(w.serverRoot).slot(30));
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        send(w, 3);
        assertThat(w.buffer(w.serverBuf).protectedPayload()).isEqualTo(4242);
        assertThat(w.thread(w.server).current().protectedPayload()).isEqualTo(4242);
    }

    @Test
    void aPreemptedTransferShowsTheSameStateWhateverThePageHeldBefore() {
        // Regression: growing a page's address count over reused storage exposed stale addresses
        // mid-transfer, so a copy of the state (fresh arrays) and the original diverged.
        ClientServerFixture w = new ClientServerFixture(new Revised(), Kernel.MIN_WORK_BOUND);
        int[] many = new int[60];
        java.util.Arrays.fill(many, a(1));
        w.k.writeMessage(w.client, a(3), many, new byte[0]);
        w.k.writeMessage(w.client, a(3), new int[] {a(1)}, new byte[0]);
        int[] slots = new int[60];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = a(40 + i);
        }
        w.k.writeMessage(w.server, a(3), slots, new byte[0]);
        w.k.receive(w.server, a(3), a(6), true);
        Kernel copy = w.k.copy();
        Action send = new Action.Send(w.client, a(3), a(5), true);
        send.apply(w.k);
        send.apply(copy);
        assertThat(StateText.of(copy)).isEqualTo(StateText.of(w.k));
        while (w.k.resume()) {
            copy.resume();
            assertThat(StateText.of(copy)).isEqualTo(StateText.of(w.k));
        }
    }
}
