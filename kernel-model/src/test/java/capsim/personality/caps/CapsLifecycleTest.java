package capsim.personality.caps;

import static capsim.personality.caps.Caps.close;
import static capsim.personality.caps.Caps.connect;
import static capsim.personality.caps.Caps.get;
import static capsim.personality.caps.Caps.process;
import static capsim.personality.caps.Caps.put;
import static capsim.personality.caps.Caps.reply;
import static capsim.personality.caps.Caps.service;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.CapPage;
import capsim.kernel.CapType;
import capsim.kernel.Frame;
import capsim.kernel.KernelObject;
import org.junit.jupiter.api.Test;

class CapsLifecycleTest {

    @Test
    void requestReplyDisposeRoundTripFreesTheMessageOnce() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "hello"));
        CapsMessage m = c.msg(1);
        assertThat(m.state()).isEqualTo(MsgState.REQUEST);
        assertThat(c.w().ports().get("c1").inFlight()).isEqualTo(1);
        c.expect(get("server", "echo"), "REQUEST");
        assertThat(c.w().processes().get("server").lastGet().data()).isEqualTo("hello");
        assertThat(c.msg(1).state()).isEqualTo(MsgState.SERVING);
        c.ok(reply("server", 1, "HELLO"));
        assertThat(c.msg(1).state()).isEqualTo(MsgState.REPLY);
        c.expect(get("client", "c1"), "REPLY");
        assertThat(c.w().processes().get("client").lastGet().data()).isEqualTo("HELLO");
        assertThat(c.msg(1).state()).as("reading the reply sends it back").isEqualTo(MsgState.DISPOSE);
        assertThat(c.w().services().get(1).waiting()).containsExactly(1);
        c.expect(get("server", "echo"), "DISPOSE");
        assertThat(c.msg(1).state()).isEqualTo(MsgState.FREED);
        assertThat(c.w().freedLog()).containsExactly(1);
        assertThat(c.w().ports().get("c1").inFlight()).isZero();
        assertThat(c.w().kernel().heap().lookup(m.request())).as("the request frame is gone").isNull();
        c.refused(get("server", "echo"), "EWOULDBLOCK");
    }

    @Test
    void theServerReadsTheFrameTheClientFilledNothingIsCopiedBefore() {
        Caps c = Caps.echo();
        int liveBefore = c.w().kernel().heap().liveCount();
        c.ok(put("client", "c1", "lazy"));
        assertThat(c.w().kernel().heap().liveCount()).as("one frame, nothing else").isEqualTo(liveBefore + 1);
        CapsMessage m = c.msg(1);
        KernelObject frame = c.w().kernel().heap().lookup(m.request());
        assertThat(frame).isInstanceOf(Frame.class);
        assertThat(frame.chargedTo()).as("the client pays while it is queued")
                .isEqualTo(c.w().processes().get("client").activity());
        c.expect(get("server", "echo"), "REQUEST");
        LastGet g = c.w().processes().get("server").lastGet();
        assertThat(g.frame()).as("the server read the very frame the client filled").isEqualTo(m.request());
        assertThat(c.w().kernel().heap().liveCount()).isEqualTo(liveBefore + 1);
        assertThat(c.events()).anyMatch(e -> e.contains("read 4 bytes from frame #" + m.request().oid()));
    }

    @Test
    void replyFrameIsChargedToTheServerAndUsageReturnsAfterDispose() {
        Caps c = Caps.echo();
        long client0 = c.w().usage("client");
        long server0 = c.w().usage("server");
        c.ok(put("client", "c1", "x", 3));
        assertThat(c.w().usage("client")).isEqualTo(client0 + 3);
        c.expect(get("server", "echo"), "REQUEST");
        c.ok(reply("server", 1, "y"));
        assertThat(c.w().usage("server")).isEqualTo(server0 + 1);
        c.expect(get("client", "c1"), "REPLY");
        c.expect(get("server", "echo"), "REQUEST");
        c.expect(get("server", "echo"), "REQUEST");
        c.expect(get("server", "echo"), "DISPOSE");
        assertThat(c.w().usage("server")).isEqualTo(server0);
        assertThat(c.w().usage("client")).isEqualTo(client0 + 2);
    }

    @Test
    void everyMessageCarriesItsSendersCredentials() {
        Caps c = Caps.echo();
        c.ok(process("bob", 1001, 100, 0));
        c.ok(connect("bob", "echo", 0, 0, "c2"));
        c.ok(put("client", "c1", "a"));
        c.ok(put("bob", "c2", "b"));
        c.expect(get("server", "echo"), "REQUEST");
        assertThat(c.w().processes().get("server").lastGet().from()).isEqualTo(new Credentials("client", 1000, 100));
        c.expect(get("server", "echo"), "REQUEST");
        assertThat(c.w().processes().get("server").lastGet().from()).isEqualTo(new Credentials("bob", 1001, 100));
        c.ok(reply("server", 2, "to bob"));
        c.expect(get("bob", "c2"), "REPLY");
        assertThat(c.w().processes().get("bob").lastGet().from()).isEqualTo(new Credentials("server", 0, 0));
        c.refused(get("client", "c1"), "EWOULDBLOCK");
        assertThat(c.events()).anyMatch(e -> e.contains("msg 2: bob put 1 bytes on c2 to service echo (uid 0 gid 0) as bob (uid 1001 gid 100)"));
    }

    @Test
    void anOversizedMessageStaysQueuedWithItsLengthReported() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "twelve bytes"));
        c.expect(get("server", "echo", 4), "TOOBIG");
        LastGet g = c.w().processes().get("server").lastGet();
        assertThat(g.length()).isEqualTo(12);
        assertThat(g.read()).isFalse();
        assertThat(c.w().services().get(1).waiting()).containsExactly(1);
        c.expect(get("server", "echo", 12), "REQUEST");
        c.ok(reply("server", 1, "0123456789"));
        c.expect(get("client", "c1", 9), "TOOBIG");
        assertThat(c.w().processes().get("client").lastGet().length()).isEqualTo(10);
        c.expect(get("client", "c1", 10), "REPLY");
    }

    @Test
    void closingTheServiceRepliesToPendingRequestsAndFreesDisposes() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "one"));
        c.ok(put("client", "c1", "two"));
        c.ok(put("client", "c1", "three"));
        c.expect(get("server", "echo"), "REQUEST");
        c.ok(reply("server", 1, "ONE"));
        c.expect(get("client", "c1"), "REPLY");
        c.expect(get("server", "echo"), "REQUEST"); // msg2 now being served; the dispose of msg1 waits behind msg3
        c.ok(close("server", "echo"));
        assertThat(c.msg(1).state()).as("the dispose is freed").isEqualTo(MsgState.FREED);
        assertThat(c.msg(2).state()).isEqualTo(MsgState.REPLY);
        assertThat(c.msg(3).state()).isEqualTo(MsgState.REPLY);
        assertThat(c.msg(3).status()).isEqualTo("ENOTCONN");
        assertThat(c.w().ports().get("c1").replies()).containsExactly(3, 2);
        c.refused(put("client", "c1", "four"), "ENOTCONN");
        c.expect(get("client", "c1"), "REPLY");
        assertThat(c.msg(3).state()).as("no service to dispose to: freed").isEqualTo(MsgState.FREED);
        c.expect(get("client", "c1"), "REPLY");
        c.refused(get("client", "c1"), "EWOULDBLOCK");
        assertThat(c.w().ports().get("c1").inFlight()).isZero();
        assertThat(c.w().freedLog()).containsExactly(1, 3, 2);
        // the name is free again
        c.ok(service("server", "echo", 0, 0, Scope.WORLD));
    }

    @Test
    void closingThePortFreesItsUnreadMessagesAndDisposesWhatIsBeingServed() {
        // lwkt_caps.c caps_sys_close -> caps_term(..., CAPKF_FLUSH|CAPKF_RCAPS): the port's unread replies and its
        // unread requests are freed, its requests being served become DISPOSEs at once, and a later reply is EINVAL.
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "a"));
        c.ok(put("client", "c1", "b"));
        c.ok(put("client", "c1", "c"));
        c.expect(get("server", "echo"), "REQUEST");
        c.expect(get("server", "echo"), "REQUEST");
        c.ok(reply("server", 1, "A"));
        long serverUsage = c.w().usage("server");
        int portQueue = c.w().ports().get("c1").queue();
        c.ok(close("client", "c1"));
        assertThat(c.w().kernel().heap().get(portQueue)).as("the port's queue is freed").isNull();
        CapPage cs = (CapPage) c.w().kernel().heap().get(c.w().processes().get("client").cspace());
        assertThat(cs.slot(c.w().ports().get("c1").slot()).isVoid()).isTrue();
        assertThat(c.msg(1).state()).as("the unread reply").isEqualTo(MsgState.FREED);
        assertThat(c.msg(3).state()).as("the unread request").isEqualTo(MsgState.FREED);
        assertThat(c.msg(2).state()).as("the request being served").isEqualTo(MsgState.DISPOSE);
        assertThat(c.w().services().get(1).waiting()).containsExactly(2);
        assertThat(c.w().services().get(1).serving()).isEmpty();
        assertThat(c.w().usage("server")).as("the unread reply's frame is freed").isEqualTo(serverUsage - 1);
        c.refused(reply("server", 2, "B"), "EINVAL");
        c.expect(get("server", "echo"), "DISPOSE");
        assertThat(c.msg(2).state()).isEqualTo(MsgState.FREED);
        c.refused(get("server", "echo"), "EWOULDBLOCK");
        c.refused(put("client", "c1", "c"), "EINVAL");
        c.refused(close("client", "c1"), "EINVAL");
    }

    @Test
    void closingThePortAlsoFreesItsDisposesStillQueuedAtTheService() {
        // caps_term with cflush = the port frees every message of the port at the service, DISPOSEs included
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "a"));
        c.expect(get("server", "echo"), "REQUEST");
        c.ok(reply("server", 1, "A"));
        c.expect(get("client", "c1"), "REPLY");
        assertThat(c.msg(1).state()).isEqualTo(MsgState.DISPOSE);
        c.ok(close("client", "c1"));
        assertThat(c.msg(1).state()).isEqualTo(MsgState.FREED);
        c.refused(get("server", "echo"), "EWOULDBLOCK");
    }

    @Test
    void manyClientsShareOneServiceInArrivalOrder() {
        Caps c = Caps.echo();
        for (int i = 2; i <= 4; i++) {
            c.ok(process("p" + i, 1000 + i, 100, 0));
            c.ok(connect("p" + i, "echo", 0, 0, "c" + i));
        }
        c.ok(put("p3", "c3", "3"));
        c.ok(put("client", "c1", "1"));
        c.ok(put("p2", "c2", "2"));
        assertThat(c.w().services().get(1).waiting()).containsExactly(1, 2, 3);
        for (int id = 1; id <= 3; id++) {
            c.expect(get("server", "echo"), "REQUEST");
            c.ok(reply("server", id, "r" + id));
        }
        c.expect(get("p3", "c3"), "REPLY");
        assertThat(c.w().processes().get("p3").lastGet().data()).isEqualTo("r1");
        c.refused(get("p3", "c3"), "EWOULDBLOCK");
        c.expect(get("p2", "c2"), "REPLY");
        assertThat(c.w().processes().get("p2").lastGet().msg()).isEqualTo(3);
    }

    @Test
    void objectsAreKernelObjectsWithRolesAndDetails() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "hi"));
        CapsWorld w = c.w();
        Service s = w.services().get(1);
        assertThat(w.kernel().heap().get(s.queue()).type()).isEqualTo(CapType.MESSAGE_QUEUE);
        assertThat(w.roles().get(s.queue())).isEqualTo("service");
        assertThat(w.names().get(s.queue())).isEqualTo("echo");
        assertThat(w.roles().get(w.messages().get(1).request().oid())).isEqualTo("request");
        assertThat(w.roles().get(w.processes().get("client").activity())).isEqualTo("process");
        assertThat(w.details(s.queue())).contains("queued: msg1 REQUEST");
        assertThat(w.details(w.ports().get("c1").queue())).contains("1 in flight");
        for (String role : w.roles().values()) {
            assertThat(c.personality.roles()).anyMatch(r -> r.name().equals(role));
        }
        assertThat(w.stateText()).isEqualTo(w.copy().stateText());
    }
}
