package capsim.personality.caps;

import static capsim.personality.caps.Caps.close;
import static capsim.personality.caps.Caps.connect;
import static capsim.personality.caps.Caps.get;
import static capsim.personality.caps.Caps.process;
import static capsim.personality.caps.Caps.put;
import static capsim.personality.caps.Caps.reply;
import static capsim.personality.caps.Caps.service;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every CAPS error word, each provoked once, each leaving the world as it was. */
class CapsRefusalsTest {

    @Test
    void enobufsOnlyPastCapsMaxInProgAndTheCountDropsWhenTheClientReadsAReply() {
        // lwkt_caps.c caps_sys_put: refused when ci_cmsgcount > CAPS_MAXINPROG, so 129 fit; caps_process_msg lowers
        // the count when the client reads a REPLY, not when the message is freed.
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "x", CapsWorld.MAX_IN_FLIGHT + 1));
        assertThat(c.w().ports().get("c1").inFlight()).isEqualTo(129);
        c.refused(put("client", "c1", "one more"), "ENOBUFS");
        // reading a request or replying does not lower the count
        c.expect(get("server", "echo"), "REQUEST");
        c.ok(reply("server", 1, ""));
        c.refused(put("client", "c1", "one more"), "ENOBUFS");
        c.expect(get("client", "c1"), "REPLY");
        assertThat(c.w().ports().get("c1").inFlight()).isEqualTo(128);
        assertThat(c.msg(1).state()).as("its DISPOSE is not read yet").isEqualTo(MsgState.DISPOSE);
        c.ok(put("client", "c1", "one more"));
        assertThat(c.w().ports().get("c1").inFlight()).isEqualTo(129);
        c.refused(put("client", "c1", "and another"), "ENOBUFS");
    }

    @Test
    void anUnreadReplyTooBigForTheBufferStaysCounted() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "x", CapsWorld.MAX_IN_FLIGHT + 1));
        c.expect(get("server", "echo"), "REQUEST");
        c.ok(reply("server", 1, "long reply"));
        c.expect(get("client", "c1", 3), "TOOBIG");
        c.refused(put("client", "c1", "one more"), "ENOBUFS");
        c.expect(get("client", "c1"), "REPLY");
        c.ok(put("client", "c1", "one more"));
    }

    @Test
    void theLimitIsPerPort() {
        Caps c = Caps.echo();
        c.ok(connect("client", "echo", 0, 0, "c2"));
        c.ok(put("client", "c1", "x", 129));
        c.refused(put("client", "c1", "x"), "ENOBUFS");
        c.ok(put("client", "c2", "y"));
        assertThat(c.w().ports().get("c2").inFlight()).isEqualTo(1);
    }

    @Test
    void aPutOfManyIsAllOrNothing() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "x", 100));
        c.refused(put("client", "c1", "y", 30), "ENOBUFS");
        assertThat(c.w().ports().get("c1").inFlight()).isEqualTo(100);
        c.ok(put("client", "c1", "y", 29));
    }

    @Test
    void ewouldblockOnEmptyQueues() {
        Caps c = Caps.echo();
        c.refused(get("server", "echo"), "EWOULDBLOCK");
        c.refused(get("client", "c1"), "EWOULDBLOCK");
    }

    @Test
    void enotconnToPutsButEwouldblockToGetsWhenTheServiceIsGone() {
        Caps c = Caps.echo();
        c.ok(close("server", "echo"));
        c.refused(put("client", "c1", "hi"), "ENOTCONN");
        // lwkt_caps.c caps_sys_get: an empty queue is EWOULDBLOCK, whatever became of the service
        c.refused(get("client", "c1"), "EWOULDBLOCK");
        c.refused(connect("client", "echo", 0, 0, "c2"), "ENOENT");
    }

    @Test
    void enomemWhenTheSendersQuotaIsFull() {
        Caps c = new Caps();
        c.ok(process("server", 0, 0, 0));
        c.ok(service("server", "echo", 0, 0, Scope.WORLD));
        // quota 5: thread, cspace, port queue, two frames
        c.ok(process("client", 1000, 100, 5));
        c.ok(connect("client", "echo", 0, 0, "c1"));
        c.ok(put("client", "c1", "a", 2));
        c.refused(put("client", "c1", "b"), "ENOMEM");
        assertThat(c.w().usage("server")).as("the server pays nothing for queued requests").isEqualTo(3);
        c.refused(process("tiny", 1, 1, 1), "ENOMEM");
    }

    @Test
    void enomemWhenTheServersQuotaCannotHoldTheReply() {
        Caps c = new Caps();
        c.ok(process("server", 0, 0, 3));
        c.ok(service("server", "echo", 0, 0, Scope.WORLD));
        c.ok(process("client", 1000, 100, 0));
        c.ok(connect("client", "echo", 0, 0, "c1"));
        c.ok(put("client", "c1", "a"));
        c.expect(get("server", "echo"), "REQUEST");
        c.refused(reply("server", 1, "A"), "ENOMEM");
        assertThat(c.msg(1).state()).isEqualTo(MsgState.SERVING);
    }

    @Test
    void registrationRefusals() {
        Caps c = Caps.echo();
        c.refused(service("nobody", "x", 0, 0), "ESRCH");
        c.refused(service("client", "mine", 0, 0, Scope.USER), "EPERM");
        c.refused(service("client", "mine", 1000, 0, Scope.USER), "EPERM");
        c.ok(service("client", "mine", 1000, 100, Scope.USER));
        c.refused(service("server", "echo", 0, 0, Scope.USER), "EEXIST"); // the server's own name, used already
        c.ok(service("server", "c1", 0, 0)); // c1 is the client's port name, not the server's
        c.refused(service("client", "c1", 1000, 100), "EEXIST");
        // root registers under any ids; the same name under other ids is another service
        c.ok(service("server", "mine", 1000, 200, Scope.WORLD));
        c.refused(service("server", "mine", 7, 7, Scope.WORLD), "EEXIST");
        c.refused(process("client", 1, 1, 0), "EEXIST");
    }

    @Test
    void aTripleRegisteredTwiceShadowsUnlessExclIsAsked() {
        // lwkt_caps.c kern_caps_sys_service: EEXIST only with CAPF_EXCL; caps_find finds the newest registration
        Caps c = Caps.echo();
        c.ok(process("backup", 0, 0, 0));
        c.refused(service("backup", "echo", 0, 0, Scope.WORLD, Scope.EXCL), "EEXIST");
        c.ok(service("backup", "echo", 0, 0, Scope.WORLD));
        c.ok(connect("client", "echo", 0, 0, "c2"));
        assertThat(c.w().services().get(c.w().ports().get("c2").service()).owner()).isEqualTo("backup");
        assertThat(c.w().services().get(c.w().ports().get("c1").service()).owner()).isEqualTo("server");
        // closing the newest uncovers the older one
        c.ok(close("backup", "echo"));
        c.ok(connect("client", "echo", 0, 0, "c3"));
        assertThat(c.w().services().get(c.w().ports().get("c3").service()).owner()).isEqualTo("server");
    }

    @Test
    void connectRefusalsFollowTheScopeFlags() {
        Caps c = new Caps();
        c.ok(process("server", 1000, 100, 0));
        c.ok(process("same-user", 1000, 200, 0));
        c.ok(process("same-group", 1001, 100, 0));
        c.ok(process("stranger", 2000, 200, 0));
        c.ok(service("server", "u", 1000, 100, Scope.USER));
        c.ok(service("server", "g", 1000, 100, Scope.GROUP));
        c.ok(service("server", "w", 1000, 100, Scope.WORLD));
        c.ok(service("server", "closed", 1000, 100));
        c.ok(connect("same-user", "u", 1000, 100, "a1"));
        c.refused(connect("same-group", "u", 1000, 100, "a2"), "EACCES");
        c.ok(connect("same-group", "g", 1000, 100, "a3"));
        c.refused(connect("same-user", "g", 1000, 100, "a4"), "EACCES");
        c.refused(connect("stranger", "u", 1000, 100, "a5"), "EACCES");
        c.refused(connect("stranger", "g", 1000, 100, "a5"), "EACCES");
        c.ok(connect("stranger", "w", 1000, 100, "a5"));
        c.refused(connect("server", "closed", 1000, 100, "a6"), "EACCES");
        c.refused(connect("stranger", "w", 1000, 101, "a6"), "ENOENT");
        c.refused(connect("stranger", "w", 1000, 100, "a1"), "EEXIST");
        c.refused(connect("server", "w", 1000, 100, "u"), "EEXIST");
        c.refused(connect("ghost", "w", 1000, 100, "a7"), "ESRCH");
    }

    @Test
    void putGetAndCloseRefusals() {
        Caps c = Caps.echo();
        c.ok(process("other", 1000, 100, 0));
        // lwkt_caps.c caps_find_id: an id the thread does not hold is EINVAL; caps_sys_put: so is a service's id
        c.refused(put("other", "c1", "not mine"), "EINVAL");
        c.refused(put("client", "nope", "x"), "EINVAL");
        c.refused(put("server", "echo", "x"), "EINVAL");
        c.refused(put("ghost", "c1", "x"), "ESRCH");
        c.refused(put("client", "c1", "x".repeat(CapsWorld.MAX_MESSAGE + 1)), "EMSGSIZE");
        c.ok(put("client", "c1", "x".repeat(CapsWorld.MAX_MESSAGE)));
        c.refused(put("client", "c1", "x", 0), "EINVAL");
        c.refused(get("other", "echo"), "EINVAL");
        c.refused(get("other", "c1"), "EINVAL");
        c.refused(get("server", "echo", -1), "EINVAL");
        c.refused(close("other", "echo"), "EINVAL");
        c.refused(close("client", "echo"), "EINVAL");
        c.refused(close("ghost", "echo"), "ESRCH");
    }

    @Test
    void repliesAreAuthenticated() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "q"));
        c.refused(reply("server", 1, "too early"), "EINVAL");
        c.expect(get("server", "echo"), "REQUEST");
        // lwkt_caps.c caps_sys_reply: the message is looked for in the replier's own port, so another process's
        // reply does not find it: EINVAL
        c.refused(reply("client", 1, "forged"), "EINVAL");
        c.refused(reply("server", 9, "unknown"), "EINVAL");
        c.refused(reply("server", 1, "x".repeat(CapsWorld.MAX_MESSAGE + 1)), "EMSGSIZE");
        c.ok(reply("server", 1, "real"));
        c.refused(reply("server", 1, "twice"), "EINVAL");
        c.refused(reply("ghost", 1, "x"), "ESRCH");
    }

    @Test
    void emfileWhenTheCapabilityPageIsFull() {
        Caps c = Caps.echo();
        // slots 0 and 1 hold the thread and the activity, slot 2 holds c1: 253 more fit
        for (int i = 3; i < 256; i++) {
            c.ok(connect("client", "echo", 0, 0, "p" + i));
        }
        c.refused(connect("client", "echo", 0, 0, "p256"), "EMFILE");
        c.refused(service("client", "s", 1000, 100), "EMFILE");
        c.ok(close("client", "p7"));
        c.ok(connect("client", "echo", 0, 0, "p256"));
    }
}
