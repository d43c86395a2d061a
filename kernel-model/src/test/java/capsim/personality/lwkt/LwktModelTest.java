package capsim.personality.lwkt;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.personality.PersonalityAction;
import capsim.personality.Session;
import capsim.personality.lwkt.LwktAction.Abort;
import capsim.personality.lwkt.LwktAction.DoMsg;
import capsim.personality.lwkt.LwktAction.EnterCritical;
import capsim.personality.lwkt.LwktAction.ExitCritical;
import capsim.personality.lwkt.LwktAction.FlushSys;
import capsim.personality.lwkt.LwktAction.Free;
import capsim.personality.lwkt.LwktAction.GetMsg;
import capsim.personality.lwkt.LwktAction.NewMessage;
import capsim.personality.lwkt.LwktAction.NewPort;
import capsim.personality.lwkt.LwktAction.NewThread;
import capsim.personality.lwkt.LwktAction.Reply;
import capsim.personality.lwkt.LwktAction.Send;
import capsim.personality.lwkt.LwktAction.SendSys;
import capsim.personality.lwkt.LwktAction.Signal;
import capsim.personality.lwkt.LwktAction.Tick;
import capsim.personality.lwkt.LwktAction.WaitSys;
import capsim.personality.lwkt.LwktAction.Write;
import capsim.personality.lwkt.MsgPort.Agent;
import capsim.personality.lwkt.MsgPort.Arrival;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LWKT personality driven through a {@link Session} checking every invariant, one behaviour per test. */
class LwktModelTest {
    private final LwktPersonality p = new LwktPersonality();
    private Session<LwktWorld> s;

    @BeforeEach
    void fresh() {
        s = Session.checkingAll(p, p.newWorld());
    }

    /** Runs a step that must hold every invariant; returns its outcome. */
    private String run(PersonalityAction<LwktWorld> a) {
        Session.Step r = s.step(a);
        assertThat(r.violations()).as(a.text()).isEmpty();
        return r.outcome();
    }

    /** Runs a step that must be refused with {@code code} and leave the world as it was. */
    private void refused(PersonalityAction<LwktWorld> a, String code) {
        long before = s.world().fingerprint();
        Session.Step r = s.step(a);
        assertThat(r.outcome()).as(a.text() + " (" + r.refusal() + ")").isEqualTo(code);
        assertThat(r.refused()).isTrue();
        assertThat(r.violations()).isEmpty();
        assertThat(s.world().fingerprint()).as("a refused step changes nothing").isEqualTo(before);
    }

    private LwktWorld w() {
        return s.world();
    }

    private String owner(String m) {
        return w().message(m).owner();
    }

    private Set<MsgFlag> flags(String m) {
        return w().flags(w().message(m));
    }

    /** t1 (reply port r, silent) and t2 (request port p with the given agent). */
    private void clientServer(Agent agent, Arrival replyArrival) {
        assertThat(run(new NewThread("t1", 0))).isEqualTo("ok");
        run(new NewThread("t2", 0));
        run(new NewPort("t2", "p", agent, Arrival.QUEUE));
        run(new NewPort("t1", "r", Agent.QUEUE, replyArrival));
        run(new NewMessage("t1", "m", null, "r", false));
    }

    @Test
    void aQueuingAgentReturnsEasyncAndTheMessageTravelsOwnerToOwner() {
        clientServer(Agent.QUEUE, Arrival.QUEUE);
        assertThat(owner("m")).isEqualTo("t1");
        assertThat(run(new Send("t1", "m", "p"))).isEqualTo("EASYNC");
        assertThat(owner("m")).isEqualTo("p");
        assertThat(w().port("p").queue()).containsExactly("m");
        assertThat(flags("m")).containsExactly(MsgFlag.QUEUED);
        assertThat(w().events()).anyMatch(e -> e.equals("msg m: EASYNC, queued on port p (owner now p)"));
        run(new GetMsg("t2", "p"));
        assertThat(owner("m")).isEqualTo("t2");
        assertThat(run(new Reply("t2", "m", "ok"))).isEqualTo("ok");
        assertThat(owner("m")).isEqualTo("r");
        assertThat(flags("m")).isEqualTo(EnumSet.of(MsgFlag.QUEUED, MsgFlag.DONE, MsgFlag.REPLY));
        run(new GetMsg("t1", "r"));
        assertThat(owner("m")).isEqualTo("t1");
        assertThat(w().message("m").result()).isEqualTo("ok");
        refused(new GetMsg("t1", "r"), "EWOULDBLOCK");
    }

