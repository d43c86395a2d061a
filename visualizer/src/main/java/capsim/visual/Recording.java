package capsim.visual;

import capsim.kernel.Event;
import capsim.kernel.Kernel;
import java.util.List;
import java.util.Map;

/**
 * A run to draw: its initial state and each step with the states before and after it. States must be
 * snapshots ({@link Kernel#copy()}) that nobody changes afterwards; {@link Recorder} takes them.
 *
 * @param title   shown on every page and diagram (a scenario file name, say)
 * @param variant the design variant's name
 * @param names   scenario names of objects, oid → name (may be empty)
 * @param initial the state before the first step (drawn as step 0)
 * @param steps   the steps, in order
 * @param sequence the message-sequence chart of the run when its design draws one itself (a personality);
 *                 null: drawn from the kernel's events
 */
public record Recording(String title, String variant, Map<Integer, String> names, Kernel initial, List<Step> steps,
                        SequenceChart.Drawing sequence) {

    /** A run of the core kernel: its sequence chart is drawn from the kernel's events. */
    public Recording(String title, String variant, Map<Integer, String> names, Kernel initial, List<Step> steps) {
        this(title, variant, names, initial, steps, null);
    }

    public Recording {
        if (initial == null) {
            throw new IllegalArgumentException("a recording needs its initial state");
        }
        title = title == null ? "capsim run" : title;
        variant = variant == null ? initial.variant().name() : variant;
        names = names == null ? Map.of() : Map.copyOf(names);
        steps = List.copyOf(steps);
    }

    /**
     * One step: what the scenario called it ("client sends request"), the trace lines to show for it, and
     * the states around it. Trace lines may be the step's event texts or anything the runner wants shown
     * (a refusal, an expectation).
     */
    public record Step(String label, List<String> trace, Kernel before, Kernel after) {
        public Step {
            if (before == null || after == null) {
                throw new IllegalArgumentException("a step needs its states before and after");
            }
            label = label == null ? "" : label;
            trace = List.copyOf(trace);
        }

        /** The kernel events of this step: those the after-state's trace has beyond the before-state's. */
        public List<Event> events() {
            int from = before.trace().size();
            int to = after.trace().size();
            return from <= to ? after.trace().events().subList(from, to) : List.of();
        }
    }
}
