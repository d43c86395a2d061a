package capsim.personality.mach;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.Activity;
import capsim.personality.PersonalityAction;
import capsim.personality.Session;
import java.util.List;

/** Test fixture: a session checking every invariant, and short builders for the actions. */
final class Mach {
    final MachPersonality personality = new MachPersonality();
    Session<MachWorld> session = Session.checkingAll(personality, personality.newWorld());

    MachWorld w() {
        return session.world();
    }

    /** Runs {@code a}, which must succeed without breaking an invariant. */
    Session.Step ok(PersonalityAction<MachWorld> a) {
        Session.Step r = session.step(a);
        assertThat(r.outcome()).as(a.text() + (r.refused() ? " refused: " + r.refusal() : "")).isEqualTo("ok");
        assertThat(r.violations()).as(a.text()).isEmpty();
        return r;
    }

    /** Runs {@code a}, which must be refused with {@code code}, changing nothing and breaking nothing. */
    Session.Step refused(PersonalityAction<MachWorld> a, String code) {
        long before = w().fingerprint();
        Session.Step r = session.step(a);
        assertThat(r.outcome()).as(a.text() + " (" + r.refusal() + ")").isEqualTo(code);
        assertThat(r.violations()).as(a.text()).isEmpty();
        assertThat(w().fingerprint()).as("a refusal changes nothing").isEqualTo(before);
        return r;
    }

    long usage(String task) {
        return ((Activity) w().kernel().heap().get(w().task(task).activity())).usage();
    }

    RightEntry entry(String task, String name) {
        return w().task(task).names().get(name);
    }

    static MachAction task(String name, long quota) {
        return new MachAction.CreateTask(name, quota);
    }

    static MachAction port(String task, String label) {
        return new MachAction.AllocatePort(task, label, Port.DEFAULT_LIMIT);
    }

    static MachAction port(String task, String label, int limit) {
        return new MachAction.AllocatePort(task, label, limit);
    }

    static MachAction insert(String task, String name, Disposition d, String into) {
        return new MachAction.InsertRight(task, name, d, into);
    }

    static MachAction send(String task, String dest, String data) {
        return new MachAction.Send(task, dest, null, data, null, List.of(), List.of());
    }

    static MachAction send(String task, String dest, Disposition d, String data, MachWorld.PortItem reply,
                           List<MachWorld.PortItem> body, List<MachWorld.OolItem> ool) {
        return new MachAction.Send(task, dest, d, data, reply, body, ool);
    }

    static MachWorld.PortItem item(String name, Disposition d) {
        return new MachWorld.PortItem(name, d);
    }

    static MachAction receive(String task, String name) {
        return new MachAction.Receive(task, name);
    }

    /** Two tasks: a server holding port svc, a client with a send right to it. */
    Mach clientServer() {
        ok(task("server", 40));
        ok(task("client", 40));
        ok(port("server", "svc"));
        ok(insert("server", "svc", Disposition.MAKE_SEND, "client"));
        return this;
    }
}