    @Test
    void aSynchronousAgentCompletesAtOnceAndSendRepliesOntoTheReplyPort() {
        clientServer(Agent.SYNC, Arrival.QUEUE);
        assertThat(run(new Send("t1", "m", "p"))).isEqualTo("ok");
        assertThat(w().port("p").queue()).isEmpty();
        assertThat(owner("m")).isEqualTo("r");
        run(new GetMsg("t1", "r"));
        // domsg of a synchronous completion comes straight back: no queueing at all.
        assertThat(run(new DoMsg("t1", "m", "p"))).isEqualTo("ok");
        assertThat(owner("m")).isEqualTo("t1");
        assertThat(w().port("r").queue()).isEmpty();
        assertThat(flags("m")).containsExactlyInAnyOrder(MsgFlag.DONE, MsgFlag.REPLY);
    }

    @Test
    void domsgBlocksOnlyWhenTheAgentQueuesAndWakesOnTheReply() {
        clientServer(Agent.QUEUE, Arrival.QUEUE);
        assertThat(run(new DoMsg("t1", "m", "p"))).isEqualTo("BLOCKED");
        assertThat(w().thread("t1").waiting()).isEqualTo(new LwktThread.Wait("domsg", "m"));
        refused(new EnterCritical("t1"), "EBUSY");
        run(new GetMsg("t2", "p"));
        run(new Reply("t2", "m", "EIO"));
        assertThat(w().thread("t1").waiting()).isNull();
        assertThat(owner("m")).as("a synchronous reply skips the reply port").isEqualTo("t1");
        assertThat(w().port("r").queue()).isEmpty();
        assertThat(w().message("m").result()).isEqualTo("EIO");
        assertThat(w().events()).contains("t1 wakes: m is done (result EIO)");
    }

    @Test
    void onlyTheOwnerTouchesAMessage() {
        clientServer(Agent.QUEUE, Arrival.QUEUE);
        refused(new Send("t2", "m", "p"), "EPERM");
        run(new Write("t1", "m", "hello"));
        run(new Send("t1", "m", "p"));
        refused(new Write("t1", "m", "changed in flight"), "EPERM");
        refused(new Send("t1", "m", "p"), "EPERM");
        refused(new Free("t1", "m"), "EPERM");
        refused(new Reply("t1", "m", "ok"), "EPERM");
        refused(new GetMsg("t1", "p"), "EPERM");
        run(new GetMsg("t2", "p"));
        run(new Write("t2", "m", "answer"));
        refused(new Free("t2", "m"), "EPERM");
        run(new Reply("t2", "m", "ok"));
        refused(new Write("t2", "m", "too late"), "EPERM");
        run(new GetMsg("t1", "r"));
        long usage = w().usage("t1");
        run(new Free("t1", "m"));
        assertThat(w().message("m")).isNull();
        assertThat(w().usage("t1")).isEqualTo(usage - 1);
    }

    @Test
    void anUpcallIsHeldInACriticalSectionUntilFlushsys() {
        clientServer(Agent.SYNC, Arrival.UPCALL);
        run(new EnterCritical("t1"));
        run(new EnterCritical("t1"));
        assertThat(run(new Send("t1", "m", "p"))).isEqualTo("ok");
        assertThat(w().thread("t1").upcalls()).isZero();
        assertThat(w().thread("t1").deferred()).containsExactly("m");
        assertThat(owner("m")).isEqualTo("r");
        refused(new FlushSys("t1"), "EBUSY");
        run(new ExitCritical("t1"));
        run(new ExitCritical("t1"));
        assertThat(w().events()).anyMatch(e -> e.contains("leaves its last critical section with 1 upcall(s) flagged"));
        refused(new ExitCritical("t1"), "EINVAL");
        assertThat(w().thread("t1").upcalls()).isZero();
        run(new FlushSys("t1"));
        assertThat(w().thread("t1").upcalls()).isEqualTo(1);
        assertThat(w().thread("t1").deferred()).isEmpty();
        assertThat(owner("m")).isEqualTo("t1");
        // Outside a critical section the upcall comes at once.
        run(new Send("t1", "m", "p"));
        assertThat(w().thread("t1").upcalls()).isEqualTo(2);
        run(new FlushSys("t1"));
        assertThat(w().events().get(w().events().size() - 1)).isEqualTo("t1 flushsys: nothing held");
    }

