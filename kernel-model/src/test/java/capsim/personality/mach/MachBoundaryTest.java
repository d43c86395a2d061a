package capsim.personality.mach;

import static capsim.personality.mach.Mach.insert;
import static capsim.personality.mach.Mach.port;
import static capsim.personality.mach.Mach.receive;
import static capsim.personality.mach.Mach.send;
import static capsim.personality.mach.Mach.task;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Mach's limits each side of the bound (docs/personality-mach.md): queue limits 0..16 (GNU Mach's
 * MACH_PORT_QLIMIT_MAX), a queue full at exactly its limit, inline data of exactly a page, user references
 * down to 0 and up to UREFS_MAX.
 */
class MachBoundaryTest {

    @Test
    void queueLimitsRunFromZeroToMax() {
        Mach m = new Mach();
        m.ok(task("a", 0));
        m.ok(port("a", "zero", 0));
        m.ok(port("a", "max", Port.MAX_LIMIT));
        m.refused(port("a", "neg", -1), "KERN_INVALID_VALUE");
        m.refused(port("a", "over", Port.MAX_LIMIT + 1), "KERN_INVALID_VALUE");
        m.ok(new MachAction.SetLimit("a", "zero", Port.MAX_LIMIT));
        m.ok(new MachAction.SetLimit("a", "max", 0));
        m.refused(new MachAction.SetLimit("a", "max", -1), "KERN_INVALID_VALUE");
        m.refused(new MachAction.SetLimit("a", "max", Port.MAX_LIMIT + 1), "KERN_INVALID_VALUE");
    }

    @Test
    void aQueueIsFullAtExactlyItsLimit() {
        for (int limit : new int[] {0, 1, 3, Port.MAX_LIMIT}) {
            Mach m = new Mach();
            m.ok(task("server", 0));
            m.ok(task("client", 0));
            m.ok(port("server", "svc", limit));
            m.ok(insert("server", "svc", Disposition.MAKE_SEND, "client"));
            for (int i = 0; i < limit; i++) {
                m.ok(send("client", "svc", "m" + i));
            }
            m.refused(send("client", "svc", "one more"), "MACH_SEND_TIMED_OUT");
            assertThat(m.w().port("svc").queue.size()).isEqualTo(limit);
            if (limit > 0) {
                // taking one message out makes room for exactly one
                m.ok(receive("server", "svc"));
                m.ok(send("client", "svc", "again"));
                m.refused(send("client", "svc", "and again"), "MACH_SEND_TIMED_OUT");
            }
        }
    }

    @Test
    void inlineDataOfExactlyAPageFits() {
        Mach m = new Mach().clientServer();
        m.ok(send("client", "svc", "x".repeat(MachWorld.MAX_INLINE)));
        m.refused(send("client", "svc", "x".repeat(MachWorld.MAX_INLINE + 1)), "MACH_SEND_TOO_LARGE");
        m.ok(new MachAction.Region("client", "buf", "y".repeat(MachWorld.MAX_INLINE)));
        m.refused(new MachAction.Region("client", "big", "y".repeat(MachWorld.MAX_INLINE + 1)), "KERN_INVALID_ARGUMENT");
        m.ok(new MachAction.Write("client", "buf", "z".repeat(MachWorld.MAX_INLINE)));
        m.refused(new MachAction.Write("client", "buf", "z".repeat(MachWorld.MAX_INLINE + 1)), "KERN_INVALID_ARGUMENT");
    }

    @Test
    void userReferencesGoDownToZeroAndUpToTheMaximum() {
        Mach m = new Mach().clientServer();
        m.ok(new MachAction.ModRefs("client", "svc", RightKind.SEND, 2));
        assertThat(m.entry("client", "svc").urefs()).isEqualTo(3);
        m.refused(new MachAction.ModRefs("client", "svc", RightKind.SEND, -4), "KERN_INVALID_VALUE");
        // Send rights stop one short of MACH_PORT_UREFS_MAX (ipc_right.c tests the overflow at urefs + 1).
        m.ok(new MachAction.ModRefs("client", "svc", RightKind.SEND, MachWorld.SEND_UREFS_MAX - 3));
        assertThat(m.entry("client", "svc").urefs()).isEqualTo(MachWorld.SEND_UREFS_MAX);
        m.refused(new MachAction.ModRefs("client", "svc", RightKind.SEND, 1), "KERN_UREFS_OVERFLOW");
        m.ok(new MachAction.ModRefs("client", "svc", RightKind.SEND, -MachWorld.SEND_UREFS_MAX));
        assertThat(m.entry("client", "svc")).as("the last reference gone, the name goes").isNull();
    }
}
