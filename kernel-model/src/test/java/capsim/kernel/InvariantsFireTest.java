package capsim.kernel;

import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.check.Invariant;
import capsim.kernel.check.Invariants;
import capsim.kernel.check.Monitor;
import capsim.kernel.check.StepResult;
import capsim.kernel.check.StepView;
import capsim.kernel.check.Violation;
import capsim.kernel.variant.Messenger2008;
import capsim.kernel.variant.Proposal2008;
import capsim.kernel.variant.Revised;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each invariant holds on a correct step and fires on a broken one (built here, in the kernel's package). */
class InvariantsFireTest {
    static Invariant inv(String name) {
        return Invariants.byName(name).orElseThrow();
    }

    static Violation check(String name, Kernel initial, Kernel before, Kernel after, Action a) {
        return inv(name).check(new StepView(initial, before, after, a, null, null));
    }

    @Test
    void catalogueHasTheNineOfDesignMd() {
        assertThat(Invariants.names()).containsExactly("authority-confinement", "no-disclosure", "frame-exclusivity",
                "storage-accounting", "revocation", "message-conservation", "activation", "bounded-kernel-work", "determinism");
        for (Invariant i : Invariants.all()) {
            assertThat(i.description()).isNotBlank();
        }
    }

    /** The proposal's hand-off with the sender keeping its page mapped, receive slots in the relabelled range. */
    static List<StepResult> proposalHandoff(capsim.kernel.variant.Variant v) {
        ClientServerFixture w = new ClientServerFixture(v);
        w.k.writeMessage(w.server, a(3), new int[] {a(40)}, new byte[0]);
        w.k.receive(w.server, a(3), w.queues() ? a(6) : CapAddress.NONE, true);
        w.k.writeMessage(w.client, a(3), new int[] {a(0)}, "x".getBytes());
        w.k.getBufferSlot(w.client, a(3), BufferSlot.PAYLOAD, a(7));
        Monitor m = new Monitor(w.k, Invariants.all());
        return List.of(m.step(new Action.Send(w.client, a(3), a(5), true)));
    }

    @Test
    void theProposalsHandOffBreaksExclusivityAndDisclosesTheRevisedDoesNot() {
        StepResult p = proposalHandoff(new Proposal2008()).get(0);
        assertThat(p.violations()).extracting(Violation::invariant).containsExactlyInAnyOrder("no-disclosure", "frame-exclusivity");
        StepResult r = proposalHandoff(new Revised()).get(0);
        assertThat(r.violations()).isEmpty();
        StepResult m = proposalHandoff(new Messenger2008()).get(0);
        assertThat(m.violations()).isEmpty();
    }

    @Test
    void boundedWorkFiresOnAnUnboundedCopy() {
        ClientServerFixture w = new ClientServerFixture(new Messenger2008());
        w.serverReady(100);
        int[] caps = new int[100];
        Arrays.fill(caps, a(0));
        w.k.writeMessage(w.client, a(3), caps, new byte[0]);
        StepResult r = new Monitor(w.k, List.of(inv("bounded-kernel-work"))).step(new Action.Send(w.client, a(3), a(5), true));
        assertThat(r.violations()).singleElement().extracting(Violation::invariant).isEqualTo("bounded-kernel-work");
    }

    @Test
    void storageAccountingFiresOnAWrongCount() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        Kernel before = w.k.copy();
        assertThat(check("storage-accounting", before, before, w.k, new Action.Collect(w.client))).isNull();
        Kernel broken = w.k.copy();
        ((Activity) broken.heap().get(w.clientAct)).addUsage(1);
        assertThat(check("storage-accounting", before, before, broken, new Action.Collect(w.client))).isNotNull();
    }

    @Test
    void messageConservationFiresOnALostMessage() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        Kernel before = w.k.copy();
        Kernel after = w.k.copy();
        after.trace().add(new Event.Sent(1, w.client, w.clientReq, w.serverQueue, 0));
        assertThat(check("message-conservation", before, before, after, new Action.Collect(w.client)))
                .extracting(Violation::message).asString().contains("lost");
        after.trace().add(new Event.Delivered(1, w.clientReq, w.serverBuf));
        assertThat(check("message-conservation", before, before, after, new Action.Collect(w.client))).isNull();
        after.trace().add(new Event.SenderFailed(1, w.clientReq, KernelError.EFAULT));
        assertThat(check("message-conservation", before, before, after, new Action.Collect(w.client)))
                .extracting(Violation::message).asString().contains("twice");
    }

    @Test
    void activationFiresWhenFlagsAreIgnored() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        w.boot.configureBuffer(w.serverBuf, MessageBuffer.ACTIVATE_ON_RECEIVE, 1);
        Kernel before = w.k.copy();
        Kernel after = w.k.copy();
        after.trace().add(new Event.Delivered(1, w.clientReq, w.serverBuf));
        assertThat(check("activation", before, before, after, new Action.Collect(w.client))).isNotNull();
        after.trace().add(new Event.Activated(1, w.server, w.serverBuf, 1, 0));
        assertThat(check("activation", before, before, after, new Action.Collect(w.client))).isNull();
        after.trace().add(new Event.Activated(1, w.server, w.serverBuf, 1, 0));
        assertThat(check("activation", before, before, after, new Action.Collect(w.client))).isNotNull();
    }

    @Test
    void revocationFiresOnAStaleCapabilityHandedOut() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        Capability stale = new Capability(CapType.FRAME, w.clientReq, 7, Rights.FULL, 0);
        Kernel before = w.k.copy();
        Kernel after = w.k.copy();
        after.trace().add(new Event.SlotWritten(w.client, w.clientRoot, 40, stale));
        assertThat(check("revocation", before, before, after, new Action.Collect(w.client))).isNotNull();
    }

    @Test
    void authorityConfinementFiresWhenAnIslandGainsForeignAuthority() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        // a third thread alone on its island
        int act = w.boot.activity(w.k.rootActivity(), 0);
        int page = w.boot.allocate(CapType.CAPPAGE, act);
        int loner = w.boot.allocate(CapType.THREAD, act);
        w.boot.configureThread(loner, page, act);
        Kernel initial = w.k.copy();
        assertThat(check("authority-confinement", initial, initial, w.k, new Action.Collect(loner))).isNull();
        Kernel after = w.k.copy();
        after.boot().setSlot(page, 1, after.boot().cap(w.serverBuf));
        assertThat(check("authority-confinement", initial, initial, after, new Action.Collect(loner)))
                .extracting(Violation::message).asString().contains("outside its island");
    }

    @Test
    void determinismFiresWhenTheAfterStateIsNotTheReplay() {
        ClientServerFixture w = new ClientServerFixture(new Revised());
        Kernel before = w.k.copy();
        Action a = new Action.CopyCap(w.client, a(3), a(40), Rights.WEAK);
        a.apply(w.k);
        assertThat(check("determinism", before, before, w.k, a)).isNull();
        Kernel other = before.copy();
        new Action.CopyCap(w.client, a(3), a(41), Rights.WEAK).apply(other);
        assertThat(check("determinism", before, before, other, a)).isNotNull();
    }
}