    @Test
    void takingAHeldMessageOffThePortDropsItsUpcall() {
        clientServer(Agent.SYNC, Arrival.UPCALL);
        run(new EnterCritical("t1"));
        run(new Send("t1", "m", "p"));
        run(new GetMsg("t1", "r"));
        assertThat(w().thread("t1").deferred()).isEmpty();
        run(new ExitCritical("t1"));
        run(new FlushSys("t1"));
        assertThat(w().thread("t1").upcalls()).isZero();
    }

    @Test
    void aSignalMessageIsReturnedAgainAndAgainUntilAborted() {
        run(new NewThread("t1", 0));
        run(new NewPort("t1", "r", Agent.QUEUE, Arrival.QUEUE));
        run(new NewMessage("t1", "sig", new Call.Signal("INT"), "r", false, true));
        assertThat(flags("sig")).containsExactlyInAnyOrder(MsgFlag.ASYNC, MsgFlag.PERSISTENT, MsgFlag.ABORTABLE);
        assertThat(run(new SendSys("t1", "sig"))).isEqualTo("EASYNC");
        assertThat(owner("sig")).isEqualTo("kernel");
        run(new Signal("t1", "INT"));
        assertThat(w().port("r").queue()).containsExactly("sig");
        assertThat(w().message("sig").returned()).isEqualTo(1);
        run(new Signal("t1", "INT"));
        run(new Signal("t1", "INT"));
        assertThat(w().port("r").queue()).as("coalesced, never queued twice").containsExactly("sig");
        assertThat(w().armed("sig").overruns()).isEqualTo(2);
        run(new GetMsg("t1", "r"));
        assertThat(owner("sig")).as("re-armed").isEqualTo("kernel");
        assertThat(w().armed("sig").overruns()).as("reported with the return taken, then reset").isZero();
        run(new Signal("t1", "HUP"));
        assertThat(w().port("r").queue()).isEmpty();
        run(new Signal("t1", "INT"));
        assertThat(w().message("sig").returned()).isEqualTo(2);
        run(new Abort("t1", "sig"));
        assertThat(w().armed("sig")).isNull();
        assertThat(flags("sig")).contains(MsgFlag.ABORT);
        assertThat(run(new Abort("t1", "sig"))).as("asking again does nothing more").isEqualTo("ok");
        assertThat(w().message("sig").returned()).isEqualTo(2);
        run(new Signal("t1", "INT"));
        assertThat(w().message("sig").returned()).isEqualTo(2);
        run(new GetMsg("t1", "r"));
        assertThat(owner("sig")).isEqualTo("t1");
        assertThat(flags("sig")).contains(MsgFlag.DONE);
        run(new Signal("t1", "INT"));
        assertThat(w().events().get(w().events().size() - 1)).contains("no signal message armed: ignored");
        run(new Free("t1", "sig"));
        refused(new Signal("nobody", "INT"), "ESRCH");
    }

