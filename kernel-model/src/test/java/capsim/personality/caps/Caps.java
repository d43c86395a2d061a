package capsim.personality.caps;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.personality.PersonalityAction;
import capsim.personality.Session;
import java.util.List;
import java.util.Set;

/** A session on a CAPS world checking every invariant, with short ways to write steps. */
final class Caps {
    final CapsPersonality personality = new CapsPersonality();
    final Session<CapsWorld> session = Session.checkingAll(personality, personality.newWorld());

    CapsWorld w() {
        return session.world();
    }

    /** Runs {@code a}, requires every invariant to hold, returns the outcome word. */
    String run(PersonalityAction<CapsWorld> a) {
        Session.Step s = session.step(a);
        assertThat(s.violations()).as("invariants after '" + a.text() + "'").isEmpty();
        return s.outcome();
    }

    /** Runs {@code a} and requires {@code outcome}. */
    Session.Step expect(PersonalityAction<CapsWorld> a, String outcome) {
        Session.Step s = session.step(a);
        assertThat(s.violations()).as("invariants after '" + a.text() + "'").isEmpty();
        assertThat(s.outcome()).as("outcome of '" + a.text() + "' (" + s.refusal() + ")").isEqualTo(outcome);
        return s;
    }

    void ok(PersonalityAction<CapsWorld> a) {
        expect(a, "ok");
    }

    /** Requires {@code a} to be refused with {@code code}, changing nothing. */
    Session.Step refused(PersonalityAction<CapsWorld> a, String code) {
        long before = w().fingerprint();
        Session.Step s = expect(a, code);
        assertThat(s.refused()).isTrue();
        assertThat(w().fingerprint()).as("a refused step changes nothing").isEqualTo(before);
        return s;
    }

    static CapsAction.NewProcess process(String name, int uid, int gid, long quota) {
        return new CapsAction.NewProcess(name, uid, gid, quota);
    }

    static CapsAction.Register service(String proc, String name, int uid, int gid, Scope... flags) {
        return new CapsAction.Register(proc, name, uid, gid, Set.of(flags));
    }

    static CapsAction.Connect connect(String proc, String name, int uid, int gid, String as) {
        return new CapsAction.Connect(proc, name, uid, gid, as);
    }

    static CapsAction.Put put(String proc, String port, String data) {
        return new CapsAction.Put(proc, port, data, 1);
    }

    static CapsAction.Put put(String proc, String port, String data, int times) {
        return new CapsAction.Put(proc, port, data, times);
    }

    static CapsAction.Get get(String proc, String from) {
        return new CapsAction.Get(proc, from, CapsWorld.DEFAULT_BUFFER);
    }

    static CapsAction.Get get(String proc, String from, int buffer) {
        return new CapsAction.Get(proc, from, buffer);
    }

    static CapsAction.Reply reply(String proc, int msg, String data) {
        return new CapsAction.Reply(proc, msg, data);
    }

    static CapsAction.Close close(String proc, String name) {
        return new CapsAction.Close(proc, name);
    }

    /** server (uid 0) with service echo (uid 0 gid 0, world), client (uid 1000 gid 100) connected as c1. */
    static Caps echo() {
        Caps c = new Caps();
        c.ok(process("server", 0, 0, 0));
        c.ok(process("client", 1000, 100, 0));
        c.ok(service("server", "echo", 0, 0, Scope.WORLD));
        c.ok(connect("client", "echo", 0, 0, "c1"));
        return c;
    }

    CapsMessage msg(int id) {
        return w().messages().get(id);
    }

    List<String> events() {
        return w().events();
    }
}
