package capsim.personality.mach;

import static capsim.personality.mach.Disposition.MAKE_SEND;
import static capsim.personality.mach.Disposition.MAKE_SEND_ONCE;
import static capsim.personality.mach.Disposition.MOVE_RECEIVE;
import static capsim.personality.mach.Mach.item;
import static capsim.personality.mach.Mach.port;
import static capsim.personality.mach.Mach.send;
import static capsim.personality.mach.Mach.task;
import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.Capability;
import capsim.personality.PersonalityAction;
import capsim.personality.Personalities;
import capsim.personality.PersonalityException;
import capsim.personality.PersonalityInvariant;
import capsim.personality.Session;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each invariant holds of correct worlds and catches a deliberately broken one: a step that corrupts the
 * world the way a buggy operation would, run through a session checking that invariant alone.
 */
class MachInvariantsTest {
    private final MachPersonality p = new MachPersonality();

    /** A world with a client and server, a reply port, a request waiting with a send-once right, a region. */
    private Mach fixture() {
        Mach m = new Mach().clientServer();
        m.ok(port("client", "reply"));
        m.ok(new MachAction.Region("client", "buf", "page"));
        m.ok(send("client", "svc", null, "req", item("reply", MAKE_SEND_ONCE), List.of(),
                List.of(new MachWorld.OolItem("buf", OolMode.COPY))));
        return m;
    }

    /** A step that runs {@code bug} on the world: what a faulty operation would have done. */
    private record Bug(String name, Consumer<MachWorld> bug) implements PersonalityAction<MachWorld> {
        public String text() {
            return "bug " + name;
        }

        public String apply(MachWorld w) throws PersonalityException {
            bug.accept(w);
            return "ok";
        }
    }

    /** The violations of {@code invariant} (alone) when {@code bug} runs on the fixture. */
    private List<String> broken(String invariant, Consumer<MachWorld> bug) {
        Mach m = fixture();
        Session<MachWorld> s = new Session<>(p, m.w(), List.of(invariant));
        Session.Step healthy = s.step(new Bug("none", w -> { }));
        assertThat(healthy.violations()).as("holds before the bug").isEmpty();
        return s.step(new Bug(invariant, bug)).violations().stream().map(v -> v.invariant() + ": " + v.message()).toList();
    }

    @Test
    void theCatalogueNamesEveryInvariantOnce() {
        List<String> names = p.invariants().stream().map(PersonalityInvariant::name).toList();
        assertThat(names).doesNotHaveDuplicates().allMatch(n -> n.matches("mach(-[a-z]+)+"))
                .contains("mach-send-count", "mach-no-senders-exact", "mach-send-once-exactly-once", "mach-no-receive-cycle");
        assertThat(Personalities.byName("mach")).isPresent();
        for (PersonalityInvariant<MachWorld> i : p.invariants()) {
            assertThat(i.description()).isNotBlank();
        }
    }

    @Test
    void sendCount() {
        assertThat(broken("mach-send-count", w -> w.ports.get("svc").srights++)).singleElement().asString()
                .contains("counts 3 send rights");
        assertThat(broken("mach-send-count", w -> w.tasks.get("client").names.get("svc").sendUrefs = 0)).isNotEmpty();
        assertThat(broken("mach-send-count", w -> w.ports.get("reply").sorights = 0)).singleElement().asString()
                .contains("send-once");
    }

    @Test
    void noSendersExact() {
        // the count reached 0 with a request armed, and nothing went
        assertThat(broken("mach-no-senders-exact", w -> w.sendLog.add(new MachWorld.SendTransition("svc", 1, 0, true))))
                .singleElement().asString().contains("reached 0");
        // a notification without the count reaching 0
        assertThat(broken("mach-no-senders-exact", w -> w.noSendersFired.add("svc"))).singleElement().asString()
                .contains("did not reach 0");
        assertThat(broken("mach-no-senders-exact", w -> w.sendLog.add(new MachWorld.SendTransition("svc", 0, -1, false))))
                .singleElement().asString().contains("below 0");
    }

    @Test
    void noSendersExactCatchesAnOperationThatForgetsToFire() {
        Mach m = new Mach().clientServer();
        m.ok(port("server", "notify"));
        m.ok(new MachAction.RequestNotification("server", NotificationKind.NO_SENDERS, "svc", "notify"));
        Session<MachWorld> s = new Session<>(p, m.w(), List.of("mach-no-senders-exact"));
        // a deallocate that drops the last send right without going through the count
        Session.Step r = s.step(new Bug("silent-deallocate", w -> {
            w.tasks.get("client").names.remove("svc");
            w.ports.get("svc").srights = 0;
        }));
        assertThat(r.violations()).singleElement().satisfies(v -> assertThat(v.message()).contains("still armed"));
    }

