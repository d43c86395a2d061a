package capsim.kernel;

import static capsim.kernel.Refusals.assertRefused;
import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.kernel.variant.Messenger2008;
import capsim.kernel.variant.Revised;
import org.junit.jupiter.api.Test;

/**
 * The kernel's limits at their edges, each side of every bound: the work bound and quotas a kernel takes,
 * quotas of exactly N objects, address depth and slot range, the one-page message size, heap oids.
 */
class KernelBoundaryTest {

    @Test
    void theSmallestWorkBoundAndAZeroRootQuotaAreAccepted() {
        Kernel k = new Kernel(new Revised(), Kernel.MIN_WORK_BOUND, 0);
        assertThat(k.workBound()).isEqualTo(Kernel.MIN_WORK_BOUND);
        assertThat(((Activity) k.heap().get(k.rootActivity())).quota()).isZero();
        assertThatThrownBy(() -> new Kernel(new Revised(), Kernel.MIN_WORK_BOUND - 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Integer.toString(Kernel.MIN_WORK_BOUND - 1));
        assertThatThrownBy(() -> new Kernel(new Revised(), Kernel.DEFAULT_WORK_BOUND, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Kernel(null, Kernel.DEFAULT_WORK_BOUND, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRootQuotaOfNAllowsExactlyNObjects() {
        Kernel k = new Kernel(new Revised(), Kernel.DEFAULT_WORK_BOUND, 3);
        Boot boot = k.boot();
        boot.allocate(CapType.CAPPAGE, k.rootActivity());
        boot.allocate(CapType.FRAME, k.rootActivity());
        // the root activity does not count itself: three objects fit under a quota of 3
        boot.allocate(CapType.FRAME, k.rootActivity());
        assertThat(((Activity) k.heap().get(k.rootActivity())).usage()).isEqualTo(3);
        assertThatThrownBy(() -> boot.allocate(CapType.FRAME, k.rootActivity()))
                .isInstanceOfSatisfying(KernelException.class, e -> assertThat(e.error()).isEqualTo(KernelError.ENOMEM));
    }

    @Test
    void quotaZeroMeansNoLimitAndNegativeQuotasAreRefused() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        int child = w.k.createActivity(w.client, a(0), 0, a(10));
        for (int i = 0; i < 20; i++) {
            w.k.allocate(w.client, a(10), CapType.FRAME, a(11));
        }
        assertThat(w.activity(child).usage()).isEqualTo(20);
        assertRefused(w.k, KernelError.BAD_ARGUMENT, () -> w.k.createActivity(w.client, a(0), -1, a(12)));
        assertRefused(w.k, KernelError.BAD_ARGUMENT, () -> w.k.setQuota(w.client, a(10), -1));
        assertThatThrownBy(() -> w.boot.activity(w.clientAct, -1)).isInstanceOf(KernelException.class);
        // a quota equal to the usage admits nothing more; one above admits exactly one
        w.k.setQuota(w.client, a(10), 20);
        assertRefused(w.k, KernelError.ENOMEM, () -> w.k.allocate(w.client, a(10), CapType.FRAME, a(12)));
        assertRefused(w.k, KernelError.ENOMEM, () -> w.k.createActivity(w.client, a(10), 0, a(12)));
        w.k.setQuota(w.client, a(10), 21);
        w.k.allocate(w.client, a(10), CapType.FRAME, a(12));
        assertRefused(w.k, KernelError.ENOMEM, () -> w.k.allocate(w.client, a(10), CapType.FRAME, a(13)));
        w.k.setQuota(w.client, a(10), 0);
        w.k.allocate(w.client, a(10), CapType.FRAME, a(13));
        assertThat(w.activity(child).usage()).isEqualTo(22);
    }

    @Test
    void bootActivitiesAndObjectsMeetTheQuotaOfTheirParent() {
        Kernel k = new Kernel(new Revised());
        Boot boot = k.boot();
        int parent = boot.activity(k.rootActivity(), 2);
        int child = boot.activity(parent, 0);
        boot.allocate(CapType.FRAME, child);
        assertThat(((Activity) k.heap().get(parent)).usage()).isEqualTo(2);
        assertThatThrownBy(() -> boot.activity(parent, 0)).isInstanceOf(KernelException.class);
        assertThatThrownBy(() -> boot.allocate(CapType.FRAME, child)).isInstanceOf(KernelException.class);
    }

    @Test
    void addressesHaveOneToThreeLevelsOfSlots0To255() {
        assertThat(CapAddress.format(CapAddress.of(0))).isEqualTo("0");
        assertThat(CapAddress.format(CapAddress.of(CapPage.SLOTS - 1, 0, CapPage.SLOTS - 1))).isEqualTo("255.0.255");
        assertThat(CapAddress.depth(CapAddress.of(1, 2, 3))).isEqualTo(CapAddress.MAX_DEPTH);
        assertThat(CapAddress.parse("7.8")).isEqualTo(CapAddress.of(7, 8));
        assertThat(CapAddress.isNone(CapAddress.of(0))).isFalse();
        assertThat(CapAddress.isNone(CapAddress.NONE)).isTrue();
        assertThatThrownBy(CapAddress::of).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CapAddress.of(1, 2, 3, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CapAddress.of(CapPage.SLOTS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CapAddress.of(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CapAddress.parse("1.256")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CapAddress.parse("1..2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bootSlotsRunFrom0To255() {
        Kernel k = new Kernel(new Revised());
        Boot boot = k.boot();
        int page = boot.allocate(CapType.CAPPAGE, k.rootActivity());
        int frame = boot.allocate(CapType.FRAME, k.rootActivity());
        boot.setSlot(page, 0, boot.cap(frame));
        boot.setSlot(page, CapPage.SLOTS - 1, boot.cap(frame));
        CapPage p = (CapPage) k.heap().get(page);
        assertThat(p.slot(0).oid()).isEqualTo(frame);
        assertThat(p.slot(CapPage.SLOTS - 1).oid()).isEqualTo(frame);
        assertThatThrownBy(() -> boot.setSlot(page, CapPage.SLOTS, boot.cap(frame))).isInstanceOf(KernelException.class);
        assertThatThrownBy(() -> boot.setSlot(page, -1, boot.cap(frame))).isInstanceOf(KernelException.class);
    }

    @Test
    void aMessageFillsAtMostOnePage() {
        int room = Frame.PAGE_SIZE - Frame.HEADER_SIZE;
        assertThat(Frame.fits(0, room)).isTrue();
        assertThat(Frame.fits(0, room + 1)).isFalse();
        assertThat(Frame.fits(room / Frame.ADDRESS_SIZE, 0)).isTrue();
        assertThat(Frame.fits(room / Frame.ADDRESS_SIZE + 1, 0)).isFalse();
        assertThat(Frame.fits(1, room - Frame.ADDRESS_SIZE)).isTrue();
        assertThat(Frame.fits(1, room - Frame.ADDRESS_SIZE + 1)).isFalse();
        assertThat(Frame.fits(0, 0)).isTrue();
        assertThat(Frame.fits(-1, 0)).isFalse();
        assertThat(Frame.fits(0, -1)).isFalse();
        ClientServerFixture w = new ClientServerFixture(new Revised());
        w.k.writeMessage(w.client, a(3), new int[0], new byte[room]);
        assertThat(w.payloadOf(w.clientReq).dataCount()).isEqualTo(room);
        assertRefused(w.k, KernelError.BAD_ARGUMENT, () -> w.k.writeMessage(w.client, a(3), new int[0], new byte[room + 1]));
        assertRefused(w.k, KernelError.BAD_ARGUMENT, () -> w.k.writeMessage(w.client, a(3), new int[] {a(0)}, new byte[room - 3]));
    }

    @Test
    void aPageShowsExactlyItsCountedAddresses() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        w.k.writeMessage(w.client, a(3), new int[] {a(0), a(1)}, new byte[] {1, 2, 3});
        Frame f = w.payloadOf(w.clientReq);
        assertThat(f.capAddress(0)).isEqualTo(a(0));
        assertThat(f.capAddress(1)).isEqualTo(a(1));
        assertThatThrownBy(() -> f.capAddress(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> f.capAddress(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        // a shorter rewrite of the same page shows only the new content
        w.k.writeMessage(w.client, a(3), new int[] {a(2)}, new byte[] {9});
        assertThat(f.capAddresses()).containsExactly(a(2));
        assertThat(f.data()).containsExactly(9);
        assertThatThrownBy(() -> f.capAddress(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(f.isClear()).isFalse();
        w.k.writeMessage(w.client, a(3), new int[0], new byte[0]);
        assertThat(f.isClear()).isTrue();
        w.k.writeMessage(w.client, a(3), new int[0], new byte[] {5});
        assertThat(f.isClear()).isFalse();
    }

    @Test
    void heapOidsOutsideTheHighWaterMarkNameNothing() {
        Kernel k = new Kernel(new Revised());
        int frame = k.boot().allocate(CapType.FRAME, k.rootActivity());
        ObjectHeap h = k.heap();
        assertThat(h.highWater()).isEqualTo(frame + 1);
        assertThat(h.get(frame)).isNotNull();
        assertThat(h.get(frame + 1)).isNull();
        assertThat(h.get(-1)).isNull();
        assertThat(h.get(0)).isNotNull();
        Capability c = h.get(frame).capability();
        assertThat(h.lookup(c)).isSameAs(h.get(frame));
        assertThat(h.currentVersion(frame + 1)).isZero();
        assertThat(h.currentVersion(-1)).isZero();
        k.boot().free(frame);
        assertThat(h.lookup(c)).isNull();
        assertThat(h.currentVersion(frame)).isEqualTo(c.version() + 1);
    }
}
