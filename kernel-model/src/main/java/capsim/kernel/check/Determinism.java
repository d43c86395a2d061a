package capsim.kernel.check;

import capsim.kernel.Kernel;
import capsim.kernel.KernelException;
import capsim.kernel.StateText;
import capsim.kernel.Trace;

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
        if (!sameEvents(s.before().trace().size(), again.trace(), s.after().trace()) || !StateText.same(again, s.after())) {
            return new Violation(name(), "replaying " + s.action() + " gave a different state or trace");
        }
        return null;
    }

    /**
     * Both traces continue the same trace of {@code before} (one replayed on a copy of it), so they are equal
     * exactly when the events from {@code from} on are: compared as values, which is at least as strict as
     * comparing the trace hashes over their text.
     */
    private static boolean sameEvents(int from, Trace again, Trace after) {
        if (again.size() != after.size()) {
            return false;
        }
        for (int i = from; i < again.size(); i++) {
            if (!again.get(i).equals(after.get(i))) {
                return false;
            }
        }
        return true;
    }
}
