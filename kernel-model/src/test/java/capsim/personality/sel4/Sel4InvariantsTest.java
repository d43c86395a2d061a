package capsim.personality.sel4;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityException;
import capsim.personality.Session;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each invariant holds over a correct step and catches a step made wrong by hand (the after-world corrupted). */
class Sel4InvariantsTest {
    private Sel4World w;
    private final Sel4Personality p = new Sel4Personality();

    /** server and client with CSpaces (CPtr n = slot n), an endpoint, a service endpoint, an untyped for the server. */
    @BeforeEach
    void system() throws PersonalityException {
        Session<Sel4World> s = Session.checkingAll(p, p.newWorld());
        for (String line : List.of("server", "client", "eve")) {
            step(s, new Sel4Action.DeclareObject(line, "tcb", 0));
            step(s, new Sel4Action.DeclareObject(line + "_cs", "cnode", 4));
            step(s, new Sel4Action.DeclareCap(new Slot(line, Tcb.CTABLE), line + "_cs", CapRights.ALL, 0, 0, 60));
            step(s, new Sel4Action.DeclareCap(new Slot(line + "_cs", 2), line + "_cs", CapRights.ALL, 0, 0, 60));
        }
        step(s, new Sel4Action.DeclareObject("ep", "ep", 0));
        step(s, new Sel4Action.DeclareObject("svc", "ep", 0));
        step(s, new Sel4Action.DeclareObject("ut", "ut", 12));
        step(s, new Sel4Action.DeclareCap(new Slot("server_cs", 1), "ep", CapRights.ALL, 0, 0, 0));
        step(s, new Sel4Action.DeclareCap(new Slot("server_cs", 3), "svc", CapRights.ALL, 0, 0, 0));
        step(s, new Sel4Action.DeclareCap(new Slot("server_cs", 4), "ut", CapRights.ALL, 0, 0, 0));
        step(s, new Sel4Action.DeclareCap(new Slot("client_cs", 1), "ep", new CapRights(false, true, false, true), 5, 0, 0));
        step(s, new Sel4Action.DeclareCap(new Slot("eve_cs", 1), "ep", new CapRights(false, true, false, false), 6, 0, 0));
        w = s.world();
    }

    private static void step(Session<Sel4World> s, PersonalityAction<Sel4World> a) {
        Session.Step r = s.step(a);
        assertThat(r.violations()).as(a.text()).isEmpty();
        assertThat(r.refused()).as(a.text() + ": " + r.refusal()).isFalse();
    }

    private String check(PersonalityInvariantName inv, Sel4World after, PersonalityAction<Sel4World> a) {
        return inv.invariant.check(w, after, a, "ok");
    }

    private enum PersonalityInvariantName {
        CDT(new CdtConsistent()), DANGLING(new NoDanglingCap()), REPLY(new ReplyOnce()), QUEUES(new QueuesConsistent()),
        UNTYPED(new UntypedChildren()), AUTHORITY(new AuthorityConfinement());

        final capsim.personality.PersonalityInvariant<Sel4World> invariant;

        PersonalityInvariantName(capsim.personality.PersonalityInvariant<Sel4World> i) {
            this.invariant = i;
        }
    }

    private Sel4World run(PersonalityAction<Sel4World> a) throws PersonalityException {
        Sel4World after = w.copy();
        a.apply(after);
        return after;
    }

    @Test
    void correctStepsKeepEveryInvariant() throws PersonalityException {
        PersonalityAction<Sel4World> copy = new Sel4Action.CNodeOp("server", Sel4World.CNodeOp.COPY, 2, 6, 1, null, CapRights.ALL, null, null, null);
        Sel4World after = run(copy);
        for (PersonalityInvariantName i : PersonalityInvariantName.values()) {
            assertThat(check(i, after, copy)).as(i.name()).isNull();
        }
    }

