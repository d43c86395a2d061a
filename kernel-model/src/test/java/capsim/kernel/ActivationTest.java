package capsim.kernel;

import static capsim.kernel.Refusals.assertRefused;
import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.variant.Messenger2008;
import capsim.kernel.variant.Revised;
import capsim.kernel.variant.Variant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ActivationTest {
    static List<Variant> variants() {
        return List.of(new Messenger2008(), new Revised());
    }

    /**
     * Two deliveries from the client, each activating it on send: the second arrives while the client is
     * still activated for the first (the server collected and waited again in between).
     */
    private static ClientServerFixture secondDeliveryWhileActivated(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        w.serverReady(0);
        w.k.configureBuffer(w.client, a(3), MessageBuffer.ACTIVATE_ON_SEND, 9);
        w.k.configureBuffer(w.client, a(4), MessageBuffer.ACTIVATE_ON_SEND, 10);
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        w.k.send(w.client, a(3), a(5), true);
        w.k.collect(w.server);
        w.k.receive(w.server, a(3), w.queues() ? a(6) : CapAddress.NONE, true);
        w.k.writeMessage(w.client, a(4), new int[0], new byte[0]);
        w.k.send(w.client, a(4), a(5), true);
        return w;
    }

    private static long count(ClientServerFixture w, Class<? extends Event> type) {
        return w.k.trace().events().stream().filter(type::isInstance).count();
    }

    @ParameterizedTest
    @MethodSource("variants")
    void flagsChooseWhoIsActivated(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        w.serverReady(0);
        w.k.configureBuffer(w.server, a(3), 0, 1);
        w.k.configureBuffer(w.client, a(3), MessageBuffer.ACTIVATE_ON_SEND, 9);
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        w.k.send(w.client, a(3), a(5), true);
        assertThat(w.thread(w.server).activated()).isFalse();
        assertThat(w.thread(w.client).activated()).isTrue();
        assertThat(w.thread(w.client).current()).isEqualTo(new Activation(w.clientReq, 9, 0));
        assertThat(count(w, Event.Activated.class)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void bothSidesActivatedOnDelivery(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        w.serverReady(0);
        w.k.configureBuffer(w.client, a(3), MessageBuffer.ACTIVATE_ON_SEND, 9);
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        w.k.send(w.client, a(3), a(5), true);
        assertThat(w.thread(w.server).activated()).isTrue();
        assertThat(w.thread(w.client).activated()).isTrue();
        assertThat(w.thread(w.server).activationCount()).isEqualTo(1);
        assertThat(w.thread(w.client).activationCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void activatedThreadGetsPendingAndCollectsIt(Variant v) {
        ClientServerFixture w = secondDeliveryWhileActivated(v);
        assertThat(w.thread(w.client).pendingBuffers()).containsExactly(w.clientReply);
        assertThat(w.thread(w.client).current().buffer()).isEqualTo(w.clientReq);
        assertThat(count(w, Event.ActivationPending.class)).isEqualTo(1);
        w.k.collect(w.client);
        assertThat(w.thread(w.client).activated()).isTrue();
        assertThat(w.thread(w.client).current()).isEqualTo(new Activation(w.clientReply, 10, 0));
        assertThat(w.thread(w.client).pendingBuffers()).isEmpty();
        w.k.collect(w.client);
        assertThat(w.thread(w.client).activated()).isFalse();
        assertRefused(w.k, KernelError.BAD_ARGUMENT, () -> w.k.collect(w.client));
    }

    @ParameterizedTest
    @MethodSource("variants")
    void pendingBufferFreedBeforeCollectIsDropped(Variant v) {
        ClientServerFixture w = secondDeliveryWhileActivated(v);
        w.k.free(w.client, a(4));
        // the oid is reused by a new buffer: it must not be mistaken for the pending one
        w.k.allocate(w.client, a(0), CapType.MESSAGE_BUFFER, a(4));
        w.k.collect(w.client);
        assertThat(w.thread(w.client).activated()).isFalse();
        assertThat(count(w, Event.ActivationDropped.class)).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("variants")
    void deadThreadIsNotActivated(Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        w.k.allocate(w.server, a(0), CapType.THREAD, a(30));
        Capability t = w.page(w.serverRoot).slot(30);
        w.k.setBufferSlot(w.server, a(3), BufferSlot.THREAD, a(30));
        w.serverReady(0);
        w.k.free(w.server, a(30));
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        w.k.send(w.client, a(3), a(5), true);
        assertThat(w.k.designates(t)).isFalse();
        assertThat(count(w, Event.ActivationDropped.class)).isEqualTo(1);
        assertThat(count(w, Event.Activated.class)).isZero();
    }
}
