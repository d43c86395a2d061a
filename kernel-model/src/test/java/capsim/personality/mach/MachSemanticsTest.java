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
import capsim.kernel.Capability;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the operations do, beyond the library scenarios: counts, names, charges, notifications. */
class MachSemanticsTest {

    @Test
    void sendRightsCoalesceUnderOneNameAndCountOncePerSpace() {
        Mach m = new Mach().clientServer();
        assertThat(m.w().port("svc").srights()).isEqualTo(1);
        m.ok(insert("server", "svc", MAKE_SEND, "client"));
        assertThat(m.entry("client", "svc").urefs()).isEqualTo(2);
        assertThat(m.w().port("svc").srights()).isEqualTo(1);
        assertThat(m.w().port("svc").mscount()).isEqualTo(2);
        // moving one of two references carries a new right; the space keeps its own
        m.ok(port("client", "box"));
        m.ok(insert("client", "box", MAKE_SEND, null));
        m.ok(send("client", "box", null, "", null, List.of(item("svc", MOVE_SEND)), List.of()));
        assertThat(m.entry("client", "svc").urefs()).isEqualTo(1);
        assertThat(m.w().port("svc").srights()).isEqualTo(2);
        // received back into the same space it merges again
        m.ok(receive("client", "box"));
        assertThat(m.entry("client", "svc").urefs()).isEqualTo(2);
        assertThat(m.w().port("svc").srights()).isEqualTo(1);
        assertThat(m.w().task("client").received().get(0).rights()).containsExactly("svc:send");
    }

    @Test
    void eachSendOnceRightGetsItsOwnName() {
        Mach m = new Mach().clientServer();
        m.ok(insert("server", "svc", Disposition.MAKE_SEND_ONCE, "client"));
        m.ok(insert("server", "svc", Disposition.MAKE_SEND_ONCE, "client"));
        assertThat(m.w().task("client").names().keySet()).containsExactly("svc", "svc.2", "svc.3");
        assertThat(m.w().port("svc").sorights()).isEqualTo(2);
        assertThat(m.usage("server")).as("the maker prepays both pages").isEqualTo(2 + 1 + 2);
    }

    @Test
    void slotsHoldCapabilitiesToThePortsQueueAndDeadNamesHoldNothingLive() {
        Mach m = new Mach().clientServer();
        Task client = m.w().task("client");
        RightEntry e = m.entry("client", "svc");
        CapPage page = (CapPage) m.w().kernel().heap().get(client.space());
        Capability c = page.slot(e.slot());
        assertThat(c.oid()).isEqualTo(m.w().port("svc").queueObject());
        assertThat(c.rights().read()).as("a send right cannot receive").isFalse();
        m.ok(new MachAction.Destroy("server", "svc"));
        assertThat(m.w().kernel().designates(page.slot(e.slot()))).isFalse();
    }

    @Test
    void aReceiveRightChangesWhoPaysForThePortWhenReceived() {
        Mach m = new Mach().clientServer();
        m.ok(port("client", "inbox"));
        m.ok(insert("client", "inbox", MAKE_SEND, "server"));
        long server = m.usage("server");
        m.ok(send("server", "inbox", null, "take it", null, List.of(item("svc", MOVE_RECEIVE)), List.of()));
        assertThat(m.w().port("svc").receiver()).isNull();
        assertThat(m.usage("server")).as("the port and the message, still the sender's").isEqualTo(server + 1);
        m.ok(receive("client", "inbox"));
        assertThat(m.w().port("svc").receiver()).isEqualTo("client");
        assertThat(m.usage("server")).isEqualTo(server - 1);
        assertThat(m.entry("client", "svc").type()).isEqualTo("send-receive");
    }

    @Test
    void noSendersFiresWhenTheLastSendRightGoesAndOnlyThen() {
        Mach m = new Mach().clientServer();
        m.ok(port("server", "notify"));
        m.ok(new MachAction.RequestNotification("server", NotificationKind.NO_SENDERS, "svc", "notify"));
        m.ok(insert("client", "svc", COPY_SEND, null));
        m.ok(new MachAction.Deallocate("client", "svc"));
        assertThat(m.w().port("notify").queue()).isEmpty();
        m.ok(new MachAction.ModRefs("client", "svc", RightKind.SEND, -1));
        assertThat(m.w().port("notify").queue()).hasSize(1);
        assertThat(m.w().port("notify").queue().get(0).notification()).isEqualTo(NotificationKind.NO_SENDERS);
        assertThat(m.w().noSendersFired()).containsExactly("svc");
    }

    @Test
    void aNoSendersRequestWithASyncCountFiresAtOnceWhenThePortHasNoSendersAndSyncIsReached() {
        // GNU Mach ipc_port.c ipc_port_nsrequest: srights == 0 && sync <= mscount notifies at once
        Mach m = new Mach();
        m.ok(task("server", 20));
        m.ok(port("server", "svc"));
        m.ok(port("server", "notify"));
        m.ok(new MachAction.RequestNotification("server", NotificationKind.NO_SENDERS, "svc", "notify", 1));
        assertThat(m.w().port("notify").queue()).as("sync 1 > make-send count 0: armed").isEmpty();
        m.ok(new MachAction.RequestNotification("server", NotificationKind.NO_SENDERS, "svc", "notify", 0));
        assertThat(m.w().noSendersFired()).containsExactly("svc");
        assertThat(m.w().port("svc").noSenders()).isNull();
        // a port with senders is only armed, whatever the count
        m.ok(insert("server", "svc", MAKE_SEND, null));
        m.ok(new MachAction.RequestNotification("server", NotificationKind.NO_SENDERS, "svc", "notify", 0));
        assertThat(m.w().noSendersFired()).containsExactly("svc");
        m.ok(new MachAction.Deallocate("server", "svc"));
        assertThat(m.w().noSendersFired()).containsExactly("svc", "svc");
        m.refused(new MachAction.RequestNotification("server", NotificationKind.PORT_DESTROYED, "svc", "notify", 1),
                "KERN_INVALID_VALUE");
    }

