package capsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.kernel.variant.FrameTransfer;
import capsim.kernel.variant.QueueModel;
import capsim.kernel.variant.SourceRevocation;
import capsim.kernel.variant.Variant;
import capsim.kernel.variant.Variants;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VariantsAndSpecTest {

    /** A user variant found through the service interface (listed in test resources). */
    public static final class PreemptibleProposal implements Variant {
        public String name() {
            return "test-preemptible-proposal";
        }

        public String summary() {
            return "the proposal with a preemptible copy (test)";
        }

        public QueueModel queues() {
            return QueueModel.TARGET_BUFFERS;
        }

        public FrameTransfer frameTransfer() {
            return FrameTransfer.HANDOFF_FREE_TARGET;
        }

        public SourceRevocation sourceRevocation() {
            return SourceRevocation.DETACH_FROM_BUFFER;
        }

        public boolean preemptible() {
            return true;
        }
    }

    @Test
    void shippedVariantsComeFirstThenUserVariants() {
        assertThat(Variants.shipped()).extracting(Variant::name).containsExactly("proposal-2008", "messenger-2008", "revised");
        assertThat(Variants.names()).startsWith("proposal-2008", "messenger-2008", "revised").contains("test-preemptible-proposal");
        assertThat(Variants.byName("revised")).isPresent();
        assertThat(Variants.byName("nope")).isEmpty();
        for (Variant v : Variants.all()) {
            assertThat(v.name()).matches("[a-z0-9-]+");
            assertThat(v.summary()).isNotBlank();
        }
    }

    @Test
    void variantsDifferWhereDesignMdSaysTheyDo() {
        Variant p = Variants.byName("proposal-2008").orElseThrow();
        Variant m = Variants.byName("messenger-2008").orElseThrow();
        Variant r = Variants.byName("revised").orElseThrow();
        assertThat(p.frameTransfer()).isEqualTo(FrameTransfer.HANDOFF_FREE_TARGET);
        assertThat(m.frameTransfer()).isEqualTo(FrameTransfer.COPY_BYTES);
        assertThat(r.frameTransfer()).isEqualTo(FrameTransfer.EXCHANGE_CLEARED);
        assertThat(r.queues()).isEqualTo(QueueModel.FIRST_CLASS);
        assertThat(p.queues()).isEqualTo(QueueModel.TARGET_BUFFERS);
        assertThat(r.preemptible()).isTrue();
        assertThat(p.preemptible() || m.preemptible()).isFalse();
        assertThat(r.sourceRevocation()).isEqualTo(SourceRevocation.REIDENTIFY);
        assertThat(p.sourceRevocation()).isEqualTo(SourceRevocation.DETACH_FROM_BUFFER);
    }

    @Test
    void userVariantRunsOnTheKernel() {
        ClientServerFixture w = new ClientServerFixture(Variants.byName("test-preemptible-proposal").orElseThrow());
        w.serverReady(80);
        int[] caps = new int[80];
        java.util.Arrays.fill(caps, ClientServerFixture.a(0));
        w.k.writeMessage(w.client, ClientServerFixture.a(3), caps, new byte[0]);
        assertThat(w.k.send(w.client, ClientServerFixture.a(3), ClientServerFixture.a(5), true)).isEqualTo(Outcome.IN_PROGRESS);
        while (w.k.resume()) {
            assertThat(w.k.lastStepWork()).isLessThanOrEqualTo(w.k.workBound());
        }
        assertThat(w.page(w.serverRoot).slot(99).oid()).isEqualTo(w.clientAct);
    }

    @Test
    void specBuildsNamedState() {
        Spec spec = new Spec.Builder()
                .add(new Spec.ActivityDecl("a", null, 10))
                .add(new Spec.ObjectDecl("t", CapType.THREAD, "a"))
                .add(new Spec.ObjectDecl("root_a", CapType.CAPPAGE, "a"))
                .add(new Spec.ObjectDecl("f", CapType.FRAME, "a"))
                .add(new Spec.ObjectDecl("b", CapType.MESSAGE_BUFFER, "a"))
                .add(new Spec.ThreadDecl("t", "root_a", "a"))
                .add(new Spec.SlotDecl("root_a", 3, "b", Rights.WEAK, 7))
                .add(new Spec.SlotDecl("root_a", 4, null, Rights.FULL, 0))
                .add(new Spec.BufferSlotDecl("b", BufferSlot.PAYLOAD, "f", Rights.FULL))
                .add(new Spec.BufferDecl("b", MessageBuffer.ACTIVATE_ON_RECEIVE, 5, true))
                .add(new Spec.MessageDecl("f", new int[] {CapAddress.of(3)}, new byte[] {1}))
                .build();
        Kernel k = new Kernel(Variants.byName("messenger-2008").orElseThrow());
        Map<String, Integer> names = spec.build(k);
        assertThat(names).containsKeys("root", "a", "t", "root_a", "f", "b");
        CapPage page = (CapPage) k.heap().get(names.get("root_a"));
        assertThat(page.slot(3)).isEqualTo(new Capability(CapType.MESSAGE_BUFFER, names.get("b"), 0, Rights.WEAK, 7));
        MessageBuffer b = (MessageBuffer) k.heap().get(names.get("b"));
        assertThat(b.blocked()).isTrue();
        assertThat(b.id()).isEqualTo(5);
        assertThat(((Activity) k.heap().get(names.get("a"))).usage()).isEqualTo(4);
        assertThat(((Frame) k.heap().get(names.get("f"))).data()).containsExactly(1);
        // the same spec builds the same trace
        Kernel k2 = new Kernel(Variants.byName("messenger-2008").orElseThrow());
        spec.build(k2);
        assertThat(k2.trace().hash()).isEqualTo(k.trace().hash());
    }

    @Test
    void specRejectsUndefinedAndDuplicateNames() {
        Kernel k = new Kernel(Variants.byName("revised").orElseThrow());
        assertThatThrownBy(() -> new Spec(List.of(new Spec.ObjectDecl("t", CapType.THREAD, "nope"))).build(k))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'nope' is not declared");
        Kernel k2 = new Kernel(Variants.byName("revised").orElseThrow());
        assertThatThrownBy(() -> new Spec(List.of(new Spec.ActivityDecl("a", null, 0), new Spec.ActivityDecl("a", null, 0))).build(k2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("declared twice");
        Kernel k3 = new Kernel(Variants.byName("revised").orElseThrow(), Kernel.DEFAULT_WORK_BOUND, 2);
        assertThatThrownBy(() -> new Spec(List.of(new Spec.ActivityDecl("a", null, 0),
                new Spec.ObjectDecl("x", CapType.FRAME, "a"), new Spec.ObjectDecl("y", CapType.FRAME, "a"))).build(k3))
                .isInstanceOf(KernelException.class).hasMessageContaining("ENOMEM");
    }

    @Test
    void actionsApplyTheirOperation() {
        ClientServerFixture w = new ClientServerFixture(Variants.byName("messenger-2008").orElseThrow());
        Object oid = new Action.Allocate(w.client, ClientServerFixture.a(0), CapType.FRAME, ClientServerFixture.a(10)).apply(w.k);
        assertThat(w.k.readCap(w.client, ClientServerFixture.a(10)).oid()).isEqualTo(oid);
        new Action.CopyCap(w.client, ClientServerFixture.a(10), ClientServerFixture.a(11), Rights.WEAK).apply(w.k);
        assertThat(new Action.ReadCap(w.client, ClientServerFixture.a(11)).apply(w.k)).isEqualTo(w.k.readCap(w.client, ClientServerFixture.a(10)).weaken());
        assertThat(new Action.Resume().apply(w.k)).isEqualTo(false);
        assertThat(new Action.Resume().thread()).isEqualTo(KernelObject.NO_OID);
        assertThat(new Action.WriteMessage(1, 2, new int[] {3}, new byte[] {4}))
                .isEqualTo(new Action.WriteMessage(1, 2, new int[] {3}, new byte[] {4}));
    }
}
