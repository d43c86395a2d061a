package capsim.kernel.check;

import capsim.kernel.Action;
import capsim.kernel.Kernel;

/**
 * An invariant over pairs of runs rather than one state: the {@link Monitor} starts a session on the
 * initial state, which keeps its own twin runs and is told every step.
 */
public interface RelationalInvariant extends Invariant {

    /** Starts the twin runs from (a copy of) the initial state. */
    Session start(Kernel initial);

    /** A relational property cannot be judged from one pair of states; the Monitor calls the session instead. */
    @Override
    default Violation check(StepView step) {
        return null;
    }

    /** The twin runs of one monitored run. */
    interface Session {
        /** The main run just took {@code step}; runs the same step on the twins and compares. */
        Violation step(Action action, StepView step);
    }
}
