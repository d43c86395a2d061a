package capsim.kernel.check;

import capsim.kernel.Action;
import capsim.kernel.Kernel;
import capsim.kernel.KernelException;

/**
 * What an invariant sees of one step: the state before and after, the action, and its result or the
 * kernel's refusal. {@code initial} is the state the run started from (for closure-based properties).
 */
public record StepView(Kernel initial, Kernel before, Kernel after, Action action, Object result, KernelException error) {
}
