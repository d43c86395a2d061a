package capsim.kernel;

import static capsim.kernel.Refusals.assertRefused;
import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.variant.Messenger2008;
import capsim.kernel.variant.Proposal2008;
import capsim.kernel.variant.Revised;
import org.junit.jupiter.api.Test;

class QueueingTest {

    /** Adds a second client buffer in slot 12 with the client's thread and root. */
    private static void secondBuffer(ClientServerFixture w) {
        int b = w.boot.allocate(CapType.MESSAGE_BUFFER, w.clientAct);
        w.boot.setBufferSlot(b, BufferSlot.THREAD, w.boot.cap(w.client));
        w.boot.setBufferSlot(b, BufferSlot.AS_ROOT, w.boot.cap(w.clientRoot));
        w.boot.setSlot(w.clientRoot, 12, w.boot.cap(b));
    }

    @Test
    void blockedTargetQueuesSendersFifoAndDeliversOneAtATime() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        secondBuffer(w);
        w.boot.setBlocked(w.serverBuf, true);
        w.k.writeMessage(w.server, a(3), new int[0], new byte[0]);
        w.k.writeMessage(w.client, a(3), new int[0], "first".getBytes());
        w.k.writeMessage(w.client, a(12), new int[0], "second".getBytes());
        assertThat(w.k.send(w.client, a(3), a(5), true)).isEqualTo(Outcome.ENQUEUED);
        assertThat(w.k.send(w.client, a(12), a(5), true)).isEqualTo(Outcome.ENQUEUED);
        assertThat(w.buffer(w.serverBuf).senders().size()).isEqualTo(2);
        assertThat(w.buffer(w.clientReq).waitingOn()).isEqualTo(w.serverBuf);
        // nothing is copied at enqueue time: the sender may still change its message
        w.k.writeMessage(w.client, a(3), new int[0], "FIRST".getBytes());
        assertThat(w.k.receive(w.server, a(3), CapAddress.NONE, true)).isEqualTo(Outcome.DELIVERED);
        assertThat(w.payloadOf(w.serverBuf).data()).isEqualTo("FIRST".getBytes());
        assertThat(w.buffer(w.serverBuf).blocked()).as("delivery blocks the target again").isTrue();
        assertThat(w.buffer(w.serverBuf).senders().size()).as("one delivered per unblock").isEqualTo(1);
        assertThat(w.buffer(w.clientReq).waitingOn()).isEqualTo(KernelObject.NO_OID);
        assertThat(w.k.receive(w.server, a(3), CapAddress.NONE, true)).isEqualTo(Outcome.DELIVERED);
        assertThat(w.payloadOf(w.serverBuf).data()).isEqualTo("second".getBytes());
        assertThat(w.k.receive(w.server, a(3), CapAddress.NONE, true)).isEqualTo(Outcome.UNBLOCKED);
        assertThat(w.buffer(w.serverBuf).blocked()).isFalse();
    }

    @Test
    void nonBlockingSendToBlockedTargetFails() {
        ClientServerFixture w = new ClientServerFixture(new Proposal2008());
        w.boot.setBlocked(w.serverBuf, true);
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        assertRefused(w.k, KernelError.ETIMEDOUT, () -> w.k.send(w.client, a(3), a(5), false));
    }

    @Test
    void aQueuedBufferCannotBeSentAgain() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        w.boot.setBlocked(w.serverBuf, true);
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        w.k.send(w.client, a(3), a(5), true);
        assertRefused(w.k, KernelError.BUSY, () -> w.k.send(w.client, a(3), a(5), true));
    }

    @Test
    void sendChecksTargetAndSource() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        assertRefused(w.k, KernelError.WRONG_TYPE, () -> w.k.send(w.client, a(3), a(0), true));
        assertRefused(w.k, KernelError.BAD_ARGUMENT, () -> w.k.send(w.client, a(3), a(3), true));
        assertRefused(w.k, KernelError.VOID_CAPABILITY, () -> w.k.send(w.client, a(3), a(99), true));
        assertRefused(w.k, KernelError.WRONG_TYPE, () -> w.k.send(w.client, a(0), a(5), true));
        assertRefused(w.k, KernelError.READ_ONLY, () -> w.k.send(w.client, a(5), a(3), true));
        assertRefused(w.k, KernelError.NOT_SUPPORTED, () -> w.k.receive(w.server, a(3), a(6), true));
    }

    @Test
    void sendingFromABufferWithoutAFrameChargesAFreshOne() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        w.serverReady(0);
        long before = w.activity(w.clientAct).usage();
        assertThat(w.k.send(w.client, a(3), a(5), true)).isEqualTo(Outcome.DELIVERED);
        assertThat(w.activity(w.clientAct).usage()).isEqualTo(before + 1);
        w.k.setQuota(w.client, a(0), w.activity(w.clientAct).usage());
        assertRefused(w.k, KernelError.ENOMEM, () -> w.k.send(w.client, a(4), a(5), true));
    }

    @Test
    void firstClassQueueMatchesSendersAndReceivers() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        secondBuffer(w);
        w.k.writeMessage(w.server, a(3), new int[0], new byte[0]);
        w.k.writeMessage(w.client, a(3), new int[0], "a".getBytes());
        w.k.writeMessage(w.client, a(12), new int[0], "b".getBytes());
        assertThat(w.k.send(w.client, a(3), a(5), true)).isEqualTo(Outcome.ENQUEUED);
        assertThat(w.k.send(w.client, a(12), a(5), true)).isEqualTo(Outcome.ENQUEUED);
        MessageQueue q = (MessageQueue) w.k.heap().get(w.serverQueue);
        assertThat(q.senders().get(0)).isEqualTo(w.clientReq);
        assertThat(q.senders().size()).isEqualTo(2);
        assertThat(w.k.receive(w.server, a(3), a(6), true)).isEqualTo(Outcome.DELIVERED);
        assertThat(w.payloadOf(w.serverBuf).data()).isEqualTo("a".getBytes());
        assertThat(q.senders().size()).isEqualTo(1);
        assertThat(w.k.receive(w.server, a(3), a(6), false)).isEqualTo(Outcome.DELIVERED);
        assertThat(w.payloadOf(w.serverBuf).data()).isEqualTo("b".getBytes());
        assertRefused(w.k, KernelError.EWOULDBLOCK, () -> w.k.receive(w.server, a(3), a(6), false));
        assertThat(w.k.receive(w.server, a(3), a(6), true)).isEqualTo(Outcome.WAITING);
        assertThat(q.receivers().toArray()).containsExactly(w.serverBuf);
        assertRefused(w.k, KernelError.BUSY, () -> w.k.receive(w.server, a(3), a(6), true));
        w.k.writeMessage(w.client, a(3), new int[0], "c".getBytes());
        assertThat(w.k.send(w.client, a(3), a(5), false)).isEqualTo(Outcome.DELIVERED);
        assertThat(q.receivers().isEmpty()).isTrue();
        assertThat(w.payloadOf(w.serverBuf).data()).isEqualTo("c".getBytes());
    }

    @Test
    void queueDesignNeedsQueues() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        w.boot.setSlot(w.clientRoot, 13, w.boot.cap(w.serverBuf, Rights.WEAK, 0));
        assertRefused(w.k, KernelError.WRONG_TYPE, () -> w.k.send(w.client, a(3), a(13), true));
        assertRefused(w.k, KernelError.BAD_ARGUMENT, () -> w.k.receive(w.server, a(3), CapAddress.NONE, true));
        assertRefused(w.k, KernelError.ETIMEDOUT, () -> w.k.send(w.client, a(3), a(5), false));
    }

    @Test
    void aTargetWithoutAFrameGetsOneChargedToItsOwnActivity() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        long server = w.activity(w.serverAct).usage();
        w.k.writeMessage(w.client, a(3), new int[0], "hi".getBytes());
        assertThat(w.k.send(w.client, a(3), a(5), true)).isEqualTo(Outcome.DELIVERED);
        assertThat(w.payloadOf(w.serverBuf).data()).isEqualTo("hi".getBytes());
        assertThat(w.payloadOf(w.serverBuf).chargedTo()).isEqualTo(w.serverAct);
        assertThat(w.activity(w.serverAct).usage()).isEqualTo(server + 1);
        ClientServerFixture full = new ClientServerFixture(new Messenger2008());
        full.k.setQuota(full.server, a(0), full.activity(full.serverAct).usage());
        full.k.writeMessage(full.client, a(3), new int[0], "hi".getBytes());
        assertRefused(full.k, KernelError.ENOMEM, () -> full.k.send(full.client, a(3), a(5), true));
    }
}
