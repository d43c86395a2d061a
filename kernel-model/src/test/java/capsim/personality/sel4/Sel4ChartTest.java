package capsim.personality.sel4;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.personality.PersonalityAction;
import capsim.personality.SequenceMap.Arrow;
import capsim.personality.SequenceMap.Kind;
import capsim.personality.SequenceMap.Lifeline;
import capsim.personality.SequenceMap.Reader;
import capsim.personality.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

class Sel4ChartTest {
    private static Lifeline tcb(String name) {
        return new Lifeline(0, "tcb", name);
    }

    /** The arrows one run's event lines become, read in order by one reader. */
    private static List<Arrow> read(Sel4World w, List<String> events) {
        Reader<Sel4World> r = new Sel4Chart().reader();
        List<Arrow> out = new ArrayList<>();
        for (String e : events) {
            out.addAll(r.arrows(0, e, w));
        }
        return out;
    }

    @Test
    void aRendezvousIsOneArrowToTheReceiverCarryingWhatArrivedAndTheReplyGoesBack() {
        List<Arrow> a = read(new Sel4World(), List.of(
                "server receives on ep: waits in its receive queue",
                "client calls ep (badge 42): server was waiting",
                "server got 3 words label 7 badge 42, 1 capabilities",
                "server holds a reply capability to client",
                "client got 1 words label 0 badge 0",
                "server replied to client; the reply capability is used up"));
        assertThat(a).containsExactly(
                new Arrow(tcb("server"), new Lifeline(0, "ep", "ep"), "Recv: waits", Kind.NOTE),
                new Arrow(tcb("client"), tcb("server"), "Call via ep, badge 42: 3 words, label 7, 1 cap", Kind.SEND),
                Arrow.note(tcb("server"), "reply cap to client"),
                new Arrow(tcb("server"), tcb("client"), "Reply: 1 word, label 0", Kind.REPLY));
    }

    @Test
    void aQueuedCallIsTakenFromTheEndpointWithItsCapabilityNotesAfterIt() {
        List<Arrow> a = read(new Sel4World(), List.of(
                "eve calls ns_ep (badge 3): waits in its send queue",
                "ns receives on ns_ep: takes eve's call",
                "the capability to ns_ep (badge 3) is unwrapped: ns gets its badge",
                "ns got endpoint svc_ep W badge 5 in ns_cs[6] (derived from eve_cs[2])",
                "ns got 1 words label 0 badge 3, 1 capabilities, unwrapped badges [3]"));
        Lifeline ep = new Lifeline(0, "ep", "ns_ep");
        assertThat(a).containsExactly(
                new Arrow(tcb("eve"), ep, "Call, badge 3: waits", Kind.SEND),
                new Arrow(ep, tcb("ns"), "Recv eve's call: 1 word, label 0, badge 3, 1 cap, unwrapped [3]", Kind.RECEIVE),
                Arrow.note(tcb("ns"), "cap to ns_ep unwrapped: badge 3"),
                Arrow.note(tcb("ns"), "cap endpoint svc_ep W badge 5 in ns_cs[6]"));
    }

    /** Random seL4 runs log lines no library scenario does; the chart reads every one (none left as LOG). */
    @Test
    void everyLineOfRandomRunsIsRead(TestReporter report) {
        Sel4Personality p = new Sel4Personality();
        SplittableRandom seeds = new SplittableRandom(17L);
        TreeSet<String> unread = new TreeSet<>();
        int lines = 0;
        for (int run = 0; run < 40; run++) {
            SplittableRandom rnd = new SplittableRandom(seeds.nextLong());
            Session<Sel4World> s = new Session<>(p, p.newWorld(), List.of());
            Reader<Sel4World> r = p.sequence().reader();
            List<PersonalityAction<Sel4World>> setup = p.randomSetup(rnd);
            for (int k = 0; k < setup.size() + 60; k++) {
                PersonalityAction<Sel4World> step = k < setup.size() ? setup.get(k) : p.randomStep(s.world(), rnd);
                for (String e : s.step(step).events()) {
                    lines++;
                    if (r.arrows(0, e, s.world()).stream().anyMatch(x -> x.kind() == Kind.LOG)) {
                        unread.add(e);
                    }
                }
            }
        }
        report.publishEntry("sel4 chart", lines + " event lines of 40 random runs read");
        assertThat(lines).isGreaterThan(1000);
        assertThat(unread).as("event lines the seL4 chart does not read").isEmpty();
    }
}
