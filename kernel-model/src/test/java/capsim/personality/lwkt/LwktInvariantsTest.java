package capsim.personality.lwkt;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.check.Violation;
import capsim.personality.PersonalityAction;
import capsim.personality.Personalities;
import capsim.personality.PersonalityException;
import capsim.personality.PersonalityInvariant;
import capsim.personality.Session;
import capsim.personality.lwkt.LwktAction.EnterCritical;
import capsim.personality.lwkt.LwktAction.NewMessage;
import capsim.personality.lwkt.LwktAction.NewPort;
import capsim.personality.lwkt.LwktAction.NewThread;
import capsim.personality.lwkt.LwktAction.Send;
import capsim.personality.lwkt.LwktAction.SendSys;
import capsim.personality.lwkt.LwktAction.Signal;
import capsim.personality.lwkt.MsgPort.Agent;
import capsim.personality.lwkt.MsgPort.Arrival;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each LWKT invariant catches a world a broken design step leaves, and names what broke. */
class LwktInvariantsTest {
    private final LwktPersonality p = new LwktPersonality();
    private Session<LwktWorld> s;

    /** A step of a broken design: does whatever {@code body} does to the world, as one step. */
    private record Broken(String text, Body body) implements PersonalityAction<LwktWorld> {
        interface Body {
            void apply(LwktWorld w) throws PersonalityException;
        }

        public String apply(LwktWorld w) throws PersonalityException {
            w.beginStep();
            body.apply(w);
            return "ok";
        }
    }

    @BeforeEach
    void world() {
        s = Session.checkingAll(p, p.newWorld());
        for (PersonalityAction<LwktWorld> a : List.<PersonalityAction<LwktWorld>>of(new NewThread("t1", 0), new NewThread("t2", 0),
                new NewPort("t2", "p", Agent.QUEUE, Arrival.QUEUE), new NewPort("t1", "r", Agent.QUEUE, Arrival.UPCALL),
                new NewPort("t1", "r2", Agent.QUEUE, Arrival.QUEUE), new NewMessage("t1", "m", null, "r", false),
                new NewMessage("t1", "sig", new Call.Signal("INT"), "r2", false))) {
            assertThat(s.step(a).violations()).isEmpty();
        }
    }

    private List<String> broken(PersonalityAction<LwktWorld> a) {
        return s.step(a).violations().stream().map(Violation::invariant).toList();
    }

    private String message(PersonalityAction<LwktWorld> a, String invariant) {
        return s.step(a).violations().stream().filter(v -> v.invariant().equals(invariant)).findFirst()
                .map(Violation::message).orElse(null);
    }

    @Test
    void theCatalogueNamesAreLowerCaseWithDashesAndUnique() {
        List<String> names = p.invariants().stream().map(PersonalityInvariant::name).toList();
        assertThat(names).containsExactly("lwkt-ownership", "lwkt-no-upcall-in-critical", "lwkt-persistent-single-queue",
                "lwkt-paid-for");
        assertThat(Personalities.invariantNames(p)).doesNotHaveDuplicates();
        names.forEach(n -> assertThat(n).matches("[a-z]+(-[a-z]+)*"));
        p.invariants().forEach(i -> assertThat(i.description()).isNotBlank());
        assertThat(Personalities.byName("lwkt")).isPresent();
    }

    @Test
    void ownershipCatchesAnOwnerChangedWithoutAHandOver() {
        assertThat(message(new Broken("steal m", w -> w.forceOwner("m", "t2")), "lwkt-ownership"))
                .isEqualTo("m's owner became t2 without a hand-over (the owner was t1)");
    }

    @Test
    void ownershipCatchesATouchByANonOwner() {
        assertThat(message(new Broken("t2 scribbles on m", w -> w.touch(w.message("m"), "t2")), "lwkt-ownership"))
                .isEqualTo("t2 touches m while t1 owns it");
    }

    @Test
    void ownershipCatchesAHandOverByANonOwner() {
        assertThat(s.step(new Send("t1", "m", "p")).violations()).isEmpty();
        assertThat(message(new Broken("t1 takes m back", w -> w.hand(w.message("m"), "t1", "t1")), "lwkt-ownership"))
                .isEqualTo("t1 hands m to t1 while p owns it");
    }

    @Test
    void ownershipCatchesAQueueThatDisagreesWithTheOwner() {
        assertThat(message(new Broken("queue m behind t1's back", w -> w.forceEnqueue("p", "m")), "lwkt-ownership"))
                .isEqualTo("m is owned by thread t1 but queued on [p]");
    }

    @Test
    void noUpcallInCriticalCatchesAnUpcallPushedIntoACriticalSection() {
        assertThat(s.step(new EnterCritical("t1")).violations()).isEmpty();
        assertThat(message(new Broken("upcall regardless", w -> w.forceUpcall("t1", "m")), "lwkt-no-upcall-in-critical"))
                .isEqualTo("upcall to t1 with m inside a critical section (depth 1)");
    }

    @Test
    void noUpcallInCriticalCatchesAnUpcallThatBypassedTheLog() {
        assertThat(broken(new Broken("count an upcall", w -> w.thread("t1").countUpcall())))
                .contains("lwkt-no-upcall-in-critical");
    }

    @Test
    void persistentSingleQueueCatchesASignalQueuedTwice() {
        assertThat(s.step(new SendSys("t1", "sig")).outcome()).isEqualTo("EASYNC");
        assertThat(s.step(new Signal("t1", "INT")).violations()).isEmpty();
        assertThat(message(new Broken("return it again", w -> w.forceEnqueue("r2", "sig")),
                "lwkt-persistent-single-queue")).isEqualTo("persistent sig is queued 2 times: on [r2, r2]");
        assertThat(broken(new Broken("return it elsewhere too", w -> w.forceEnqueue("p", "sig"))))
                .contains("lwkt-persistent-single-queue", "lwkt-ownership");
    }

    @Test
    void paidForCatchesAMessageWhosePageWasFreed() {
        assertThat(message(new Broken("free m's page", w -> w.forceFreeFrame("m")), "lwkt-paid-for"))
                .startsWith("message m is named by frame#");
    }

    @Test
    void aRefusedStepIsNotCheckedAgainstAStaleLog() {
        // The world's log still holds the previous step's facts; a refused step must not be judged by them.
        assertThat(s.step(new Send("t1", "m", "p")).violations()).isEmpty();
        Session.Step r = s.step(new Send("t1", "m", "p"));
        assertThat(r.outcome()).isEqualTo("EPERM");
        assertThat(r.violations()).isEmpty();
    }
}