    @Test
    void anArmedTimerAbortedInTheKernelIsReturnedALastTimeWithEcanceled() {
        run(new NewThread("t1", 0));
        run(new NewPort("t1", "r", Agent.QUEUE, Arrival.UPCALL));
        run(new NewMessage("t1", "tm", new Call.Timer(2), "r", false, true));
        run(new SendSys("t1", "tm"));
        run(new Tick(5));
        assertThat(w().thread("t1").upcalls()).isEqualTo(2);
        assertThat(w().message("tm").returned()).isEqualTo(2);
        assertThat(owner("tm")).isEqualTo("kernel");
        run(new Abort("t1", "tm"));
        assertThat(w().thread("t1").upcalls()).isEqualTo(3);
        assertThat(owner("tm")).isEqualTo("t1");
        assertThat(w().message("tm").result()).isEqualTo("ECANCELED");
        run(new Tick(4));
        assertThat(w().thread("t1").upcalls()).isEqualTo(3);
        run(new Abort("t1", "tm"));
        assertThat(w().thread("t1").upcalls()).as("a done message is not aborted again").isEqualTo(3);
    }

    @Test
    void abortIsAdvisory() {
        clientServer(Agent.QUEUE, Arrival.QUEUE);
        run(new Free("t1", "m"));
        run(new NewMessage("t1", "m", null, "r", false, true));
        // lwkt_abortmsg: a message never sent is DONE, so nothing happens
        assertThat(run(new Abort("t1", "m"))).isEqualTo("ok");
        assertThat(flags("m")).doesNotContain(MsgFlag.ABORT);
        run(new Send("t1", "m", "p"));
        refused(new Abort("t2", "m"), "EPERM");
        // Still queued: the port takes it back before its owner saw it.
        run(new Abort("t1", "m"));
        assertThat(owner("m")).isEqualTo("r");
        assertThat(w().message("m").result()).isEqualTo("ECANCELED");
        assertThat(run(new Abort("t1", "m"))).as("done: nothing happens").isEqualTo("ok");
        assertThat(owner("m")).isEqualTo("r");
        run(new GetMsg("t1", "r"));
        // Taken by the server: only a request, which the server may ignore.
        run(new Send("t1", "m", "p"));
        run(new GetMsg("t2", "p"));
        run(new Abort("t1", "m"));
        assertThat(flags("m")).contains(MsgFlag.ABORT);
        assertThat(owner("m")).isEqualTo("t2");
        run(new Reply("t2", "m", "ok"));
        assertThat(w().message("m").result()).isEqualTo("ok");
        run(new GetMsg("t1", "r"));
        run(new Send("t1", "m", "p"));
        assertThat(flags("m")).as("a new trip forgets the old request").doesNotContain(MsgFlag.ABORT);
    }

    @Test
    void abortDoesNothingToAMessageThatIsNotAbortable() {
        // lwkt_msgport.c lwkt_abortmsg: without MSGF_ABORTABLE the abort function is never called
        clientServer(Agent.QUEUE, Arrival.QUEUE);
        run(new Send("t1", "m", "p"));
        assertThat(run(new Abort("t1", "m"))).isEqualTo("ok");
        assertThat(owner("m")).as("still queued at the server's port").isEqualTo("p");
        assertThat(w().port("p").queue()).containsExactly("m");
        assertThat(flags("m")).doesNotContain(MsgFlag.ABORT);
        assertThat(w().message("m").result()).isNotEqualTo("ECANCELED");
        run(new NewMessage("t1", "nap", new Call.Sleep(2), "r", true));
        run(new SendSys("t1", "nap"));
        run(new Abort("t1", "nap"));
        assertThat(w().sleeping()).as("the sleep goes on").hasSize(1);
        assertThat(owner("nap")).isEqualTo("kernel");
    }

