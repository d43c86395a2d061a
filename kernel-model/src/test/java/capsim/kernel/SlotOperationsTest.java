package capsim.kernel;

import static capsim.kernel.Refusals.assertRefused;
import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.variant.Messenger2008;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlotOperationsTest {
    ClientServerFixture w;

    @BeforeEach
    void setUp() {
        w = new ClientServerFixture(new Messenger2008());
        // client slot 8: a sub page reached through a weak capability (a read-only path)
        int sub = w.boot.allocate(CapType.CAPPAGE, w.clientAct);
        w.boot.setSlot(w.clientRoot, 8, w.boot.cap(sub, Rights.WEAK, 0));
        w.boot.setSlot(sub, 0, w.boot.cap(w.clientReq));
    }

    @Test
    void copyNarrowsAndNeverWidens() {
        w.k.copyCap(w.client, a(3), a(10), Rights.WEAK);
        assertThat(w.page(w.clientRoot).slot(10).rights()).isEqualTo(Rights.WEAK);
        w.k.copyCap(w.client, a(10), a(11), Rights.FULL);
        assertThat(w.page(w.clientRoot).slot(11).rights()).isEqualTo(Rights.WEAK);
        assertThat(w.page(w.clientRoot).slot(11).oid()).isEqualTo(w.clientReq);
        assertThat(w.k.trace().get(w.k.trace().size() - 1)).isInstanceOf(Event.SlotWritten.class);
    }

    @Test
    void readThroughWeakPathIsWeakened() {
        Capability c = w.k.readCap(w.client, a(8, 0));
        assertThat(c.oid()).isEqualTo(w.clientReq);
        assertThat(c.rights()).isEqualTo(Rights.WEAK);
        w.k.copyCap(w.client, a(8, 0), a(12), Rights.FULL);
        assertThat(w.page(w.clientRoot).slot(12).rights()).isEqualTo(Rights.WEAK);
    }

    @Test
    void writeThroughWeakPathRefused() {
        assertRefused(w.k, KernelError.READ_ONLY, () -> w.k.copyCap(w.client, a(3), a(8, 1), Rights.FULL));
    }

    @Test
    void unresolvableAddressesRefused() {
        assertRefused(w.k, KernelError.INVALID_ADDRESS, () -> w.k.copyCap(w.client, a(3), a(40, 1), Rights.FULL));
        assertRefused(w.k, KernelError.INVALID_ADDRESS, () -> w.k.copyCap(w.client, a(3, 3), a(10), Rights.FULL));
        assertRefused(w.k, KernelError.INVALID_ADDRESS, () -> w.k.readCap(w.client, CapAddress.NONE));
    }

    @Test
    void nonThreadInvokerRefused() {
        assertRefused(w.k, KernelError.NO_THREAD, () -> w.k.copyCap(w.clientReq, a(3), a(10), Rights.FULL));
        assertRefused(w.k, KernelError.NO_THREAD, () -> w.k.readCap(9999, a(3)));
    }

    @Test
    void copyingVoidClearsTheSlot() {
        w.k.copyCap(w.client, a(3), a(10), Rights.FULL);
        w.k.copyCap(w.client, a(99), a(10), Rights.FULL);
        assertThat(w.page(w.clientRoot).slot(10).isVoid()).isTrue();
    }

    @Test
    void mintSetsPayloadOnlyWithStrongSource() {
        w.k.mintCap(w.client, a(3), a(10), Rights.WEAK, 42L);
        assertThat(w.page(w.clientRoot).slot(10).payload()).isEqualTo(42);
        assertThat(w.page(w.clientRoot).slot(10).rights()).isEqualTo(Rights.WEAK);
        assertRefused(w.k, KernelError.READ_ONLY, () -> w.k.mintCap(w.client, a(10), a(11), Rights.FULL, 7L));
    }

    @Test
    void staleCapabilityReadsVoidEverywhere() {
        w.k.copyCap(w.client, a(3), a(10), Rights.FULL);
        Capability old = w.page(w.clientRoot).slot(10);
        w.k.free(w.client, a(3));
        assertThat(w.k.designates(old)).isFalse();
        assertThat(w.k.readCap(w.client, a(10)).isVoid()).isTrue();
        assertThat(w.k.readCap(w.client, a(8, 0)).isVoid()).isTrue();
        // the stale value is still stored (revocation is by version, O(1)), but reads as void
        assertThat(w.page(w.clientRoot).slot(10)).isEqualTo(old);
        w.k.copyCap(w.client, a(10), a(11), Rights.FULL);
        assertThat(w.page(w.clientRoot).slot(11).isVoid()).isTrue();
    }

    @Test
    void reusedOidDoesNotResurrectStaleCapabilities() {
        w.k.copyCap(w.client, a(3), a(10), Rights.FULL);
        Capability old = w.page(w.clientRoot).slot(10);
        w.k.free(w.client, a(3));
        int again = w.k.allocate(w.client, a(0), CapType.MESSAGE_BUFFER, a(3));
        assertThat(again).as("the freed oid is reused").isEqualTo(old.oid());
        assertThat(w.k.designates(old)).isFalse();
        assertThat(w.k.readCap(w.client, a(10)).isVoid()).isTrue();
        assertThat(w.k.readCap(w.client, a(3)).version()).isEqualTo(old.version() + 1);
    }

    @Test
    void configureThreadChecksTypes() {
        assertRefused(w.k, KernelError.WRONG_TYPE, () -> w.k.configureThread(w.client, a(1), a(3), a(0)));
        assertRefused(w.k, KernelError.WRONG_TYPE, () -> w.k.configureThread(w.client, a(3), a(2), a(0)));
        w.k.copyCap(w.client, a(1), a(10), Rights.WEAK);
        assertRefused(w.k, KernelError.READ_ONLY, () -> w.k.configureThread(w.client, a(10), a(2), a(0)));
        int t = w.k.allocate(w.client, a(0), CapType.THREAD, a(11));
        w.k.configureThread(w.client, a(11), a(2), a(0));
        assertThat(w.thread(t).asRoot().oid()).isEqualTo(w.clientRoot);
        assertThat(w.thread(t).activity().oid()).isEqualTo(w.clientAct);
    }

    @Test
    void bufferSlotsSetAndGet() {
        w.k.setBufferSlot(w.client, a(3), BufferSlot.SENDER_ACTIVITY, a(0));
        assertThat(w.buffer(w.clientReq).senderActivity().oid()).isEqualTo(w.clientAct);
        assertRefused(w.k, KernelError.WRONG_TYPE, () -> w.k.setBufferSlot(w.client, a(3), BufferSlot.PAYLOAD, a(0)));
        w.k.getBufferSlot(w.client, a(3), BufferSlot.THREAD, a(10));
        assertThat(w.page(w.clientRoot).slot(10).oid()).isEqualTo(w.client);
        // a weak buffer capability may send to the buffer but not inspect it
        assertRefused(w.k, KernelError.READ_ONLY, () -> w.k.getBufferSlot(w.client, a(8, 0), BufferSlot.THREAD, a(11)));
        assertRefused(w.k, KernelError.READ_ONLY, () -> w.k.setBufferSlot(w.client, a(8, 0), BufferSlot.THREAD, a(1)));
    }

    @Test
    void configureBufferValidatesFlags() {
        assertRefused(w.k, KernelError.BAD_ARGUMENT, () -> w.k.configureBuffer(w.client, a(3), 8, 1));
        w.k.configureBuffer(w.client, a(3), MessageBuffer.ACTIVATE_ON_SEND, 5);
        assertThat(w.buffer(w.clientReq).activateOnSend()).isTrue();
        assertThat(w.buffer(w.clientReq).activateOnReceive()).isFalse();
        assertThat(w.buffer(w.clientReq).id()).isEqualTo(5);
    }

    @Test
    void messagesMustFitInAPage() {
        int maxCaps = (Frame.PAGE_SIZE - Frame.HEADER_SIZE) / Frame.ADDRESS_SIZE;
        assertThat(Frame.fits(maxCaps, 0)).isTrue();
        assertThat(Frame.fits(maxCaps + 1, 0)).isFalse();
        assertThat(Frame.fits(0, Frame.PAGE_SIZE - Frame.HEADER_SIZE)).isTrue();
        assertThat(Frame.fits(0, Frame.PAGE_SIZE - Frame.HEADER_SIZE + 1)).isFalse();
        assertRefused(w.k, KernelError.BAD_ARGUMENT,
                () -> w.k.writeMessage(w.client, a(3), new int[maxCaps + 1], new byte[0]));
        assertRefused(w.k, KernelError.BAD_ARGUMENT, () -> w.k.writeMessage(w.client, a(3), null, new byte[0]));
    }

    @Test
    void writeAndReadFrame() {
        w.k.writeMessage(w.client, a(3), new int[] {a(4)}, new byte[] {1, 2});
        w.k.getBufferSlot(w.client, a(3), BufferSlot.PAYLOAD, a(7));
        MessagePage p = w.k.readFrame(w.client, a(7));
        assertThat(p.capAddresses()).containsExactly(a(4));
        assertThat(p.data()).containsExactly(1, 2);
        w.k.writeFrame(w.client, a(7), new int[0], new byte[] {9});
        assertThat(w.k.readFrame(w.client, a(7))).isEqualTo(new MessagePage(new int[0], new byte[] {9}));
        assertRefused(w.k, KernelError.WRONG_TYPE, () -> w.k.readFrame(w.client, a(3)));
        w.k.copyCap(w.client, a(7), a(10), Rights.WEAK);
        assertRefused(w.k, KernelError.READ_ONLY, () -> w.k.writeFrame(w.client, a(10), new int[0], new byte[0]));
    }
}
