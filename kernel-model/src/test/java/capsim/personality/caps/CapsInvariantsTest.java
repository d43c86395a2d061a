package capsim.personality.caps;

import static capsim.personality.caps.Caps.get;
import static capsim.personality.caps.Caps.put;
import static capsim.personality.caps.Caps.reply;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.CapType;
import capsim.kernel.Capability;
import capsim.kernel.check.Violation;
import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityException;
import capsim.personality.Session;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each CAPS invariant catches a step that breaks what it guards. */
class CapsInvariantsTest {

    /** A step that does something a correct CAPS kernel never does. */
    private record Broken(String text, Sabotage how) implements PersonalityAction<CapsWorld> {
        public String apply(CapsWorld w) throws PersonalityException {
            how.run(w);
            return "ok";
        }
    }

    private interface Sabotage {
        void run(CapsWorld w) throws PersonalityException;
    }

    private static List<String> broken(Caps c, String text, Sabotage how) {
        Session.Step s = c.session.step(new Broken(text, how));
        return s.violations().stream().map(Violation::invariant).toList();
    }

    private static Caps roundTripDone() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "hi"));
        c.expect(get("server", "echo"), "REQUEST");
        c.ok(reply("server", 1, "HI"));
        c.expect(get("client", "c1"), "REPLY");
        c.expect(get("server", "echo"), "DISPOSE");
        return c;
    }

    @Test
    void freedOnceCatchesADoubleFree() {
        Caps c = roundTripDone();
        assertThat(broken(c, "free msg1 again", w -> w.recordFreed(1))).contains("caps-freed-once");
    }

    @Test
    void freedOnceCatchesAMessageMarkedFreedButNeverFreed() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "hi"));
        assertThat(broken(c, "mark msg1 freed", w -> w.messages().get(1).freed())).contains("caps-freed-once");
    }

    @Test
    void inFlightLimitCatchesAPutPastTheLimit() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "x", CapsWorld.MAX_IN_FLIGHT + 1));
        assertThat(broken(c, "count one more", w -> w.ports().get("c1").sent())).contains("caps-in-flight-limit");
    }

    @Test
    void inFlightLimitCatchesACountThatForgetsAMessage() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "x", 2));
        assertThat(broken(c, "forget one", w -> w.ports().get("c1").replyRead())).contains("caps-in-flight-limit");
    }

    @Test
    void noLossCatchesADroppedRequest() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "x"));
        assertThat(broken(c, "drop the head", w -> w.services().get(1).take())).contains("caps-no-loss");
    }

    @Test
    void noLossCatchesAMessageInTwoPlaces() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "x"));
        assertThat(broken(c, "queue it twice", w -> w.services().get(1).enqueue(1))).contains("caps-no-loss");
    }

    @Test
    void noLossCatchesACloseThatForgetsPendingRequests() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "x"));
        assertThat(broken(c, "close and forget", w -> w.services().get(1).close())).contains("caps-no-loss");
    }

    @Test
    void credentialsCatchAForgedSender() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "x"));
        c.expect(get("server", "echo"), "REQUEST");
        LastGet real = c.w().processes().get("server").lastGet();
        LastGet forged = new LastGet(real.msg(), real.state(), real.length(), true, real.data(), new Credentials("client", 0, 0),
                null, real.frame());
        assertThat(broken(c, "forge root", w -> w.processes().get("server").setLastGet(forged))).contains("caps-credentials");
    }

    @Test
    void handOffCatchesAReadFromACopy() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "x"));
        assertThat(broken(c, "read a copy", w -> {
            int copy = w.kernel().boot().allocate(CapType.FRAME, w.processes().get("server").activity());
            CapsMessage m = w.messages().get(1);
            w.processes().get("server").setLastGet(new LastGet(1, MsgState.REQUEST, 1, true, "x", m.client(), null,
                    w.kernel().boot().cap(copy)));
        })).contains("caps-hand-off");
    }

    @Test
    void handOffCatchesASenderChangingItsQueuedMessage() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "x"));
        Capability frame = c.msg(1).request();
        assertThat(broken(c, "rewrite the frame", w -> w.kernel().boot().writeFrame(frame.oid(), new int[0],
                "longer".getBytes()))).contains("caps-hand-off");
    }

    @Test
    void senderPaysCatchesAQueueChargedToTheWrongProcess() {
        Caps c = Caps.echo();
        int q = c.w().ports().get("c1").queue();
        List<String> v = broken(c, "recharge the port", w -> {
            w.kernel().boot().free(q);
            int again = w.kernel().boot().allocate(CapType.MESSAGE_QUEUE, w.processes().get("server").activity());
            assertThat(again).as("the heap reuses the oid").isEqualTo(q);
        });
        assertThat(v).contains("caps-sender-pays");
    }

    @Test
    void senderPaysCatchesAFreedRequestFrame() {
        Caps c = Caps.echo();
        c.ok(put("client", "c1", "x"));
        int frame = c.msg(1).request().oid();
        assertThat(broken(c, "free the frame", w -> w.kernel().boot().free(frame)))
                .contains("caps-sender-pays", "caps-hand-off");
    }

    @Test
    void aCorrectStepBreaksNothing() {
        Caps c = roundTripDone();
        assertThat(broken(c, "nothing", w -> {
        })).isEmpty();
    }
}
