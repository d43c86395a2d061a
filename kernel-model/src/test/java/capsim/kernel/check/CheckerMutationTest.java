package capsim.kernel.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.kernel.Action;
import capsim.kernel.BufferSlot;
import capsim.kernel.CapAddress;
import capsim.kernel.CapType;
import capsim.kernel.Kernel;
import capsim.kernel.Outcome;
import capsim.kernel.Rights;
import capsim.kernel.variant.Messenger2008;
import capsim.kernel.variant.Variants;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checker's bounds and short runs of it, quick enough for mutation testing (the long random suites in
 * CheckerTest are left out of the PIT run): the limits of its options, the exact edge of the work bound,
 * and delta debugging on the smallest inputs.
 */
class CheckerMutationTest {

    @Test
    void optionsTakeOneTryOneStepAndTheMinimumWorkBound() {
        Checker.Options o = new Checker.Options(1, 7, 1, Kernel.MIN_WORK_BOUND);
        assertThat(o.tries()).isEqualTo(1);
        assertThat(o.depth()).isEqualTo(1);
        assertThat(o.workBound()).isEqualTo(Kernel.MIN_WORK_BOUND);
        assertThatThrownBy(() -> new Checker.Options(0, 7, 1, Kernel.MIN_WORK_BOUND)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checker.Options(1, 7, 0, Kernel.MIN_WORK_BOUND)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checker.Options(1, 7, 1, Kernel.MIN_WORK_BOUND - 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Integer.toString(Kernel.MIN_WORK_BOUND));
        assertThat(Checker.Options.of(3, 9, 4).workBound()).isEqualTo(Kernel.DEFAULT_WORK_BOUND);
    }

    @Test
    void aShortRunCountsEveryTryAndStep() {
        List<long[]> told = new ArrayList<>();
        Checker.Result r = Checker.run(Variants.byName("revised").orElseThrow(), Checker.Options.of(6, 5, 15),
                (done, total, steps) -> told.add(new long[] {done, total, steps}));
        assertThat(r.held()).as(() -> String.valueOf(r.counterexample())).isTrue();
        assertThat(r.tries()).isEqualTo(6);
        assertThat(r.steps()).isEqualTo(6L * 15);
        assertThat(r.variant()).isEqualTo("revised");
        assertThat(r.seed()).isEqualTo(5);
        assertThat(r.reached().keySet()).containsExactlyElementsOf(Checker.REACH);
        assertThat(r.reached().get("refused step")).isPositive();
        assertThat(r.seconds()).isPositive();
        assertThat(r.stepsPerSecond()).isPositive();
        assertThat(told).hasSize(6);
        for (int i = 0; i < told.size(); i++) {
            assertThat(told.get(i)).containsExactly(i + 1, 6, 15L * (i + 1));
        }
    }

    @Test
    void aBreakStopsTheRunAndShrinksToAOneMinimalReplay() {
        var proposal = Variants.byName("proposal-2008").orElseThrow();
        Checker.Result r = Checker.run(proposal, Checker.Options.of(50, 1, 30), CheckProgress.none());
        assertThat(r.held()).isFalse();
        assertThat(r.tries()).isLessThanOrEqualTo(50);
        assertThat(r.steps()).isLessThanOrEqualTo(30L * r.tries());
        Checker.Counterexample c = r.counterexample();
        assertThat(c.outcomes()).hasSameSizeAs(c.actions());
        assertThat(c.actions().size()).isLessThanOrEqualTo(c.originalSteps());
        int at = Checker.breaksAt(proposal, Kernel.DEFAULT_WORK_BOUND, c.spec(), c.actions(), c.invariant());
        assertThat(at).isEqualTo(c.actions().size() - 1);
        for (int i = 0; i < c.actions().size(); i++) {
            List<Action> fewer = new ArrayList<>(c.actions());
            fewer.remove(i);
            assertThat(Checker.breaksAt(proposal, Kernel.DEFAULT_WORK_BOUND, c.spec(), fewer, c.invariant())).isEqualTo(-1);
        }
        // written messages are shrunk to at most one capability address
        for (Action a : c.actions()) {
            if (a instanceof Action.WriteMessage w) {
                assertThat(w.caps().length).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void ddminOnTheSmallestInputs() {
        assertThat(Checker.ddmin(List.of(1), l -> l.contains(1))).containsExactly(1);
        assertThat(Checker.ddmin(List.of(1, 2), l -> l.contains(2))).containsExactly(2);
        assertThat(Checker.ddmin(List.of(1, 2), l -> l.contains(1))).containsExactly(1);
        assertThat(Checker.ddmin(List.of(1, 2), l -> l.contains(1) && l.contains(2))).containsExactly(1, 2);
        assertThat(Checker.ddmin(List.of(1, 2, 3), l -> l.contains(3))).containsExactly(3);
        assertThat(Checker.ddmin(List.of(1, 2, 3, 4, 5), l -> l.contains(2) && l.contains(5))).containsExactly(2, 5);
    }

    /**
     * bounded-kernel-work at its edge: a step that does exactly B units holds, one unit more breaks. The
     * 2008 messenger does not preempt, so the same send does the same work whatever the bound.
     */
    @Test
    void workExactlyAtTheBoundHoldsAndOneUnitMoreBreaks() {
        int work = messengerSendWork(10_000);
        assertThat(work).isGreaterThan(Kernel.MIN_WORK_BOUND);
        assertThat(workBoundVerdict(work)).isNull();
        assertThat(workBoundVerdict(work - 1)).isNotNull();
        assertThat(workBoundVerdict(work - 1).message()).contains(work + " units").contains("bound is " + (work - 1));
    }

    /** The work of one messenger send of 40 capabilities into a buffer ready for 40, with bound {@code bound}. */
    private static int messengerSendWork(int bound) {
        TwoBuffers w = twoBuffers(bound);
        w.k().send(w.client(), CapAddress.of(3), CapAddress.of(5), true);
        return w.k().lastStepWork();
    }

    private static Violation workBoundVerdict(int bound) {
        TwoBuffers w = twoBuffers(bound);
        Monitor m = new Monitor(w.k(), List.of(new BoundedKernelWork()));
        StepResult r = m.step(new Action.Send(w.client(), CapAddress.of(3), CapAddress.of(5), true));
        assertThat(r.error()).isNull();
        assertThat(r.result()).isEqualTo(Outcome.DELIVERED);
        return r.violations().isEmpty() ? null : r.violations().get(0);
    }

    private record TwoBuffers(Kernel k, int client) {
    }

    /** A client and a server in one activity; the client's buffer (slot 3) holds 40 caps for the server's buffer (slot 5). */
    private static TwoBuffers twoBuffers(int bound) {
        Kernel k = new Kernel(new Messenger2008(), bound, 0);
        var boot = k.boot();
        int act = boot.activity(k.rootActivity(), 0);
        int client = boot.allocate(CapType.THREAD, act);
        int server = boot.allocate(CapType.THREAD, act);
        int croot = boot.allocate(CapType.CAPPAGE, act);
        int sroot = boot.allocate(CapType.CAPPAGE, act);
        boot.configureThread(client, croot, act);
        boot.configureThread(server, sroot, act);
        int out = boot.allocate(CapType.MESSAGE_BUFFER, act);
        int in = boot.allocate(CapType.MESSAGE_BUFFER, act);
        boot.setBufferSlot(out, BufferSlot.THREAD, boot.cap(client));
        boot.setBufferSlot(out, BufferSlot.AS_ROOT, boot.cap(croot));
        boot.setBufferSlot(in, BufferSlot.THREAD, boot.cap(server));
        boot.setBufferSlot(in, BufferSlot.AS_ROOT, boot.cap(sroot));
        boot.setSlot(croot, 0, boot.cap(act));
        boot.setSlot(croot, 3, boot.cap(out));
        boot.setSlot(croot, 5, boot.cap(in, Rights.WEAK, 0));
        boot.setSlot(sroot, 3, boot.cap(in));
        int n = 40;
        int[] caps = new int[n];
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            caps[i] = CapAddress.of(0);
            slots[i] = CapAddress.of(20 + i);
        }
        k.writeMessage(server, CapAddress.of(3), slots, new byte[0]);
        k.writeMessage(client, CapAddress.of(3), caps, new byte[0]);
        return new TwoBuffers(k, client);
    }
}
