package capsim.kernel.check;

import capsim.kernel.Action;
import capsim.kernel.Kernel;
import capsim.kernel.KernelException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs actions on a kernel and checks a set of invariants after every step. Used by the property checker
 * and by scenarios that ask for invariant checking, so a counterexample replays to the same break.
 */
public final class Monitor {
    private final Kernel initial;
    private final List<Invariant> invariants;
    private final java.util.Map<RelationalInvariant, RelationalInvariant.Session> sessions = new java.util.LinkedHashMap<>();
    private Kernel kernel;
    /** The state before the last step (a copy the invariants saw as {@link StepView#before()}). */
    private Kernel before;

    /** Takes ownership of {@code kernel} (its current state is the run's initial state). */
    public Monitor(Kernel kernel, List<Invariant> invariants) {
        this.kernel = kernel;
        this.initial = kernel.copy();
        this.invariants = List.copyOf(invariants);
        for (Invariant inv : this.invariants) {
            if (inv instanceof RelationalInvariant r) {
                sessions.put(r, r.start(initial));
            }
        }
    }

    public Kernel kernel() {
        return kernel;
    }

    /** The state before the last {@link #step}, or null before the first; callers must not change it. */
    Kernel before() {
        return before;
    }

    public List<Invariant> invariants() {
        return invariants;
    }

    /** Applies {@code action}, then checks every invariant over (before, after). */
    public StepResult step(Action action) {
        before = kernel.copy();
        Object result = null;
        KernelException error = null;
        try {
            result = action.apply(kernel);
        } catch (KernelException e) {
            error = e;
        }
        StepView view = new StepView(initial, before, kernel, action, result, error);
        List<Violation> broken = new ArrayList<>();
        for (Invariant inv : invariants) {
            Violation v = inv instanceof RelationalInvariant r ? sessions.get(r).step(action, view) : inv.check(view);
            if (v != null) {
                broken.add(v);
            }
        }
        return new StepResult(result, error, broken);
    }
}
