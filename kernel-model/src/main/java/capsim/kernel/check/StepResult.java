package capsim.kernel.check;

import capsim.kernel.KernelException;
import java.util.List;

/** The outcome of one monitored step: the operation's result or refusal, and any invariant it broke. */
public record StepResult(Object result, KernelException error, List<Violation> violations) {
    public StepResult {
        violations = List.copyOf(violations);
    }

    public boolean broke() {
        return !violations.isEmpty();
    }
}
