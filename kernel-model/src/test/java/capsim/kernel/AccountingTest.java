package capsim.kernel;

import static capsim.kernel.Refusals.assertRefused;
import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.variant.Messenger2008;
import capsim.kernel.variant.Revised;
import org.junit.jupiter.api.Test;

class AccountingTest {

    @Test
    void usageCountsObjectsOfTheActivityAndItsDescendants() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        long clientBefore = w.activity(w.clientAct).usage();
        long rootBefore = w.activity(w.k.rootActivity()).usage();
        int child = w.k.createActivity(w.client, a(0), 0, a(10));
        w.k.allocate(w.client, a(10), CapType.FRAME, a(11));
        assertThat(w.activity(child).usage()).isEqualTo(1);
        assertThat(w.activity(w.clientAct).usage()).isEqualTo(clientBefore + 2);
        assertThat(w.activity(w.k.rootActivity()).usage()).isEqualTo(rootBefore + 2);
        assertThat(w.activity(w.clientAct).children().contains(child)).isTrue();
    }

    @Test
    void allocationIsAllOrNothingAgainstEveryAncestor() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        // parent quota = current usage + 2; child quota 10: the parent's limit binds first
        long used = w.activity(w.clientAct).usage();
        w.k.setQuota(w.client, a(0), used + 2);
        int child = w.k.createActivity(w.client, a(0), 10, a(10));
        w.k.allocate(w.client, a(10), CapType.FRAME, a(11));
        assertThat(w.activity(w.clientAct).usage()).isEqualTo(used + 2);
        KernelException e = assertRefused(w.k, KernelError.ENOMEM, () -> w.k.allocate(w.client, a(10), CapType.FRAME, a(12)));
        assertThat(e.getMessage()).contains("ancestor");
        assertThat(w.activity(child).usage()).isEqualTo(1);
        // freeing gives the unit back everywhere
        w.k.free(w.client, a(11));
        assertThat(w.activity(child).usage()).isZero();
        w.k.allocate(w.client, a(10), CapType.FRAME, a(12));
    }

    @Test
    void ownQuotaBinds() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        int child = w.k.createActivity(w.client, a(0), 1, a(10));
        w.k.allocate(w.client, a(10), CapType.CAPPAGE, a(11));
        assertRefused(w.k, KernelError.ENOMEM, () -> w.k.allocate(w.client, a(10), CapType.CAPPAGE, a(12)));
        assertThat(w.activity(child).usage()).isEqualTo(1);
    }

    @Test
    void destroyingAnActivityFreesEverythingBelowIt() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        long before = w.activity(w.clientAct).usage();
        int live = w.k.heap().liveCount();
        int child = w.k.createActivity(w.client, a(0), 0, a(10));
        w.k.allocate(w.client, a(10), CapType.FRAME, a(11));
        w.k.createActivity(w.client, a(10), 0, a(12));
        w.k.allocate(w.client, a(12), CapType.CAPPAGE, a(13));
        w.k.allocate(w.client, a(12), CapType.MESSAGE_BUFFER, a(14));
        Capability frameCap = w.page(w.clientRoot).slot(11);
        w.k.trace().setRecording(false);
        w.k.free(w.client, a(10));
        assertThat(w.k.lastStepWork()).as("one unit per object freed, traced or not").isEqualTo(5);
        assertThat(w.k.heap().get(child)).isNull();
        assertThat(w.k.designates(frameCap)).isFalse();
        assertThat(w.activity(w.clientAct).usage()).isEqualTo(before);
        assertThat(w.k.heap().liveCount()).isEqualTo(live);
        assertThat(w.activity(w.clientAct).children().contains(child)).isFalse();
        for (int s = 11; s <= 14; s++) {
            assertThat(w.k.readCap(w.client, a(s)).isVoid()).as("slot " + s).isTrue();
        }
    }

    @Test
    void policyNeedsTheStrongFacet() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        w.k.copyCap(w.client, a(0), a(10), Rights.WEAK);
        assertRefused(w.k, KernelError.READ_ONLY, () -> w.k.allocate(w.client, a(10), CapType.FRAME, a(11)));
        assertRefused(w.k, KernelError.READ_ONLY, () -> w.k.setQuota(w.client, a(10), 3));
        assertRefused(w.k, KernelError.READ_ONLY, () -> w.k.free(w.client, a(10)));
        assertRefused(w.k, KernelError.BAD_ARGUMENT, () -> w.k.setQuota(w.client, a(0), -1));
        assertRefused(w.k, KernelError.BAD_ARGUMENT, () -> w.k.createActivity(w.client, a(0), -1, a(11)));
        assertRefused(w.k, KernelError.WRONG_TYPE, () -> w.k.allocate(w.client, a(3), CapType.FRAME, a(11)));
        assertRefused(w.k, KernelError.BAD_ARGUMENT, () -> w.k.allocate(w.client, a(0), CapType.VOID, a(11)));
    }

    @Test
    void rootActivityIsProtected() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        w.boot.setSlot(w.clientRoot, 30, w.boot.cap(w.k.rootActivity()));
        assertRefused(w.k, KernelError.PROTECTED, () -> w.k.free(w.client, a(30)));
    }

    @Test
    void queuesExistOnlyWhereTheVariantHasThem() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        assertRefused(w.k, KernelError.NOT_SUPPORTED, () -> w.k.allocate(w.client, a(0), CapType.MESSAGE_QUEUE, a(10)));
        ClientServerFixture r = new ClientServerFixture(new Revised());
        r.k.allocate(r.client, a(0), CapType.MESSAGE_QUEUE, a(10));
        assertThat(r.k.readCap(r.client, a(10)).type()).isEqualTo(CapType.MESSAGE_QUEUE);
    }

    @Test
    void lazilyAllocatedMessageFrameIsChargedToTheWriter() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        long before = w.activity(w.clientAct).usage();
        w.k.writeMessage(w.client, a(3), new int[0], new byte[] {1});
        assertThat(w.activity(w.clientAct).usage()).isEqualTo(before + 1);
        assertThat(w.payloadOf(w.clientReq).chargedTo()).isEqualTo(w.clientAct);
        w.k.setQuota(w.client, a(0), w.activity(w.clientAct).usage());
        assertRefused(w.k, KernelError.ENOMEM, () -> w.k.writeMessage(w.client, a(4), new int[0], new byte[0]));
    }
}
