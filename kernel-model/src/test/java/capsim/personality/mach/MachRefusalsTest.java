package capsim.personality.mach;

import static capsim.personality.mach.Disposition.COPY_SEND;
import static capsim.personality.mach.Disposition.MAKE_SEND;
import static capsim.personality.mach.Disposition.MAKE_SEND_ONCE;
import static capsim.personality.mach.Disposition.MOVE_RECEIVE;
import static capsim.personality.mach.Disposition.MOVE_SEND;
import static capsim.personality.mach.Mach.insert;
import static capsim.personality.mach.Mach.item;
import static capsim.personality.mach.Mach.port;
import static capsim.personality.mach.Mach.receive;
import static capsim.personality.mach.Mach.send;
import static capsim.personality.mach.Mach.task;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.CapPage;
import capsim.personality.Session;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every refusal code the personality gives, each provoked once; a refusal changes nothing. */
class MachRefusalsTest {

    @Test
    void declarations() {
        Mach m = new Mach();
        m.ok(task("a", 4));
        m.refused(task("a", 10), "KERN_NAME_EXISTS");
        m.refused(task("b", -1), "KERN_INVALID_ARGUMENT");
        m.refused(task("tiny", 1), "KERN_RESOURCE_SHORTAGE");
        m.refused(port("nobody", "p"), "KERN_INVALID_TASK");
        m.ok(port("a", "p"));
        m.refused(port("a", "p"), "KERN_NAME_EXISTS");
        m.refused(port("a", "q", Port.MAX_LIMIT + 1), "KERN_INVALID_VALUE");
        m.ok(port("a", "q"));
        // a: thread, space, p, q = its quota of 4
        m.refused(port("a", "r"), "KERN_RESOURCE_SHORTAGE");
        m.refused(new MachAction.AllocatePortSet("a", "s"), "KERN_RESOURCE_SHORTAGE");
        m.refused(new MachAction.Region("a", "buf", "x"), "KERN_RESOURCE_SHORTAGE");
    }

    @Test
    void aFullNameSpaceIsKernNoSpace() {
        Mach m = new Mach();
        m.session = Session.unchecked(m.personality, m.personality.newWorld());
        m.ok(task("a", 0));
        for (int i = 0; i < CapPage.SLOTS; i++) {
            m.ok(port("a", "p" + i));
        }
        m.refused(port("a", "one-more"), "KERN_NO_SPACE");
    }

    @Test
    void nameSpaceOperations() {
        Mach m = new Mach().clientServer();
        m.refused(new MachAction.Deallocate("client", "nothing"), "KERN_INVALID_NAME");
        m.refused(new MachAction.Destroy("client", "nothing"), "KERN_INVALID_NAME");
        m.refused(new MachAction.Deallocate("server", "svc"), "KERN_INVALID_RIGHT");
        m.refused(new MachAction.ModRefs("client", "svc", RightKind.RECEIVE, -1), "KERN_INVALID_RIGHT");
        m.refused(new MachAction.ModRefs("client", "svc", RightKind.SEND, -2), "KERN_INVALID_VALUE");
        m.refused(new MachAction.ModRefs("server", "svc", RightKind.RECEIVE, 1), "KERN_INVALID_VALUE");
        // GNU Mach ipc_right_delta: a send right keeps one reference in reserve, so it stops at 65534
        m.refused(new MachAction.ModRefs("client", "svc", RightKind.SEND, MachWorld.UREFS_MAX - 1), "KERN_UREFS_OVERFLOW");
        m.ok(new MachAction.ModRefs("client", "svc", RightKind.SEND, MachWorld.UREFS_MAX - 2));
        assertThat(m.entry("client", "svc").urefs()).isEqualTo(MachWorld.SEND_UREFS_MAX);
        m.refused(insert("client", "svc", COPY_SEND, null), "KERN_UREFS_OVERFLOW");
        m.refused(insert("client", "svc", MAKE_SEND, null), "KERN_INVALID_RIGHT");
        m.refused(new MachAction.SetLimit("client", "svc", 3), "KERN_INVALID_RIGHT");
        m.refused(new MachAction.SetLimit("server", "svc", 99), "KERN_INVALID_VALUE");
        m.refused(new MachAction.MoveMember("server", "svc", null), "KERN_NOT_IN_SET");
        m.refused(new MachAction.MoveMember("server", "svc", "nothing"), "KERN_INVALID_NAME");
        m.refused(new MachAction.MoveMember("client", "svc", null), "KERN_INVALID_RIGHT");
        m.refused(new MachAction.RequestNotification("server", NotificationKind.NO_SENDERS, "svc", "nothing"), "KERN_INVALID_NAME");
        m.refused(new MachAction.RequestNotification("client", NotificationKind.NO_SENDERS, "svc", "svc"), "KERN_INVALID_RIGHT");
        m.refused(new MachAction.RequestNotification("server", NotificationKind.PORT_DESTROYED, "svc", "svc"),
                "KERN_INVALID_ARGUMENT");
        m.refused(new MachAction.RequestNotification("server", NotificationKind.DEAD_NAME, "svc", "svc"), "KERN_INVALID_RIGHT");
        m.refused(new MachAction.RequestNotification("server", NotificationKind.SEND_ONCE, "svc", "svc"), "KERN_INVALID_VALUE");
    }

