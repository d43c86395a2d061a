package capsim.kernel;

import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.variant.Messenger2008;
import capsim.kernel.variant.Revised;
import org.junit.jupiter.api.Test;

class DestroyTest {

    @Test
    void destroyingATargetTellsEveryWaitingSenderEfault() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        int other = w.boot.allocate(CapType.MESSAGE_BUFFER, w.clientAct);
        w.boot.setBufferSlot(other, BufferSlot.THREAD, w.boot.cap(w.client));
        w.boot.setBufferSlot(other, BufferSlot.AS_ROOT, w.boot.cap(w.clientRoot));
        w.boot.setSlot(w.clientRoot, 12, w.boot.cap(other));
        w.boot.setBlocked(w.serverBuf, true);
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        w.k.writeMessage(w.client, a(12), new int[0], new byte[0]);
        w.k.send(w.client, a(3), a(5), true);
        w.k.send(w.client, a(12), a(5), true);
        w.k.free(w.server, a(3));
        assertThat(w.buffer(w.clientReq).lastError()).isEqualTo(KernelError.EFAULT);
        assertThat(w.buffer(other).lastError()).isEqualTo(KernelError.EFAULT);
        assertThat(w.buffer(w.clientReq).waitingOn()).isEqualTo(KernelObject.NO_OID);
        assertThat(w.buffer(w.clientReq).inFlightMessage()).isZero();
        assertThat(w.k.trace().events()).filteredOn(e -> e instanceof Event.SenderFailed sf && sf.reason() == KernelError.EFAULT)
                .hasSize(2);
        // rpc_error_reply activates the sender's thread only if its buffer asks to be activated on receive
        assertThat(w.thread(w.client).activated()).isFalse();
        assertThat(w.thread(w.client).pendingBuffers()).isEmpty();
        // the buffers can be sent again
        assertThat(w.k.send(w.client, a(3), a(4), true)).isEqualTo(Outcome.DELIVERED);
    }

    @Test
    void destroyingAQueueFailsSendersAndReceivers() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        w.k.send(w.client, a(3), a(5), true);
        w.k.free(w.server, a(6));
        assertThat(w.buffer(w.clientReq).lastError()).isEqualTo(KernelError.EFAULT);
        ClientServerFixture r = new ClientServerFixture(new Revised());
        r.k.receive(r.server, a(3), a(6), true);
        r.k.free(r.server, a(6));
        assertThat(r.buffer(r.serverBuf).lastError()).isEqualTo(KernelError.EFAULT);
        assertThat(r.buffer(r.serverBuf).waitingOn()).isEqualTo(KernelObject.NO_OID);
        assertThat(r.k.trace().events()).filteredOn(e -> e instanceof Event.ReceiverFailed).hasSize(1);
    }

    @Test
    void destroyingAWaitingSenderWithdrawsItsMessage() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        w.boot.setBlocked(w.serverBuf, true);
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        w.k.send(w.client, a(3), a(5), true);
        w.k.free(w.client, a(3));
        assertThat(w.buffer(w.serverBuf).senders().isEmpty()).isTrue();
        assertThat(w.k.trace().events()).filteredOn(e -> e instanceof Event.MessageWithdrawn).hasSize(1);
        assertThat(w.k.receive(w.server, a(3), CapAddress.NONE, true)).isEqualTo(Outcome.UNBLOCKED);
    }

    @Test
    void destroyingAnActivityWithAWaitingTargetTellsSenders() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        w.boot.setBlocked(w.serverBuf, true);
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        w.k.send(w.client, a(3), a(5), true);
        w.k.free(w.server, a(0));
        assertThat(w.k.heap().get(w.serverBuf)).isNull();
        assertThat(w.k.heap().get(w.server)).isNull();
        assertThat(w.buffer(w.clientReq).lastError()).isEqualTo(KernelError.EFAULT);
    }
}
