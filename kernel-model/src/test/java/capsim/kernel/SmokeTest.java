package capsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.variant.Variant;
import capsim.kernel.variant.Variants;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SmokeTest {
    static java.util.List<Variant> variants() {
        return Variants.shipped();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void rpcRoundTrip(Variant v) {
        World w = new World(v);
        w.serverReady(2);
        int replyTarget = w.queues() ? World.a(6) : World.a(4);
        // request carries: cap 0 = reply target, cap 1 = the client's activity (weak)
        w.k.writeMessage(w.client, World.a(3), new int[] {replyTarget, World.a(0)}, "hello".getBytes());
        Outcome o = w.k.rpc(w.client, World.a(3), World.a(5), World.a(4), w.queues() ? World.a(6) : CapAddress.NONE);
        assertThat(o).isEqualTo(Outcome.DELIVERED);
        assertThat(w.page(w.serverRoot).slot(20).oid()).isEqualTo(w.queues() ? w.clientReplyQueue : w.clientReply);
        assertThat(w.page(w.serverRoot).slot(21).oid()).isEqualTo(w.clientAct);
        assertThat(w.thread(w.server).activated()).isTrue();
        assertThat(w.thread(w.server).current().id()).isEqualTo(77);
        assertThat(w.payloadOf(w.serverBuf).data()).isEqualTo("hello".getBytes());
        for (var e : w.k.trace().events()) {
            System.out.println(e.text());
        }
    }
}
