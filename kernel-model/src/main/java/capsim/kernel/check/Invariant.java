package capsim.kernel.check;

/**
 * A named security or correctness property of kernel states, checked after every step.
 * Implementations are stateless; what they need about the run so far is in the {@link StepView}.
 */
public interface Invariant {

    /** Lower-case name with dashes, e.g. {@code authority-confinement}; used on the command line and in scenarios. */
    String name();

    /** One line: what the invariant says. */
    String description();

    /** Checks the step just taken; returns null when the invariant holds, else the violation. */
    Violation check(StepView step);
}
