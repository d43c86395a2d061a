package capsim.personality.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import capsim.personality.PersonalityChecker;
import capsim.personality.Session;
import capsim.stream.Item;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two kernels over the link: the seed-004 life cycle, the cut, and each invariant catching a broken world. */
class ClusterWorldTest {
    private final ClusterPersonality p = new ClusterPersonality();

    private Session<ClusterWorld> twoNodes() {
        Session<ClusterWorld> s = Session.checkingAll(p, p.newWorld());
        for (ClusterAction a : List.of(new ClusterAction.Thread("t", 0, 10), new ClusterAction.Thread("u", 1, 10),
                new ClusterAction.Frame("doc", "t", "page"), new ClusterAction.LinkUp("pipe", 6))) {
            Session.Step r = s.step(a);
            assertEquals("ok", r.outcome(), a.text() + ": " + r.refusal());
        }
        return s;
    }

    private static void ok(Session<ClusterWorld> s, ClusterAction a) {
        Session.Step r = s.step(a);
        assertEquals("ok", r.outcome(), a.text() + ": " + r.refusal());
        assertTrue(r.violations().isEmpty(), a.text() + ": " + r.violations());
    }

    @Test
    void cuttingTheLinkMidTransactionEndsEveryTransactionWithLostLinkAndLeavesNothing() {
        Session<ClusterWorld> s = twoNodes();
        ok(s, new ClusterAction.Send("t", "doc", "u", 2));
        ok(s, new ClusterAction.Request("t", "r1", "u", null));
        ok(s, new ClusterAction.Request("t", "r2", "u", "r1"));
        ok(s, new ClusterAction.Request("u", "r3", "t", null));
        ClusterWorld w = s.world();
        assertEquals(3, w.openTransactions(0));
        assertEquals(3, w.openTransactions(1));
        assertEquals(1, w.proxies(1));
        ok(s, new ClusterAction.Cut());
        w = s.world();
        for (String r : List.of("r1", "r2", "r3")) {
            assertEquals("lost", w.requestState(r), r);
            assertEquals(1, w.requests.get(r).told, r);
        }
        for (int node = 0; node < 2; node++) {
            assertEquals(0, w.openTransactions(node));
            assertEquals(0, w.references(node));
            assertEquals(0, w.proxies(node));
        }
        assertEquals("void", assertSlot(w, "u", 2));
        // The children were told before their parent.
        List<String> told = w.events().stream().filter(e -> e.contains("lost with the link")).toList();
        assertTrue(told.indexOf("a: t told: r2 lost with the link") < told.indexOf("a: t told: r1 lost with the link"), told.toString());
    }

    private static String assertSlot(ClusterWorld w, String thread, int slot) {
        try {
            return w.slotHolds(thread, slot);
        } catch (capsim.personality.PersonalityException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aCopyIsTheSameWorldAndIndependentOfIt() {
        Session<ClusterWorld> s = twoNodes();
        ok(s, new ClusterAction.Send("t", "doc", "u", 2));
        ok(s, new ClusterAction.Request("t", "r1", "u", null));
        ClusterWorld copy = s.world().copy();
        assertEquals(s.world().fingerprint(), copy.fingerprint());
        ok(s, new ClusterAction.Cut());
        assertEquals("waiting", copy.requestState("r1"));
        assertEquals("lost", s.world().requestState("r1"));
    }

    @Test
    void refusalsNameTheReasonAndChangeNothing() {
        Session<ClusterWorld> s = twoNodes();
        ok(s, new ClusterAction.Request("t", "r", "u", null));
        refused(s, new ClusterAction.Send("t", "doc", "t", 3), "EINVAL");
        refused(s, new ClusterAction.Send("t", "nothing", "u", 3), "ENOENT");
        refused(s, new ClusterAction.Answer("t", "r"), "EPERM");
        refused(s, new ClusterAction.Request("t", "r", "u", null), "EEXIST");
        refused(s, new ClusterAction.LinkUp("pipe", 6), "EISCONN");
        ok(s, new ClusterAction.Cut());
        refused(s, new ClusterAction.Cut(), "ENOTCONN");
        refused(s, new ClusterAction.Send("t", "doc", "u", 3), "ENOTCONN");
        // The kernel model does no I/O: a socket transport must come from outside.
        refused(s, new ClusterAction.LinkUp("tcp", 6), "ENOTSUP");
        ok(s, new ClusterAction.LinkUp("pipe", 6));
    }

    private static void refused(Session<ClusterWorld> s, ClusterAction a, String code) {
        long before = s.world().fingerprint();
        Session.Step r = s.step(a);
        assertEquals(code, r.outcome(), a.text());
        assertTrue(r.events().isEmpty(), a.text() + " logged " + r.events());
        assertEquals(before, s.world().fingerprint(), a.text() + " changed the world");
    }

    @Test
    void noStateAfterCutCatchesATransactionLeftOpenOnADeadLink() {
        Session<ClusterWorld> s = twoNodes();
        ok(s, new ClusterAction.Cut());
        ClusterWorld w = s.world();
        ClusterWorld broken = w.copy();
        broken.end(0).transactions().start(ClusterWorld.REQUEST, List.of(), null);
        assertNotNull(new NoStateAfterCut().check(w, broken, null, "ok"));
        assertNull(new NoStateAfterCut().check(w, w, null, "ok"));
    }

    @Test
    void waitersToldCatchesARequesterToldTwiceOrNever() {
        Session<ClusterWorld> s = twoNodes();
        ok(s, new ClusterAction.Request("t", "r", "u", null));
        ok(s, new ClusterAction.Answer("u", "r"));
        ClusterWorld w = s.world();
        assertNull(new WaitersTold().check(w, w, null, "ok"));
        w.requests.get("r").told = 2;
        assertTrue(new WaitersTold().check(w, w, null, "ok").contains("told 2 times"));
        w.requests.get("r").told = 0;
        w.requests.get("r").state = Request.State.WAITING;
        assertTrue(new WaitersTold().check(w, w, null, "ok").contains("never told"));
    }

    @Test
    void referenceCountsCatchAnExportWithoutAProxy() {
        Session<ClusterWorld> s = twoNodes();
        ok(s, new ClusterAction.Send("t", "doc", "u", 2));
        ClusterWorld w = s.world();
        assertNull(new ReferenceCounts().check(w, w, null, "ok"));
        Item.Reference extra = w.end(0).references().export(1, w.objects.get("doc").oid());
        assertEquals(w.objects.get("doc").oid(), extra.objectId());
        assertTrue(new ReferenceCounts().check(w, w, null, "ok").contains("2 references"));
    }

    @Test
    void theCheckerHoldsEveryInvariantOverRandomClusterRuns() {
        PersonalityChecker.Result r = PersonalityChecker.run(p, 30, 11, 30, List.of(), null);
        assertTrue(r.held(), () -> r.counterexample().toString());
        assertTrue(r.outcomes().getOrDefault("ok", 0L) > r.steps() / 3, r.outcomes().toString());
        assertTrue(r.outcomes().containsKey("ENOTCONN"), r.outcomes().toString());
    }
}
