package capsim.personality.lwkt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.personality.PersonalityAction;
import capsim.personality.Session;
import capsim.personality.lwkt.LwktAction.NewMessage;
import capsim.personality.lwkt.LwktAction.NewPort;
import capsim.personality.lwkt.LwktAction.NewThread;
import capsim.personality.lwkt.LwktAction.SendSys;
import capsim.personality.lwkt.LwktAction.Tick;
import capsim.personality.lwkt.MsgPort.Agent;
import capsim.personality.lwkt.MsgPort.Arrival;
import org.junit.jupiter.api.Test;

/** LWKT's time at its edges: a sleep or a timer lasts at least one tick, and ends on exactly its tick, not before. */
class LwktBoundaryTest {
    private final LwktPersonality p = new LwktPersonality();
    private final Session<LwktWorld> s = Session.checkingAll(p, p.newWorld());

    private void run(PersonalityAction<LwktWorld> a) {
        Session.Step r = s.step(a);
        assertThat(r.outcome()).as(a.text() + " (" + r.refusal() + ")").isNotEqualTo(Session.CRASH);
        assertThat(r.refused()).as(a.text() + " (" + r.refusal() + ")").isFalse();
        assertThat(r.violations()).as(a.text()).isEmpty();
    }

    @Test
    void sleepsAndTimersLastAtLeastOneTick() {
        assertThat(new Call.Sleep(1).text()).isEqualTo("call sleep 1");
        assertThat(new Call.Timer(1).text()).isEqualTo("timer 1");
        assertThatThrownBy(() -> new Call.Sleep(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Call.Timer(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSleepOfNTicksEndsOnTheNthTick() {
        run(new NewThread("t1", 0));
        run(new NewPort("t1", "r", Agent.QUEUE, Arrival.QUEUE));
        run(new NewMessage("t1", "nap", new Call.Sleep(3), "r", true));
        run(new SendSys("t1", "nap"));
        run(new Tick(2));
        assertThat(s.world().sleeping()).as("two ticks of three").hasSize(1);
        assertThat(s.world().message("nap").owner()).isEqualTo("kernel");
        run(new Tick(1));
        assertThat(s.world().sleeping()).as("the third tick").isEmpty();
        assertThat(s.world().message("nap").owner()).isEqualTo("r");
    }

    @Test
    void aTimerOfPeriodNFiresOnEveryNthTick() {
        run(new NewThread("t1", 0));
        run(new NewPort("t1", "r", Agent.QUEUE, Arrival.UPCALL));
        run(new NewMessage("t1", "tm", new Call.Timer(3), "r", false));
        run(new SendSys("t1", "tm"));
        run(new Tick(2));
        assertThat(s.world().message("tm").returned()).isZero();
        run(new Tick(1));
        assertThat(s.world().message("tm").returned()).isEqualTo(1);
        run(new Tick(2));
        assertThat(s.world().message("tm").returned()).isEqualTo(1);
        run(new Tick(1));
        assertThat(s.world().message("tm").returned()).isEqualTo(2);
    }
}