    @Test
    void aReplacedRequestReleasesItsSendOnceRight() {
        Mach m = new Mach().clientServer();
        m.ok(port("server", "n1"));
        m.ok(port("server", "n2"));
        m.ok(new MachAction.RequestNotification("server", NotificationKind.NO_SENDERS, "svc", "n1"));
        m.ok(new MachAction.RequestNotification("server", NotificationKind.NO_SENDERS, "svc", "n2"));
        assertThat(m.w().port("n1").queue()).singleElement()
                .satisfies(msg -> assertThat(msg.notification()).isEqualTo(NotificationKind.SEND_ONCE));
        assertThat(m.w().soEnded()).containsEntry(1, "notified");
    }

    @Test
    void sendOnceRightsToADyingPortDieWithItAndTheirRequestsAreDropped() {
        Mach m = new Mach().clientServer();
        m.ok(port("server", "notify"));
        m.ok(new MachAction.RequestNotification("server", NotificationKind.NO_SENDERS, "svc", "notify"));
        m.ok(insert("server", "notify", MAKE_SEND_ONCE, "client"));
        long before = m.usage("server");
        m.ok(new MachAction.Destroy("server", "notify"));
        assertThat(m.w().soEnded()).containsEntry(1, "died").containsEntry(2, "died");
        assertThat(m.w().port("svc").noSenders()).isNull();
        assertThat(m.entry("client", "notify").type()).isEqualTo("dead-name");
        assertThat(m.usage("server")).as("the port and both prepaid pages are freed").isEqualTo(before - 3);
    }

    @Test
    void aDeadNameRequestGoesWithTheRightItWatches() {
        Mach m = new Mach().clientServer();
        m.ok(port("client", "notify"));
        m.ok(new MachAction.RequestNotification("client", NotificationKind.DEAD_NAME, "svc", "notify"));
        m.ok(new MachAction.Deallocate("client", "svc"));
        assertThat(m.w().port("svc").deadName()).isEmpty();
        // GNU Mach ipc_right_dealloc: ipc_notify_port_deleted through the request's send-once right
        assertThat(m.w().port("notify").queue()).singleElement()
                .satisfies(msg -> assertThat(msg.notification()).isEqualTo(NotificationKind.PORT_DELETED));
        assertThat(m.w().soEnded()).containsValue("used");
    }

    @Test
    void aRightToAPortThatDiedInTransitArrivesDead() {
        Mach m = new Mach().clientServer();
        m.ok(port("client", "box"));
        m.ok(port("client", "other"));
        m.ok(insert("client", "other", MAKE_SEND_ONCE, null));
        m.ok(send("client", "box", MAKE_SEND, "", null,
                List.of(item("svc", COPY_SEND), item("other.2", Disposition.MOVE_SEND_ONCE)), List.of()));
        m.ok(new MachAction.Destroy("server", "svc"));
        m.ok(new MachAction.Destroy("client", "other"));
        m.ok(receive("client", "box"));
        assertThat(m.w().task("client").received().get(0).rights()).containsExactly("DEAD", "DEAD");
    }

    @Test
    void portSetReceivesInArrivalOrderAcrossMembers() {
        Mach m = new Mach().clientServer();
        m.ok(port("server", "two"));
        m.ok(insert("server", "two", MAKE_SEND, "client"));
        m.ok(new MachAction.AllocatePortSet("server", "set"));
        m.ok(new MachAction.MoveMember("server", "svc", "set"));
        m.ok(new MachAction.MoveMember("server", "two", "set"));
        m.ok(send("client", "two", "a"));
        m.ok(send("client", "svc", "b"));
        m.ok(send("client", "two", "c"));
        m.ok(receive("server", "set"));
        m.ok(receive("server", "set"));
        m.ok(receive("server", "set"));
        assertThat(m.w().task("server").received()).extracting(Received::data).containsExactly("a", "b", "c");
        m.ok(new MachAction.Destroy("server", "set"));
        assertThat(m.w().port("svc").set()).isNull();
        m.refused(receive("server", "svc"), "MACH_RCV_TIMED_OUT");
    }

    @Test
    void theSameStepsGiveTheSameWorld() {
        Mach a = new Mach().clientServer();
        Mach b = new Mach().clientServer();
        for (Mach m : List.of(a, b)) {
            m.ok(send("client", "svc", "x"));
            m.ok(receive("server", "svc"));
        }
        assertThat(a.w().fingerprint()).isEqualTo(b.w().fingerprint());
        assertThat(a.w().stateText()).isEqualTo(b.w().stateText());
        assertThat(a.w().copy().stateText()).isEqualTo(a.w().stateText());
    }

    @Test
    void detailsDescribeThePersonalitysObjects() {
        Mach m = new Mach().clientServer();
        m.ok(send("client", "svc", "hi"));
        MachWorld w = m.w();
        assertThat(w.details(w.port("svc").queueObject())).contains("receiver server", "queued 1/5");
        assertThat(w.details(w.port("svc").queue().get(0).frame())).contains("\"hi\"");
        assertThat(w.details(w.task("client").activity())).contains("task client");
        assertThat(w.roles()).containsValue("port").containsValue("message").containsValue("ipc-space");
    }
}