    @Test
    void systemCallsCompleteAtOnceOrLaterAsTheMessageAsks() {
        run(new NewThread("t1", 0));
        run(new NewPort("t1", "r", Agent.QUEUE, Arrival.QUEUE));
        run(new NewMessage("t1", "pid", new Call.Getpid(), "r", false));
        run(new NewMessage("t1", "nap", new Call.Sleep(2), "r", true));
        run(new NewMessage("t1", "doze", new Call.Sleep(1), "r", false));
        run(new NewMessage("t1", "plain", null, "r", false));
        assertThat(run(new SendSys("t1", "pid"))).isEqualTo("ok");
        assertThat(owner("pid")).as("synchronous: straight back").isEqualTo("t1");
        assertThat(run(new SendSys("t1", "nap"))).isEqualTo("EASYNC");
        assertThat(w().port("kernel").queue()).containsExactly("nap");
        assertThat(run(new WaitSys("t1", "nap"))).isEqualTo("BLOCKED");
        run(new Tick(1));
        assertThat(w().thread("t1").waiting()).isNotNull();
        run(new Tick(1));
        assertThat(w().thread("t1").waiting()).isNull();
        assertThat(owner("nap")).isEqualTo("t1");
        assertThat(run(new SendSys("t1", "doze"))).isEqualTo("BLOCKED");
        run(new Tick(1));
        assertThat(owner("doze")).isEqualTo("t1");
        assertThat(w().port("r").queue()).isEmpty();
        refused(new SendSys("t1", "plain"), "EINVAL");
        refused(new Send("t1", "pid", "kernel"), "EINVAL");
    }

    @Test
    void abortingASleepingCallEndsItAtOnce() {
        run(new NewThread("t1", 0));
        run(new NewPort("t1", "r", Agent.QUEUE, Arrival.QUEUE));
        run(new NewMessage("t1", "nap", new Call.Sleep(5), "r", true, true));
        run(new SendSys("t1", "nap"));
        run(new Abort("t1", "nap"));
        assertThat(w().sleeping()).isEmpty();
        assertThat(w().port("kernel").queue()).isEmpty();
        assertThat(owner("nap")).isEqualTo("r");
        assertThat(w().message("nap").result()).isEqualTo("ECANCELED");
    }

    @Test
    void waitsysOnAPortTakesWhatArrivesFirst() {
        clientServer(Agent.QUEUE, Arrival.UPCALL);
        run(new Send("t1", "m", "p"));
        assertThat(run(new WaitSys("t1", "r"))).isEqualTo("BLOCKED");
        run(new GetMsg("t2", "p"));
        run(new Reply("t2", "m", "ok"));
        assertThat(owner("m")).isEqualTo("t1");
        assertThat(w().thread("t1").upcalls()).as("the waiter took it: no upcall").isZero();
        assertThat(run(new WaitSys("t1", "m"))).as("already back").isEqualTo("ok");
        refused(new WaitSys("t2", "r"), "EPERM");
        refused(new WaitSys("t1", "nothing"), "ENOENT");
    }

    @Test
    void aMessageWithoutAReplyPortGoesBackToItsSender() {
        run(new NewThread("t1", 0));
        run(new NewThread("t2", 0));
        run(new NewPort("t2", "p", Agent.QUEUE, Arrival.QUEUE));
        run(new NewMessage("t1", "m", null, null, false));
        run(new Send("t1", "m", "p"));
        assertThat(run(new WaitSys("t1", "m"))).isEqualTo("BLOCKED");
        run(new GetMsg("t2", "p"));
        run(new Reply("t2", "m", "ok"));
        assertThat(owner("m")).isEqualTo("t1");
        assertThat(w().thread("t1").waiting()).isNull();
    }

    @Test
    void theDoubleBufferedHandOffSwapsThePageAndTheSenderPaysForBothUntilTheWrite() {
        run(new NewThread("t1", 4));
        run(new NewPort("t1", "r", Agent.QUEUE, Arrival.QUEUE));
        run(new NewMessage("t1", "buf", new Call.Stage(), "r", false));
        run(new Write("t1", "buf", "page one"));
        int first = w().message("buf").frame().oid();
        assertThat(w().usage("t1")).isEqualTo(3);
        assertThat(run(new SendSys("t1", "buf"))).isEqualTo("ok");
        assertThat(owner("buf")).isEqualTo("t1");
        assertThat(w().message("buf").frame().oid()).isNotEqualTo(first);
        assertThat(w().staged()).hasSize(1);
        assertThat(w().usage("t1")).isEqualTo(4);
        // A second hand-off before the write-out needs a fifth page: refused, nothing changed.
        refused(new SendSys("t1", "buf"), "ENOMEM");
        run(new Tick(1));
        assertThat(w().staged()).isEmpty();
        assertThat(w().usage("t1")).isEqualTo(3);
        assertThat(run(new SendSys("t1", "buf"))).isEqualTo("ok");
    }

