package capsim.scenario;

import capsim.kernel.check.Violation;
import capsim.personality.Session;
import capsim.personality.World;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs a personality {@link Script} on an empty world of its design, every step through a {@link Session}
 * (which checks the invariants the script asks for), evaluates each expectation where it stands and tells a
 * {@link Listener} what happened. Deterministic: the same script gives the same events and hash.
 */
public final class ScriptRunner {

    /** What a run reports as it goes. Every method has a no-op default. */
    public interface Listener<W extends World<W>> {
        default void started(Script<W> s, W world) {
        }

        /**
         * Step {@code number} (written at {@code line} as {@code text}) ran: its events, numbered from
         * {@code firstEvent} + 1, its outcome word, and {@code failure} when the step itself failed.
         */
        default void step(int number, int line, String text, List<String> events, int firstEvent, String outcome,
                          String failure, W after) {
        }

        default void violation(int number, Violation v) {
        }

        /** An expectation was evaluated: {@code failure} is null when it held. */
        default void expectation(int line, String text, String failure) {
        }
    }

    private ScriptRunner() {
    }

    /** Runs {@code s} telling nobody (tests, the demo). */
    /** The world after the script's last step (its first world when it has no step). */
    public static <W extends World<W>> W finalWorld(Script<W> s) {
        java.util.concurrent.atomic.AtomicReference<W> last = new java.util.concurrent.atomic.AtomicReference<>();
        run(s, new Listener<W>() {
            @Override
            public void started(Script<W> sc, W world) {
                last.set(world.copy());
            }

            @Override
            public void step(int number, int line, String text, List<String> events, int firstEvent, String outcome,
                             String failure, W after) {
                last.set(after.copy());
            }
        });
        return last.get();
    }

    public static RunResult run(Script<?> s) {
        return quiet(s);
    }

    private static <W extends World<W>> RunResult quiet(Script<W> s) {
        return run(s, new Listener<W>() { });
    }

    public static <W extends World<W>> RunResult run(Script<W> s, Listener<W> listener) {
        Session<W> session = new Session<>(s.dialect().personality(), s.dialect().personality().newWorld(), s.invariants());
        Set<String> expectedBroken = new LinkedHashSet<>();
        for (Script.Item<W> it : s.items()) {
            if (it instanceof Script.ExpectItem<W> e && e.shared() instanceof Script.Shared.Invariant inv && !inv.holds()) {
                expectedBroken.add(inv.name());
            }
        }
        listener.started(s, session.world());
        List<String> failures = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        Set<String> broken = new LinkedHashSet<>();
        int stepNo = 0;
        int expectations = 0;
        int failed = 0;
        List<Script.Item<W>> items = s.items();
        for (Script.Item<W> item : items) {
            switch (item) {
                case Script.ExpectItem<W> e -> {
                    expectations++;
                    String f = expect(e, session.world(), s, broken);
                    listener.expectation(e.line(), e.text(), f);
                    if (f != null) {
                        failed++;
                        failures.add(s.file() + ":" + e.line() + ": expectation failed: " + e.text() + " (" + f + ")");
                    }
                }
                case Script.StepItem<W> st -> {
                    stepNo++;
                    int firstEvent = session.world().events().size();
                    Session.Step r = session.step(st.action());
                    String failure = null;
                    if (st.expected() != null && !st.expected().equals(r.outcome())) {
                        failure = "expected " + st.expected() + ", got " + r.outcome()
                                + (r.refused() ? " (" + r.refusal() + ")" : "");
                    } else if (st.expected() == null && r.refused()) {
                        failure = "refused: " + r.outcome() + ": " + r.refusal();
                    }
                    String text = st.action().text();
                    listener.step(stepNo, st.line(), text, r.events(), firstEvent, r.outcome(), failure, session.world());
                    if (failure != null) {
                        failures.add(s.file() + ":" + st.line() + ": step " + stepNo + " (" + text + "): " + failure);
                    }
                    for (Violation v : r.violations()) {
                        violations.add(v);
                        broken.add(v.invariant());
                        listener.violation(stepNo, v);
                        if (!expectedBroken.contains(v.invariant())) {
                            failures.add(s.file() + ":" + st.line() + ": step " + stepNo + " broke invariant "
                                    + v.invariant() + ": " + v.message());
                        }
                    }
                }
            }
        }
        return new RunResult(s.file(), s.title(), s.variantName(), stepNo, expectations, failed, failures, violations,
                session.world().fingerprint());
    }

    private static <W extends World<W>> String expect(Script.ExpectItem<W> e, W world, Script<W> s, Set<String> broken) {
        if (e.failure() != null) {
            return e.failure().apply(world);
        }
        return switch (e.shared()) {
            case Script.Shared.Event ev -> {
                boolean found = world.events().stream().anyMatch(t -> t.contains(ev.contains()));
                yield found == ev.present() ? null
                        : (found ? "an event contains \"" + ev.contains() + "\"" : "no event contains \"" + ev.contains() + "\"");
            }
            case Script.Shared.Invariant inv -> {
                if (!s.invariants().contains(inv.name())) {
                    yield "the scenario does not check " + inv.name() + " (add 'check invariants')";
                }
                boolean b = broken.contains(inv.name());
                yield b != inv.holds() ? null : (b ? "broken" : "holds");
            }
            case null -> "no check";
        };
    }
}
