package capsim.kernel;

import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.variant.Revised;
import org.junit.jupiter.api.Test;

/** The work bound's edge for a preemptible design: a transfer of exactly B units runs in one step; B - 1 preempts it. */
class PreemptionBoundaryTest {

    /** The revised design sends 20 capabilities into a buffer ready for 20, with bound {@code bound}. */
    private static ClientServerFixture sent(int bound) {
        ClientServerFixture w = new ClientServerFixture(new Revised(), bound);
        int[] caps = new int[20];
        int[] slots = new int[20];
        for (int i = 0; i < caps.length; i++) {
            caps[i] = a(0);
            slots[i] = a(40 + i);
        }
        w.k.writeMessage(w.server, a(3), slots, new byte[0]);
        w.k.receive(w.server, a(3), a(6), true);
        w.k.writeMessage(w.client, a(3), caps, new byte[0]);
        w.k.send(w.client, a(3), a(5), true);
        return w;
    }

    private static boolean preempted(ClientServerFixture w) {
        return w.k.trace().events().stream().anyMatch(e -> e instanceof Event.Preempted);
    }

    @Test
    void exactlyTheBoundRunsInOneStepAndOneUnitLessPreempts() {
        ClientServerFixture unbounded = sent(10_000);
        assertThat(preempted(unbounded)).isFalse();
        int work = unbounded.k.lastStepWork();
        assertThat(work).isGreaterThanOrEqualTo(Kernel.MIN_WORK_BOUND);
        ClientServerFixture exact = sent(work);
        assertThat(preempted(exact)).as("a step of exactly B units").isFalse();
        assertThat(exact.k.lastStepWork()).isEqualTo(work);
        assertThat(exact.k.inProgress()).isEmpty();
        ClientServerFixture under = sent(work - 1);
        assertThat(preempted(under)).as("B - 1").isTrue();
        assertThat(under.k.lastStepWork()).isLessThanOrEqualTo(work - 1);
        assertThat(under.k.inProgress()).hasSize(1);
    }
}
