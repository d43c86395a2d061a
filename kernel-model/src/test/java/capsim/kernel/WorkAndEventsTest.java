package capsim.kernel;

import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.variant.Messenger2008;
import capsim.kernel.variant.Proposal2008;
import capsim.kernel.variant.Revised;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact units of work a step does, and the exact events each operation appends. */
class WorkAndEventsTest {

    private static List<Class<?>> eventsOf(Kernel k, Runnable op) {
        int from = k.trace().size();
        op.run();
        return k.trace().events().subList(from, k.trace().size()).stream().<Class<?>>map(Object::getClass).toList();
    }

    /** Server ready for two capabilities with activation; client message of 2 caps and {@code bytes} bytes. */
    private static ClientServerFixture ready(capsim.kernel.variant.Variant v, int bytes) {
        ClientServerFixture w = new ClientServerFixture(v);
        w.serverReady(2);
        w.k.writeMessage(w.client, a(3), new int[] {a(0), a(1)}, new byte[bytes]);
        return w;
    }

    @Test
    void messengerWorkIsCapsPlusByteChunksPlusActivation() {
        ClientServerFixture w = ready(new Messenger2008(), 600);
        w.k.send(w.client, a(3), a(5), true);
        // send 1 + start 1 + 2 caps + ceil(600/256)=3 byte units + finish 2 + one activation 1
        assertThat(w.k.lastStepWork()).isEqualTo(1 + 1 + 2 + 3 + 2 + 1);
    }

    @Test
    void proposalWorkCountsRevocationTwoUnitsPerCapAndTheFreedFrame() {
        ClientServerFixture w = ready(new Proposal2008(), 600);
        w.k.send(w.client, a(3), a(5), true);
        // send 1 + start 1 + revocation 1 + 2 caps x 2 + finish 2 + activation 1 + freeing the target's page 1
        assertThat(w.k.lastStepWork()).isEqualTo(1 + 1 + 1 + 4 + 2 + 1 + 1);
    }

