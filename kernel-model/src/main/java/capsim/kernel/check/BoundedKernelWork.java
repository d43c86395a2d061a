package capsim.kernel.check;

/**
 * No kernel step does more than B units of work (the kernel's work bound) before a preemption point.
 * Source: Shapiro in seed 001: "Unless there is a very small bound on cap_count, this phase needs to be
 * preemptible."
 */
public final class BoundedKernelWork implements Invariant {
    public String name() {
        return "bounded-kernel-work";
    }

    public String description() {
        return "no kernel step does more than B units of work before a preemption point";
    }

    public Violation check(StepView s) {
        int w = s.after().lastStepWork();
        int b = s.after().workBound();
        return s.error() == null && w > b
                ? new Violation(name(), "one step did " + w + " units of work; the bound is " + b) : null;
    }
}
