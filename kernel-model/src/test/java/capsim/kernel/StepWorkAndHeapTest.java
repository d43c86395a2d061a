package capsim.kernel;

import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.kernel.variant.Messenger2008;
import capsim.kernel.variant.Revised;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Every operation reports the work it did as one kernel step; the heap's edges behave. */
class StepWorkAndHeapTest {

    private static int work(Kernel k, Runnable op) {
        op.run();
        return k.lastStepWork();
    }

    private static <T> int work(Kernel k, Supplier<T> op) {
        op.get();
        return k.lastStepWork();
    }

    @Test
    void simpleOperationsAreOneUnit() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        Kernel k = w.k;
        w.k.writeMessage(w.client, a(3), new int[] {a(0)}, new byte[600]);
        assertThat(k.lastStepWork()).isEqualTo(1 + 600 / Kernel.BYTES_PER_UNIT);
        assertThat(work(k, () -> k.readCap(w.client, a(3)))).isEqualTo(1);
        assertThat(work(k, () -> k.copyCap(w.client, a(3), a(40), Rights.WEAK))).isEqualTo(1);
        assertThat(work(k, () -> k.mintCap(w.client, a(3), a(41), Rights.FULL, 3L))).isEqualTo(1);
        assertThat(work(k, () -> k.allocate(w.client, a(0), CapType.FRAME, a(42)))).isEqualTo(1);
        assertThat(work(k, () -> k.createActivity(w.client, a(0), 2, a(43)))).isEqualTo(1);
        assertThat(work(k, () -> k.setQuota(w.client, a(43), 5))).isEqualTo(1);
        assertThat(work(k, () -> k.configureThread(w.client, a(1), a(2), a(0)))).isEqualTo(1);
        assertThat(work(k, () -> k.setBufferSlot(w.client, a(4), BufferSlot.SENDER_ACTIVITY, a(0)))).isEqualTo(1);
        assertThat(work(k, () -> k.getBufferSlot(w.client, a(3), BufferSlot.PAYLOAD, a(44)))).isEqualTo(1);
        assertThat(work(k, () -> k.configureBuffer(w.client, a(4), 0, 1))).isEqualTo(1);
        assertThat(work(k, () -> k.writeFrame(w.client, a(44), new int[0], new byte[300]))).isEqualTo(1 + 300 / Kernel.BYTES_PER_UNIT);
        assertThat(work(k, () -> k.readFrame(w.client, a(44)))).isEqualTo(1);
        assertThat(work(k, () -> k.free(w.client, a(42)))).isEqualTo(1);
        // receive: the receive unit plus, for a buffer without a page, nothing more (the page is allocated, not copied)
        assertThat(work(k, () -> k.receive(w.server, a(3), a(6), true))).isEqualTo(1);
        assertThat(k.resume()).isFalse();
        assertThat(k.lastStepWork()).as("a resume with nothing to do is not a step").isEqualTo(1);
    }

    @Test
    void maxStepWorkKeepsTheLargestStep() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        w.k.writeMessage(w.client, a(3), new int[0], new byte[2000]);
        int big = w.k.lastStepWork();
        w.k.readCap(w.client, a(3));
        assertThat(w.k.lastStepWork()).isEqualTo(1);
        assertThat(w.k.maxStepWork()).isEqualTo(big).isGreaterThan(1);
    }

    @Test
    void rootActivityAndLiveCount() {
        Kernel k = new Kernel(new Revised());
        assertThat(k.rootActivity()).isZero();
        assertThat(k.heap().liveCount()).isEqualTo(1);
        Boot b = k.boot();
        int act = b.activity(k.rootActivity(), 0);
        assertThat(k.heap().liveCount()).isEqualTo(2);
        assertThat(k.heap().get(act)).isInstanceOf(Activity.class);
    }

    @Test
    void heapEdges() {
        Kernel k = new Kernel(new Revised());
        ObjectHeap h = k.heap();
        assertThat(h.get(-1)).isNull();
        assertThat(h.get(h.highWater())).isNull();
        assertThat(h.currentVersion(h.highWater())).isZero();
        assertThat(h.currentVersion(-1)).isZero();
        assertThat(h.lookup(new Capability(CapType.ACTIVITY, h.highWater(), 0, Rights.FULL, 0))).isNull();
        assertThat(h.lookup(new Capability(CapType.ACTIVITY, -1, 0, Rights.FULL, 0))).isNull();
        assertThat(h.lookup(new Capability(CapType.FRAME, 0, 0, Rights.FULL, 0))).as("wrong type").isNull();
        assertThat(h.lookup(new Capability(CapType.ACTIVITY, 0, 1, Rights.FULL, 0))).as("wrong version").isNull();
        assertThat(h.lookup(new Capability(CapType.ACTIVITY, 0, 0, Rights.FULL, 0))).isSameAs(h.get(0));
        // grows past its first capacity
        Boot b = k.boot();
        int act = b.activity(0, 0);
        int last = -1;
        for (int i = 0; i < 300; i++) {
            last = b.allocate(CapType.FRAME, act);
        }
        assertThat(h.get(last)).isInstanceOf(Frame.class);
        assertThat(h.liveCount()).isEqualTo(302);
        assertThatThrownBy(() -> h.put(new Frame(h.highWater() + 5, 0, act))).isInstanceOf(IllegalStateException.class);
        // re-identification bumps the live object's version and the heap's record together
        Frame f = (Frame) h.get(last);
        Capability old = f.capability();
        h.bumpVersion(f);
        assertThat(f.version()).isEqualTo(old.version() + 1).isEqualTo(h.currentVersion(last));
        assertThat(k.designates(old)).isFalse();
        assertThat(k.designates(f.capability())).isTrue();
    }

    @Test
    void framePageEdges() {
        Frame f = new Frame(1, 0, 0);
        assertThat(f.isClear()).isTrue();
        f.write(new int[] {CapAddress.of(1)}, new byte[] {1});
        assertThat(f.isClear()).isFalse();
        assertThat(f.capAddress(0)).isEqualTo(CapAddress.of(1));
        assertThatThrownBy(() -> f.capAddress(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> f.capAddress(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        f.setCapCount(3);
        assertThat(f.capAddresses()).containsExactly(CapAddress.of(1), CapAddress.NONE, CapAddress.NONE);
        f.write(new int[] {5, 6, 7, 8}, new byte[] {1, 2, 3});
        f.write(new int[] {9}, new byte[] {4});
        f.setCapCount(4);
        assertThat(f.capAddresses()).containsExactly(9, CapAddress.NONE, CapAddress.NONE, CapAddress.NONE);
        assertThat(f.data()).containsExactly(4);
        Frame g = new Frame(2, 0, 0);
        g.copyDataFrom(f, 1);
        assertThat(g.data()).containsExactly(4);
        f.clear();
        assertThat(f.isClear()).isTrue();
        assertThat(f.data()).isEmpty();
    }

    @Test
    void textForms() {
        assertThat(Rights.FULL.toString()).isEqualTo("rw");
        assertThat(new Kernel(new Revised()).heap().get(0).toString()).isEqualTo("activity#0");
        assertThat(Rights.WEAK.covers(Rights.FULL)).isFalse();
        assertThat(Rights.FULL.covers(Rights.WEAK)).isTrue();
    }
}