    @Test
    void regions() {
        Mach m = new Mach().clientServer();
        m.refused(new MachAction.Write("client", "buf", "x"), "KERN_INVALID_ADDRESS");
        m.refused(new MachAction.FreeRegion("client", "buf"), "KERN_INVALID_ADDRESS");
        m.refused(new MachAction.Region("client", "buf", "x".repeat(MachWorld.MAX_INLINE + 1)), "KERN_INVALID_ARGUMENT");
        m.ok(new MachAction.Region("client", "buf", "x"));
        m.refused(new MachAction.Region("client", "buf", "y"), "KERN_NAME_EXISTS");
    }

    @Test
    void sends() {
        Mach m = new Mach().clientServer();
        m.ok(port("client", "reply"));
        m.refused(send("client", "nothing", "x"), "MACH_SEND_INVALID_DEST");
        m.refused(send("client", "svc", MAKE_SEND, "x", null, List.of(), List.of()), "MACH_SEND_INVALID_DEST");
        m.refused(send("server", "svc", MOVE_RECEIVE, "x", null, List.of(), List.of()), "MACH_SEND_INVALID_HEADER");
        m.refused(send("client", "svc", null, "x", item("nothing", MAKE_SEND_ONCE), List.of(), List.of()), "MACH_SEND_INVALID_REPLY");
        m.refused(send("client", "svc", null, "x", item("svc", MAKE_SEND_ONCE), List.of(), List.of()), "MACH_SEND_INVALID_REPLY");
        m.refused(send("client", "svc", null, "x", item("reply", MOVE_RECEIVE), List.of(), List.of()), "MACH_SEND_INVALID_REPLY");
        m.refused(send("client", "svc", null, "x", null, List.of(item("nothing", COPY_SEND)), List.of()), "MACH_SEND_INVALID_RIGHT");
        m.refused(send("client", "svc", null, "x", null, List.of(item("svc", MOVE_RECEIVE)), List.of()), "MACH_SEND_INVALID_RIGHT");
        // moving the one user reference twice
        m.refused(send("client", "svc", MOVE_SEND, "x", null, List.of(item("svc", MOVE_SEND)), List.of()), "MACH_SEND_INVALID_RIGHT");
        m.refused(send("client", "svc", null, "x", null, List.of(),
                List.of(new MachWorld.OolItem("buf", OolMode.COPY))), "MACH_SEND_INVALID_MEMORY");
        m.ok(new MachAction.Region("client", "buf", "x"));
        m.refused(send("client", "svc", null, "x", null, List.of(),
                List.of(new MachWorld.OolItem("buf", OolMode.MOVE), new MachWorld.OolItem("buf", OolMode.COPY))),
                "MACH_SEND_INVALID_MEMORY");
        m.refused(send("client", "svc", "x".repeat(MachWorld.MAX_INLINE + 1)), "MACH_SEND_TOO_LARGE");
        m.refused(send("nobody", "svc", "x"), "KERN_INVALID_TASK");
    }

    @Test
    void aPortSetOrDeadNameIsNoDestination() {
        Mach m = new Mach().clientServer();
        m.ok(new MachAction.AllocatePortSet("server", "set"));
        m.refused(send("server", "set", "x"), "MACH_SEND_INVALID_DEST");
        m.ok(new MachAction.Destroy("server", "svc"));
        assertThat(m.entry("client", "svc").type()).isEqualTo("dead-name");
        m.refused(send("client", "svc", "x"), "MACH_SEND_INVALID_DEST");
        m.refused(send("client", "svc", null, "x", null, List.of(), List.of()), "MACH_SEND_INVALID_DEST");
    }

    @Test
    void aReceiveRightIntoItselfOrIntoAPortInsideItIsRefused() {
        Mach m = new Mach();
        m.ok(task("a", 30));
        m.ok(port("a", "p"));
        m.ok(port("a", "q"));
        m.refused(send("a", "p", MAKE_SEND, "", null, List.of(item("p", MOVE_RECEIVE)), List.of()), "MACH_SEND_INVALID_RIGHT");
        m.ok(insert("a", "q", MAKE_SEND, null));
        m.ok(send("a", "p", MAKE_SEND, "", null, List.of(item("q", MOVE_RECEIVE)), List.of()));
        Session.Step r = m.refused(send("a", "q", null, "", null, List.of(item("p", MOVE_RECEIVE)), List.of()),
                "MACH_SEND_INVALID_RIGHT");
        assertThat(r.refusal()).contains("cycle");
    }

