package capsim.kernel.check;

import capsim.kernel.Kernel;
import capsim.kernel.KernelException;
import capsim.kernel.StateText;

/**
 * The same state and step give the same result: the step is replayed on a copy of the state before it and
 * must give the same state, the same events and the same outcome. Over a run this is "same scenario and
 * seed, same trace hash". Source: DESIGN.md (one seed drives all randomness).
 */
public final class Determinism implements Invariant {
    public String name() {
        return "determinism";
    }

    public String description() {
        return "the same state and step give the same state, events and outcome (same seed, same trace hash)";
    }

    public Violation check(StepView s) {
        Kernel again = s.before().copy();
        Object result = null;
        String error = null;
        try {
            result = s.action().apply(again);
        } catch (KernelException e) {
            error = e.error().name();
        }
        String was = s.error() == null ? null : s.error().error().name();
        if (!java.util.Objects.equals(error, was) || (error == null && !java.util.Objects.equals(String.valueOf(result), String.valueOf(s.result())))) {
            return new Violation(name(), "replaying " + s.action() + " gave " + (error != null ? error : result)
                    + " instead of " + (was != null ? was : s.result()));
        }
        if (again.trace().hash() != s.after().trace().hash() || !StateText.of(again).equals(StateText.of(s.after()))) {
            return new Violation(name(), "replaying " + s.action() + " gave a different state or trace");
        }
        return null;
    }
}