    @Test
    void cdtCatchesADerivedCapWithoutParentAndARevokeThatMissesOne() throws PersonalityException {
        PersonalityAction<Sel4World> copy = new Sel4Action.CNodeOp("server", Sel4World.CNodeOp.COPY, 2, 6, 1, null, CapRights.ALL, null, null, null);
        Sel4World after = run(copy);
        ((CNode) after.object("server_cs")).slots.put(7L, Cap.to(CapKind.ENDPOINT, "ep"));
        assertThat(check(PersonalityInvariantName.CDT, after, copy)).contains("server_cs[7]").contains("without a CDT parent");

        w = run(copy);
        PersonalityAction<Sel4World> revoke = new Sel4Action.DeleteOrRevoke("server", true, 2, 1);
        Sel4World revoked = run(revoke);
        assertThat(check(PersonalityInvariantName.CDT, revoked, revoke)).isNull();
        ((CNode) revoked.object("server_cs")).slots.put(6L, Cap.to(CapKind.ENDPOINT, "ep"));
        assertThat(check(PersonalityInvariantName.CDT, revoked, revoke)).contains("left its descendant server_cs[6]");
        Sel4World tooMuch = run(revoke);
        ((CNode) tooMuch.object("server_cs")).slots.remove(3L);
        assertThat(check(PersonalityInvariantName.CDT, tooMuch, revoke)).contains("outside its subtree");
    }

    @Test
    void noDanglingCatchesACapabilityToADestroyedObject() throws PersonalityException {
        PersonalityAction<Sel4World> del = new Sel4Action.DeleteOrRevoke("server", false, 2, 3);
        Sel4World after = run(del);
        assertThat(after.object("svc")).isNull();
        assertThat(check(PersonalityInvariantName.DANGLING, after, del)).isNull();
        ((CNode) after.object("client_cs")).slots.put(9L, Cap.to(CapKind.ENDPOINT, "svc"));
        assertThat(check(PersonalityInvariantName.DANGLING, after, del)).contains("whose object is gone");
    }

    @Test
    void replyOnceCatchesAReplyCapabilityToAThreadNotWaiting() throws PersonalityException {
        PersonalityAction<Sel4World> recv = new Sel4Action.Recv("server", "recv", 1, -1);
        w = run(recv);
        PersonalityAction<Sel4World> call = new Sel4Action.Send("client", "call", 1, Message.EMPTY);
        Sel4World after = run(call);
        assertThat(after.cap(new Slot("server", Tcb.CALLER))).isNotNull();
        assertThat(check(PersonalityInvariantName.REPLY, after, call)).isNull();
        after.tcb("client").state = ThreadState.RUNNING;
        assertThat(check(PersonalityInvariantName.REPLY, after, call)).contains("not waiting for a reply");
        w = run(call);
        PersonalityAction<Sel4World> reply = new Sel4Action.Reply("server", Message.EMPTY);
        Sel4World replied = run(reply);
        assertThat(check(PersonalityInvariantName.REPLY, replied, reply)).isNull();
        replied.tcb("server").slots[(int) Tcb.CALLER] = w.cap(new Slot("server", Tcb.CALLER));
        assertThat(check(PersonalityInvariantName.REPLY, replied, reply)).isNotNull();
    }

    @Test
    void queuesCatchARunningThreadInAQueue() throws PersonalityException {
        PersonalityAction<Sel4World> send = new Sel4Action.Send("client", "send", 1, Message.EMPTY);
        Sel4World after = run(send);
        assertThat(check(PersonalityInvariantName.QUEUES, after, send)).isNull();
        after.tcb("client").state = ThreadState.RUNNING;
        assertThat(check(PersonalityInvariantName.QUEUES, after, send)).contains("client is in ep's SEND queue but is running");
    }

    @Test
    void untypedCatchesOverlappingChildren() throws PersonalityException {
        PersonalityAction<Sel4World> retype = new Sel4Action.Retype("server", 4, ObjectType.ENDPOINT, 0, 2, 8, 2, "e");
        Sel4World after = run(retype);
        assertThat(check(PersonalityInvariantName.UNTYPED, after, retype)).isNull();
        after.object("e_1").base = after.object("e_0").base;
        assertThat(check(PersonalityInvariantName.UNTYPED, after, retype)).contains("overlap");
    }

    @Test
    void authorityCatchesACapabilityNoGrantPathAllows() throws PersonalityException {
        PersonalityAction<Sel4World> send = new Sel4Action.Send("eve", "send", 1, Message.EMPTY);
        Sel4World after = run(send);
        assertThat(check(PersonalityInvariantName.AUTHORITY, after, send)).isNull();
        ((CNode) after.object("eve_cs")).slots.put(9L, Cap.to(CapKind.ENDPOINT, "svc"));
        assertThat(check(PersonalityInvariantName.AUTHORITY, after, send)).contains("eve now holds endpoint svc");
        // the client can be given svc in a reply (it calls with GrantReply) if the server receives with grant
        assertThat(Authority.closure(w).reaches("client", "svc")).isTrue();
        assertThat(Authority.closure(w).reaches("eve", "svc")).isFalse();
    }
}
