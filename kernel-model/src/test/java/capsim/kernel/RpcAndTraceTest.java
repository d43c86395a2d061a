package capsim.kernel;

import static capsim.kernel.Refusals.assertRefused;
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

class RpcAndTraceTest {
    static List<Variant> variants() {
        return List.of(new Proposal2008(), new Messenger2008(), new Revised());
    }

    /** A full round trip: request with the reply capability, server replies non-blocking, client activated. */
    static ClientServerFixture roundTrip(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        w.serverReady(1);
        int replyTarget = w.queues() ? a(6) : a(4);
        w.k.writeMessage(w.client, a(3), new int[] {replyTarget}, "req".getBytes());
        Outcome o = w.k.rpc(w.client, a(3), a(5), a(4), w.queues() ? a(6) : CapAddress.NONE);
        assertThat(o).isEqualTo(Outcome.DELIVERED);
        // server got the reply capability in its slot 20 and answers through it, non-blocking
        int replyBuf = w.k.allocate(w.server, a(0), CapType.MESSAGE_BUFFER, a(31));
        w.k.writeMessage(w.server, a(31), new int[0], "resp".getBytes());
        assertThat(w.k.send(w.server, a(31), a(20), false)).isEqualTo(Outcome.DELIVERED);
        assertThat(replyBuf).isPositive();
        return w;
    }

    @ParameterizedTest
    @MethodSource("variants")
    void rpcRoundTripActivatesTheClientWithTheReply(Variant v) {
        ClientServerFixture w = roundTrip(v);
        assertThat(w.thread(w.client).activated()).isTrue();
        assertThat(w.thread(w.client).current().buffer()).isEqualTo(w.clientReply);
        assertThat(w.payloadOf(w.clientReply).data()).isEqualTo("resp".getBytes());
        assertThat(w.thread(w.server).activated()).isTrue();
    }

    @Test
    void rpcRequestMustCarryTheReplyCapabilityFirst() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        w.serverReady(1);
        w.k.writeMessage(w.client, a(3), new int[] {a(0)}, new byte[0]);
        assertRefused(w.k, KernelError.BAD_ARGUMENT, () -> w.k.rpc(w.client, a(3), a(5), a(4), CapAddress.NONE));
        w.k.writeMessage(w.client, a(3), new int[] {a(4)}, new byte[0]);
        assertRefused(w.k, KernelError.BAD_ARGUMENT, () -> w.k.rpc(w.client, a(3), a(5), a(3), CapAddress.NONE));
        assertRefused(w.k, KernelError.NOT_SUPPORTED, () -> w.k.rpc(w.client, a(3), a(5), a(4), a(6)));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void sameStepsGiveTheSameTraceHash(Variant v) {
        long h1 = roundTrip(v).k.trace().hash();
        long h2 = roundTrip(v).k.trace().hash();
        assertThat(h1).isEqualTo(h2);
    }

    @Test
    void differentVariantsOrStepsGiveDifferentHashes() {
        long p = roundTrip(new Proposal2008()).k.trace().hash();
        long m = roundTrip(new Messenger2008()).k.trace().hash();
        assertThat(p).isNotEqualTo(m);
        ClientServerFixture w = roundTrip(new Messenger2008());
        w.k.collect(w.client);
        assertThat(w.k.trace().hash()).isNotEqualTo(m);
    }

    @Test
    void copyIsDeepAndIndependent() {
        ClientServerFixture w = roundTrip(new Revised());
        Kernel snap = w.k.copy();
        String before = StateText.of(snap);
        assertThat(StateText.of(w.k)).isEqualTo(before);
        assertThat(snap.trace().hash()).isEqualTo(w.k.trace().hash());
        w.k.collect(w.client);
        w.k.copyCap(w.client, a(3), a(40), Rights.WEAK);
        assertThat(StateText.of(snap)).isEqualTo(before);
        assertThat(StateText.of(w.k)).isNotEqualTo(before);
        // the copy runs on its own
        snap.collect(w.client);
        assertThat(((KernelThread) snap.heap().get(w.client)).activated()).isFalse();
    }

    @Test
    void everyEventHasText() {
        ClientServerFixture w = roundTrip(new Revised());
        for (Event e : w.k.trace().events()) {
            assertThat(e.text()).isNotBlank();
        }
        assertThat(w.k.messagesSent()).isEqualTo(2);
    }
}
