package capsim.kernel;

import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.check.Invariants;
import capsim.kernel.check.Monitor;
import capsim.kernel.check.StepResult;
import capsim.kernel.check.Violation;
import capsim.kernel.variant.Revised;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * No disclosure follows authority as take-grant does: what a thread reads with capabilities that X gave away,
 * directly or through any chain of grantees, X disclosed itself. (Issue 12: {@code check --variant revised
 * --tries 30000 --depth 60 --seed 11} reported this as a break.)
 */
class NoDisclosureGranteesTest {

    /** Three threads t0, t1, t2: root pages with own activity (0), thread (1), root (2), buffers (3, 4), queue (6). */
    private static final class Three {
        final Kernel k = new Kernel(new Revised());
        final Boot boot = k.boot();
        final int[] thread = new int[3];
        final int[] root = new int[3];
        final int[] queue = new int[3];

        Three() {
            for (int i = 0; i < 3; i++) {
                int act = boot.activity(k.rootActivity(), 0);
                thread[i] = boot.allocate(CapType.THREAD, act);
                root[i] = boot.allocate(CapType.CAPPAGE, act);
                boot.configureThread(thread[i], root[i], act);
                queue[i] = boot.allocate(CapType.MESSAGE_QUEUE, act);
                boot.setSlot(root[i], 0, boot.cap(act));
                boot.setSlot(root[i], 1, boot.cap(thread[i]));
                boot.setSlot(root[i], 2, boot.cap(root[i]));
                boot.setSlot(root[i], 6, boot.cap(queue[i]));
                for (int s = 3; s <= 4; s++) {
                    int b = boot.allocate(CapType.MESSAGE_BUFFER, act);
                    boot.setBufferSlot(b, BufferSlot.THREAD, boot.cap(thread[i]));
                    boot.setBufferSlot(b, BufferSlot.AS_ROOT, boot.cap(root[i]));
                    boot.setSlot(root[i], s, boot.cap(b));
                }
            }
            // t0 can send to t1's queue, t1 to t2's.
            boot.setSlot(root[0], 8, boot.cap(queue[1], Rights.WEAK, 0));
            boot.setSlot(root[1], 8, boot.cap(queue[2], Rights.WEAK, 0));
        }
    }

    private static List<Violation> run(Monitor m, Action... steps) {
        List<Violation> out = new ArrayList<>();
        for (Action s : steps) {
            StepResult r = m.step(s);
            assertThat(r.error()).as(s.toString()).isNull();
            out.addAll(r.violations());
        }
        return out;
    }

    @Test
    void whatAGranteeOfAGranteeReadsWithTheGrantedSpaceIsNotADisclosure() {
        Three w = new Three();
        int t0 = w.thread[0];
        int t1 = w.thread[1];
        int t2 = w.thread[2];
        Monitor m = new Monitor(w.k, Invariants.all());
        List<Violation> broken = run(m,
                // t0 keeps a message page naming its slot 40 (its private layout).
                new Action.WriteMessage(t0, a(4), new int[] {a(40)}, new byte[0]),
                // t1 and t2 wait to receive one capability into their slot 40.
                new Action.WriteMessage(t1, a(3), new int[] {a(40)}, new byte[0]),
                new Action.Receive(t1, a(3), a(6), true),
                new Action.WriteMessage(t2, a(3), new int[] {a(40)}, new byte[0]),
                new Action.Receive(t2, a(3), a(6), true),
                // t0 grants its whole space (its root page) to t1 ...
                new Action.WriteMessage(t0, a(3), new int[] {a(2)}, new byte[0]),
                new Action.Send(t0, a(3), a(8), true),
                // ... and t1 passes the page it received on to t2, who now reaches t0's message page.
                new Action.WriteMessage(t1, a(4), new int[] {a(40)}, new byte[0]),
                new Action.Send(t1, a(4), a(8), true));
        assertThat(((CapPage) m.kernel().heap().get(w.root[2])).slot(40).oid()).isEqualTo(w.root[0]);
        assertThat(broken).isEmpty();
    }
}
