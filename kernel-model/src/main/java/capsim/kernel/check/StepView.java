package capsim.kernel.check;

import capsim.kernel.Action;
import capsim.kernel.Kernel;
import capsim.kernel.KernelException;

/**
 * What an invariant sees of one step: the state before and after, the action, and its result or the
 * kernel's refusal. {@code initial} is the state the run started from (for closure-based properties).
 * {@code facts} remembers what several invariants derive from the same states of this step (what each
 * thread reaches after it), so it is computed once per step; the states must not change while it is used.
 */
public record StepView(Kernel initial, Kernel before, Kernel after, Action action, Object result, KernelException error,
                       Facts facts) {

    public StepView(Kernel initial, Kernel before, Kernel after, Action action, Object result, KernelException error) {
        this(initial, before, after, action, result, error, new Facts());
    }

    /** What thread {@code thread} reaches in {@link #after()} (computed once per step). */
    Reach.Reached reachAfter(int thread) {
        return facts.reachAfter(after, thread);
    }

    /** A per-step memo of derived facts (see the record comment). */
    public static final class Facts {
        private final java.util.Map<Integer, Reach.Reached> reachAfter = new java.util.HashMap<>();

        Facts() {
        }

        Reach.Reached reachAfter(Kernel after, int thread) {
            return reachAfter.computeIfAbsent(thread, t -> Reach.of(after, t));
        }
    }
}