    @Test
    void revisedWorkCountsClearingTheExchangedPage() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        w.k.writeMessage(w.server, a(3), new int[] {a(20), a(21)}, new byte[600]);
        w.k.configureBuffer(w.server, a(3), MessageBuffer.ACTIVATE_ON_RECEIVE, 1);
        w.k.receive(w.server, a(3), a(6), true);
        w.k.writeMessage(w.client, a(3), new int[] {a(0), a(1)}, new byte[10]);
        w.k.send(w.client, a(3), a(5), true);
        // send 1 + start 1 + re-identify 1 + 2 caps x 2 + finish 2 + activation 1 + clearing (1 + (600 + 8) / 256 = 3)
        assertThat(w.k.lastStepWork()).isEqualTo(1 + 1 + 1 + 4 + 2 + 1 + 3);
        assertThat(w.k.maxStepWork()).isGreaterThanOrEqualTo(w.k.lastStepWork());
        w.k.collect(w.server);
        assertThat(w.k.lastStepWork()).isEqualTo(1);
        assertThat(w.k.maxStepWork()).isEqualTo(13);
    }

    @Test
    void theDeliveredPageTakesTheSourceLayoutSoTheTargetCountCutsNoBytes() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        int[] many = new int[1000];
        for (int i = 0; i < many.length; i++) {
            many[i] = CapAddress.NONE;
        }
        w.k.writeMessage(w.server, a(3), many, new byte[0]);
        w.k.receive(w.server, a(3), CapAddress.NONE, true);
        w.k.writeMessage(w.client, a(3), new int[0], new byte[200]);
        w.k.send(w.client, a(3), a(5), true);
        // messenger.c: cap_count becomes the source's (0), so all 200 bytes fit after it.
        assertThat(w.payloadOf(w.serverBuf).capCount()).isZero();
        assertThat(w.payloadOf(w.serverBuf).dataCount()).isEqualTo(200);
    }

    @Test
    void eachOperationAppendsItsEvents() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        Kernel k = w.k;
        assertThat(eventsOf(k, () -> k.allocate(w.client, a(0), CapType.FRAME, a(10))))
                .containsExactly(Event.Allocated.class, Event.SlotWritten.class);
        assertThat(eventsOf(k, () -> k.createActivity(w.client, a(0), 3, a(11))))
                .containsExactly(Event.Allocated.class, Event.SlotWritten.class);
        assertThat(eventsOf(k, () -> k.setQuota(w.client, a(11), 4))).containsExactly(Event.QuotaSet.class);
        assertThat(eventsOf(k, () -> k.copyCap(w.client, a(10), a(12), Rights.WEAK))).containsExactly(Event.SlotWritten.class);
        assertThat(eventsOf(k, () -> k.mintCap(w.client, a(10), a(13), Rights.FULL, 9L))).containsExactly(Event.SlotWritten.class);
        assertThat(eventsOf(k, () -> k.readCap(w.client, a(10)))).isEmpty();
        assertThat(eventsOf(k, () -> k.configureThread(w.client, a(1), a(2), a(0)))).containsExactly(Event.ThreadConfigured.class);
        assertThat(eventsOf(k, () -> k.setBufferSlot(w.client, a(4), BufferSlot.SENDER_ACTIVITY, a(0))))
                .containsExactly(Event.BufferSlotSet.class);
        assertThat(eventsOf(k, () -> k.configureBuffer(w.client, a(4), 0, 3))).containsExactly(Event.BufferConfigured.class);
        assertThat(eventsOf(k, () -> k.writeMessage(w.client, a(4), new int[0], new byte[1])))
                .containsExactly(Event.Allocated.class, Event.MessageWritten.class);
        assertThat(eventsOf(k, () -> k.writeMessage(w.client, a(4), new int[0], new byte[2]))).containsExactly(Event.MessageWritten.class);
        assertThat(eventsOf(k, () -> k.getBufferSlot(w.client, a(4), BufferSlot.PAYLOAD, a(14)))).containsExactly(Event.SlotWritten.class);
        assertThat(eventsOf(k, () -> k.writeFrame(w.client, a(14), new int[0], new byte[3]))).containsExactly(Event.MessageWritten.class);
        assertThat(eventsOf(k, () -> k.readFrame(w.client, a(14)))).isEmpty();
        assertThat(eventsOf(k, () -> k.receive(w.server, a(3), a(6), true)))
                .containsExactly(Event.Allocated.class, Event.ReceiverWaiting.class);
        assertThat(eventsOf(k, () -> k.send(w.client, a(4), a(5), true))).containsExactly(Event.Sent.class,
                Event.TransferStarted.class, Event.Reidentified.class, Event.FrameDetached.class, Event.AddressesWritten.class,
                Event.FrameCleared.class, Event.Reidentified.class, Event.FrameHandedOff.class, Event.FrameHandedOff.class,
                Event.Delivered.class);
        assertThat(eventsOf(k, () -> k.send(w.client, a(3), a(5), true)))
                .containsExactly(Event.Allocated.class, Event.Sent.class, Event.Enqueued.class);
        assertThat(eventsOf(k, () -> k.free(w.client, a(10)))).containsExactly(Event.Freed.class);
        assertThat(eventsOf(k, () -> k.free(w.server, a(6))))
                .containsExactly(Event.SenderFailed.class, Event.Freed.class);
    }

    @Test
    void blockingEventsAndActivationsInTheMessengerDesign() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        Kernel k = w.k;
        w.boot.configureBuffer(w.serverBuf, MessageBuffer.ACTIVATE_ON_RECEIVE, 4);
        assertThat(eventsOf(k, () -> k.writeMessage(w.server, a(3), new int[0], new byte[0])))
                .containsExactly(Event.Allocated.class, Event.MessageWritten.class);
        assertThat(eventsOf(k, () -> k.receive(w.server, a(3), CapAddress.NONE, true))).containsExactly(Event.BlockChanged.class);
        k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        assertThat(eventsOf(k, () -> k.send(w.client, a(3), a(5), true))).containsExactly(Event.Sent.class,
                Event.TransferStarted.class, Event.BytesCopied.class, Event.Delivered.class, Event.Activated.class);
        assertThat(eventsOf(k, () -> k.collect(w.server))).containsExactly(Event.Collected.class);
    }

    @Test
    void preemptionAndResumeEvents() {
        ClientServerFixture w = new ClientServerFixture(new Revised(), Kernel.MIN_WORK_BOUND);
        int[] caps = new int[30];
        java.util.Arrays.fill(caps, a(0));
        int[] slots = new int[30];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = a(40 + i);
        }
        w.k.writeMessage(w.server, a(3), slots, new byte[0]);
        w.k.receive(w.server, a(3), a(6), true);
        w.k.writeMessage(w.client, a(3), caps, new byte[0]);
        List<Class<?>> sent = eventsOf(w.k, () -> w.k.send(w.client, a(3), a(5), true));
        assertThat(sent.get(sent.size() - 1)).isEqualTo(Event.Preempted.class);
        assertThat(w.k.lastStepWork()).isLessThanOrEqualTo(Kernel.MIN_WORK_BOUND);
        List<Class<?>> resumed = eventsOf(w.k, w.k::resume);
        assertThat(resumed.get(0)).isEqualTo(Event.Resumed.class);
        assertThat(w.k.lastStepWork()).isLessThanOrEqualTo(Kernel.MIN_WORK_BOUND).isGreaterThan(Kernel.MIN_WORK_BOUND - 3);
    }

    @Test
    void twoPagesForOneActivityNeedRoomForTwo() {
        // The sender has no page yet and the target none either, both charged to one activity.
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        int target = w.boot.allocate(CapType.MESSAGE_BUFFER, w.clientAct);
        w.boot.setSlot(w.clientRoot, 30, w.boot.cap(target, Rights.WEAK, 0));
        long used = w.activity(w.clientAct).usage();
        w.k.setQuota(w.client, a(0), used + 1);
        Refusals.assertRefused(w.k, KernelError.ENOMEM, () -> w.k.send(w.client, a(3), a(30), true));
        w.k.setQuota(w.client, a(0), used + 2);
        assertThat(w.k.send(w.client, a(3), a(30), true)).isEqualTo(Outcome.DELIVERED);
        assertThat(w.activity(w.clientAct).usage()).isEqualTo(used + 2);
    }
}