    @Test
    void sendOnceExactlyOnce() {
        assertThat(broken("mach-send-once-exactly-once", w -> w.soEnded.put(1, "used+notified"))).singleElement().asString()
                .contains("ended more than once");
        assertThat(broken("mach-send-once-exactly-once", w -> w.sendOnces.remove(1))).singleElement().asString()
                .contains("vanished");
        assertThat(broken("mach-send-once-exactly-once", w -> w.soEnded.put(1, "used"))).singleElement().asString()
                .contains("live but ended");
        assertThat(broken("mach-send-once-exactly-once", w -> {
            RightEntry e = new RightEntry("copy", "reply", 200);
            e.sendOnce = 1;
            w.tasks.get("server").names.put("copy", e);
        })).singleElement().asString().contains("held in 2 places");
    }

    @Test
    void noReceiveCycle() {
        Mach m = new Mach();
        m.ok(task("a", 30));
        m.ok(port("a", "p"));
        m.ok(port("a", "q"));
        m.ok(send("a", "p", MAKE_SEND, "", null, List.of(item("q", MOVE_RECEIVE)), List.of()));
        Session<MachWorld> s = new Session<>(p, m.w(), List.of("mach-no-receive-cycle"));
        // what the kernel refuses: p's receive right into q, which travels inside p
        Session.Step r = s.step(new Bug("cycle", w -> {
            Port pp = w.ports.get("p");
            MachMessage in = new MachMessage(99, 99, "q", RightKind.SEND_ONCE, null, "a", w.ports.get("p").queue.get(0).frame(),
                    "", List.of(new CarriedRight(RightKind.RECEIVE, "p", 0, false)), List.of(), null, null);
            w.ports.get("q").queue.add(in);
            w.tasks.get("a").names.remove("p");
            pp.receiver = null;
            pp.carrier = 99;
        }));
        assertThat(r.violations()).singleElement().satisfies(v -> assertThat(v.message()).contains("cycle: p in q in p"));
    }

    @Test
    void oneReceiver() {
        assertThat(broken("mach-one-receiver", w -> w.tasks.get("client").names.get("svc").receive = true)).singleElement()
                .asString().contains("2 receive rights");
        assertThat(broken("mach-one-receiver", w -> w.ports.get("svc").receiver = "client")).singleElement().asString()
                .contains("says its receive right is with client");
    }

    @Test
    void portSetSingle() {
        assertThat(broken("mach-port-set-single", w -> {
            PortSet a = new PortSet("a", "server", 0);
            PortSet b = new PortSet("b", "server", 0);
            a.members.add("svc");
            b.members.add("svc");
            w.sets.put("a", a);
            w.sets.put("b", b);
            w.ports.get("svc").set = "a";
        })).singleElement().asString().contains("lists svc, which says it is in a");
        assertThat(broken("mach-port-set-single", w -> w.ports.get("svc").set = "nowhere")).singleElement().asString()
                .contains("does not list it");
    }

    @Test
    void queueLimit() {
        assertThat(broken("mach-queue-limit", w -> {
            Port svc = w.ports.get("svc");
            svc.limit = 1;
            MachMessage first = svc.queue.get(0);
            svc.queue.add(new MachMessage(98, 98, "svc", RightKind.SEND, Disposition.COPY_SEND, "client", first.frame(), "x",
                    List.of(), List.of(), null, null));
        })).singleElement().asString().contains("past its limit 1");
    }

    @Test
    void nameMirror() {
        assertThat(broken("mach-name-mirror", w -> w.boot().setSlot(w.tasks.get("client").space,
                w.tasks.get("client").names.get("svc").slot, Capability.VOID))).singleElement().asString()
                .contains("not a capability to queue");
        assertThat(broken("mach-name-mirror", w -> w.boot().setSlot(w.tasks.get("client").space, 100,
                w.boot().cap(w.ports.get("svc").queueObject)))).singleElement().asString().contains("no name uses it");
        assertThat(broken("mach-name-mirror", w -> w.tasks.get("client").names.get("svc").receive = true)).singleElement()
                .asString().contains("wrong rights");
    }

    @Test
    void oolExclusive() {
        assertThat(broken("mach-ool-exclusive", w -> {
            MachMessage m = w.ports.get("svc").queue.get(0);
            w.tasks.get("server").regions.put("stolen", m.ool().get(0).frame());
        })).singleElement().asString().contains("is both region stolen of server and ool buf");
        assertThat(broken("mach-ool-exclusive", w -> {
            MachMessage m = w.ports.get("svc").queue.get(0);
            w.tasks.get("server").regions.put("peek", m.frame());
        })).singleElement().asString().contains("is also region peek");
    }

    @Test
    void theCoreInvariantsHoldOfMachWorldsToo() {
        Mach m = fixture();
        Session<MachWorld> s = new Session<>(p, m.w(), Personalities.CORE);
        assertThat(s.step(new MachAction.Receive("server", "svc")).violations()).isEmpty();
        assertThat(s.step(new MachAction.Destroy("server", "svc")).violations()).isEmpty();
        assertThat(s.step(new MachAction.Destroy("client", "reply")).violations()).isEmpty();
    }
}