    @Test
    void aFullQueueTimesOutAndAnExhaustedSenderHasNoBuffer() {
        Mach m = new Mach();
        m.ok(task("server", 10));
        m.ok(task("client", 4));
        m.ok(port("server", "svc", 1));
        m.ok(insert("server", "svc", MAKE_SEND, "client"));
        m.ok(send("client", "svc", "1"));
        m.refused(send("client", "svc", "2"), "MACH_SEND_TIMED_OUT");
        m.ok(new MachAction.SetLimit("server", "svc", 5));
        m.ok(send("client", "svc", "2"));
        // client: thread, space, two queued messages = its quota
        m.refused(send("client", "svc", "3"), "MACH_SEND_NO_BUFFER");
        assertThat(m.usage("client")).isEqualTo(4);
    }

    @Test
    void aMessageWithABadRightOrReplyIsRefusedForThatEvenWhenTheQueueIsFull() {
        // GNU Mach: ipc_kmsg_copyin (header, then body) fails before ipc_mqueue_send looks at the queue limit
        Mach m = new Mach();
        m.ok(task("server", 10));
        m.ok(task("client", 10));
        m.ok(port("server", "svc", 1));
        m.ok(insert("server", "svc", MAKE_SEND, "client"));
        m.ok(send("client", "svc", "1"));
        m.refused(send("client", "svc", null, "2", null, List.of(item("nothing", COPY_SEND)), List.of()),
                "MACH_SEND_INVALID_RIGHT");
        m.refused(send("client", "svc", null, "2", item("nothing", MAKE_SEND_ONCE), List.of(), List.of()),
                "MACH_SEND_INVALID_REPLY");
        m.refused(send("client", "svc", null, "2", null, List.of(),
                List.of(new MachWorld.OolItem("nowhere", OolMode.COPY))), "MACH_SEND_INVALID_MEMORY");
        m.refused(send("client", "svc", "2"), "MACH_SEND_TIMED_OUT");
    }

    @Test
    void aReceivedSendRightPastTheLimitIsPeggedNotRefused() {
        // GNU Mach ipc_right_copyout with overflow (a received message): the count stays at the maximum
        Mach m = new Mach().clientServer();
        m.ok(port("client", "inbox", 5));
        m.ok(insert("client", "inbox", MAKE_SEND, "server"));
        m.ok(new MachAction.ModRefs("client", "svc", RightKind.SEND, MachWorld.SEND_UREFS_MAX - 1));
        m.ok(send("server", "inbox", null, "here", null, List.of(item("svc", MAKE_SEND)), List.of()));
        m.ok(receive("client", "inbox"));
        assertThat(m.entry("client", "svc").urefs()).isEqualTo(MachWorld.SEND_UREFS_MAX);
    }

    @Test
    void aDeadNameRequestOnADeadNameIsAnInvalidArgument() {
        // GNU Mach ipc_right_dnrequest: a dead name without 'immediate' is KERN_INVALID_ARGUMENT
        Mach m = new Mach().clientServer();
        m.ok(port("client", "notify"));
        m.ok(new MachAction.Destroy("server", "svc"));
        m.refused(new MachAction.RequestNotification("client", NotificationKind.DEAD_NAME, "svc", "notify"),
                "KERN_INVALID_ARGUMENT");
        m.refused(new MachAction.RequestNotification("client", NotificationKind.DEAD_NAME, "notify", "notify"),
                "KERN_INVALID_RIGHT");
    }

    @Test
    void receives() {
        Mach m = new Mach().clientServer();
        m.refused(receive("server", "nothing"), "MACH_RCV_INVALID_NAME");
        m.refused(receive("client", "svc"), "MACH_RCV_INVALID_NAME");
        m.refused(receive("server", "svc"), "MACH_RCV_TIMED_OUT");
        m.ok(new MachAction.AllocatePortSet("server", "set"));
        m.ok(new MachAction.MoveMember("server", "svc", "set"));
        m.refused(receive("server", "svc"), "MACH_RCV_IN_SET");
        m.refused(receive("server", "set"), "MACH_RCV_TIMED_OUT");
    }

    @Test
    void aReceiverWithoutRoomForACopiedPageIsRefusedAndTheMessageStays() {
        Mach m = new Mach();
        m.ok(task("server", 3));
        m.ok(task("client", 10));
        m.ok(port("server", "svc"));
        m.ok(insert("server", "svc", MAKE_SEND, "client"));
        m.ok(new MachAction.Region("client", "buf", "page"));
        m.ok(send("client", "svc", null, "", null, List.of(), List.of(new MachWorld.OolItem("buf", OolMode.COPY))));
        m.refused(receive("server", "svc"), "KERN_RESOURCE_SHORTAGE");
        assertThat(m.w().port("svc").queue()).hasSize(1);
    }
}