    @Test
    void quotasRefuseWithEnomem() {
        run(new NewThread("t1", 2));
        run(new NewPort("t1", "r", Agent.QUEUE, Arrival.QUEUE));
        refused(new NewMessage("t1", "m", null, "r", false), "ENOMEM");
        refused(new NewPort("t1", "r2", Agent.QUEUE, Arrival.QUEUE), "ENOMEM");
    }

    @Test
    void badDeclarationsAndCallsAreRefused() {
        refused(new NewThread("kernel", 0), "EINVAL");
        refused(new NewThread("t1", -1), "EINVAL");
        run(new NewThread("t1", 0));
        refused(new NewThread("t1", 0), "EEXIST");
        refused(new NewPort("t9", "p", Agent.QUEUE, Arrival.QUEUE), "ENOENT");
        refused(new NewPort("t1", "t1", Agent.QUEUE, Arrival.QUEUE), "EEXIST");
        refused(new NewPort("t1", "k", Agent.KERNEL, Arrival.QUEUE), "EINVAL");
        run(new NewPort("t1", "p", Agent.QUEUE, Arrival.QUEUE));
        refused(new NewMessage("t1", "m", null, "nowhere", false), "ENOENT");
        refused(new NewMessage("t1", "m", null, "kernel", false), "EINVAL");
        refused(new NewMessage("t1", "s", new Call.Signal("INT"), null, false), "EINVAL");
        run(new NewMessage("t1", "m", null, "p", false));
        refused(new DoMsg("t1", "m", "p"), "EDEADLK");
        refused(new Reply("t1", "m", "ok"), "EINVAL");
        refused(new Send("t1", "m", "nowhere"), "ENOENT");
        refused(new Send("t1", "ghost", "p"), "ENOENT");
        refused(new Write("t1", "m", "x".repeat(5000)), "EINVAL");
        refused(new Tick(0), "EINVAL");
        run(new NewMessage("t1", "sig", new Call.Signal("INT"), "p", false));
        refused(new Send("t1", "sig", "p"), "EINVAL");
        refused(new WaitSys("t1", "sig"), "EINVAL");
    }

    @Test
    void replayingARunGivesTheSameWorld() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        java.util.List<PersonalityAction<LwktWorld>> steps = new java.util.ArrayList<>(p.randomSetup(rnd));
        LwktWorld a = p.newWorld();
        Session<LwktWorld> first = Session.unchecked(p, a);
        steps.forEach(first::step);
        for (int i = 0; i < 60; i++) {
            PersonalityAction<LwktWorld> step = p.randomStep(first.world(), rnd);
            steps.add(step);
            first.step(step);
        }
        Session<LwktWorld> second = Session.unchecked(p, p.newWorld());
        steps.forEach(second::step);
        assertThat(second.world().fingerprint()).isEqualTo(first.world().fingerprint());
        assertThat(second.world().stateText()).isEqualTo(first.world().stateText());
        LwktWorld copy = first.world().copy();
        assertThat(copy.stateText()).isEqualTo(first.world().stateText());
    }

    @Test
    void detailsAndRolesDescribeTheObjectsForDiagrams() {
        clientServer(Agent.QUEUE, Arrival.UPCALL);
        run(new Send("t1", "m", "p"));
        LwktWorld w = w();
        int page = w.message("m").frame().oid();
        assertThat(w.details(page)).contains("owner: p", "flags: QUEUED");
        assertThat(w.details(w.port("p").queueCap().oid())).contains("owner: t2", "queued: m");
        assertThat(w.details(w.thread("t1").thread().oid())).contains("running");
        assertThat(w.roles()).containsEntry(page, "message").containsEntry(w.port("p").queueCap().oid(), "port");
        assertThat(w.names()).containsEntry(page, "m");
        assertThat(p.roles()).extracting(capsim.personality.Role::name)
                .containsExactly("activity", "thread", "port", "system-port", "message", "staged-page");
        assertThat(p.roles()).extracting(capsim.personality.Role::fill).doesNotHaveDuplicates();
    }
}
