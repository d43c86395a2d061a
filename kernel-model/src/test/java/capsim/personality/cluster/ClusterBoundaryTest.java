package capsim.personality.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.CapPage;
import capsim.personality.Session;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The cluster's slot ranges each side of the bound: a capability goes to slots 1..255 and comes from them. */
class ClusterBoundaryTest {
    private final ClusterPersonality p = new ClusterPersonality();

    private Session<ClusterWorld> twoNodes() {
        Session<ClusterWorld> s = Session.checkingAll(p, p.newWorld());
        for (ClusterAction a : List.of(new ClusterAction.Thread("t", 0, 10), new ClusterAction.Thread("u", 1, 10),
                new ClusterAction.Frame("doc", "t", "page"), new ClusterAction.LinkUp("pipe", 6))) {
            expect(s, a, "ok");
        }
        return s;
    }

    private static Session.Step expect(Session<ClusterWorld> s, ClusterAction a, String outcome) {
        long before = s.world().fingerprint();
        Session.Step r = s.step(a);
        assertThat(r.outcome()).as(a.text() + ": " + r.refusal()).isEqualTo(outcome);
        assertThat(r.violations()).as(a.text()).isEmpty();
        if (r.refused()) {
            assertThat(s.world().fingerprint()).as("a refusal changes nothing").isEqualTo(before);
        }
        return r;
    }

    @Test
    void capabilitiesGoToSlotsOneTo255() {
        Session<ClusterWorld> s = twoNodes();
        expect(s, new ClusterAction.Send("t", "doc", "u", ClusterWorld.FIRST_FREE_SLOT - 1), "EINVAL");
        expect(s, new ClusterAction.Send("t", "doc", "u", CapPage.SLOTS), "EINVAL");
        expect(s, new ClusterAction.Send("t", "doc", "u", ClusterWorld.FIRST_FREE_SLOT), "ok");
        expect(s, new ClusterAction.Send("t", "doc", "u", CapPage.SLOTS - 1), "ok");
        assertThat(s.world().proxies(1)).isEqualTo(2);
        expect(s, new ClusterAction.Release("u", -1), "EINVAL");
        expect(s, new ClusterAction.Release("u", CapPage.SLOTS), "EINVAL");
        expect(s, new ClusterAction.Release("u", CapPage.SLOTS - 1), "ok");
        expect(s, new ClusterAction.Release("u", ClusterWorld.FIRST_FREE_SLOT), "ok");
        assertThat(s.world().proxies(1)).isZero();
    }

    @Test
    void aSourceSlotIsOneTo255AndLive() {
        Session<ClusterWorld> s = twoNodes();
        expect(s, new ClusterAction.Send("t", "slot 0", "u", 3), "EINVAL");
        expect(s, new ClusterAction.Send("t", "slot " + CapPage.SLOTS, "u", 3), "EINVAL");
        expect(s, new ClusterAction.Send("t", "slot " + (CapPage.SLOTS - 1), "u", 3), "EINVAL");
        expect(s, new ClusterAction.Send("t", "doc", "u", 3), "ok");
        expect(s, new ClusterAction.Send("u", "slot 3", "t", CapPage.SLOTS - 1), "ok");
    }
}
