package capsim.scenario;

import capsim.kernel.Action;
import capsim.kernel.CapType;
import capsim.kernel.Operation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The operation of a step, with its arguments as written; {@link #action} forms the kernel action when it runs. */
public sealed interface Op {

    Action action(Resolver r, int thread) throws StepFailure;

    /** The step as the writer prints it (after the thread name). */
    String text();

    /**
     * A thread's step: {@code operation} with its argument values as read (in its argument order; addresses as
     * {@link Ref}s, see {@link StepText}).
     */
    record Invoke(Operation<?> operation, List<Object> args) implements Op {
        public Invoke {
            args = Collections.unmodifiableList(new ArrayList<>(args));
        }

        public Action action(Resolver r, int t) throws StepFailure {
            return operation.make(t, StepText.resolve(args, r, t));
        }

        public String text() {
            return StepText.write(operation, args);
        }

        /** The type of object the step makes ({@code as <name>} names it), or null. */
        CapType makes() {
            return operation.makes(args);
        }
    }

    /** The kernel continues the oldest preempted transfer ({@code all}: until none is left). */
    record Resume(boolean all) implements Op {
        public Action action(Resolver r, int t) {
            return new Action.Resume();
        }

        public String text() {
            return all ? "resume-all" : "resume";
        }
    }
}
