package capsim.visual;

import capsim.kernel.Event;
import capsim.kernel.Kernel;
import capsim.kernel.KernelException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Records a run step by step for {@link RunRenderer}: snapshots the kernel around each operation and keeps
 * the step's trace lines. One snapshot serves as the after-state of a step and the before-state of the next.
 */
public final class Recorder {
    private final String title;
    private final Kernel kernel;
    private final Map<Integer, String> names = new LinkedHashMap<>();
    private final Kernel initial;
    private final List<Recording.Step> steps = new ArrayList<>();
    private Kernel last;

    /** Starts recording {@code kernel} in its current state (the initial state). */
    public Recorder(String title, Kernel kernel, Map<Integer, String> names) {
        this.title = title;
        this.kernel = kernel;
        if (names != null) {
            this.names.putAll(names);
        }
        this.initial = kernel.copy();
        this.last = initial;
    }

    /** Names an object (for objects created during the run). */
    public Recorder name(int oid, String name) {
        names.put(oid, name);
        return this;
    }

    /**
     * Runs {@code op} on the kernel as one step and records it. A refusal is recorded as the step's trace
     * line "refused: ..." and rethrown.
     */
    public <T> T step(String label, Function<Kernel, T> op) {
        int from = kernel.trace().size();
        try {
            T result = op.apply(kernel);
            record(label, from, null);
            return result;
        } catch (KernelException e) {
            record(label, from, "refused: " + e.getMessage());
            throw e;
        }
    }

    private void record(String label, int from, String note) {
        List<String> lines = new ArrayList<>();
        List<Event> events = kernel.trace().events();
        for (int i = from; i < events.size(); i++) {
            lines.add(events.get(i).text());
        }
        if (note != null) {
            lines.add(note);
        }
        Kernel after = kernel.copy();
        steps.add(new Recording.Step(label, lines, last, after));
        last = after;
    }

    /** The recording so far. */
    public Recording recording() {
        return new Recording(title, kernel.variant().name(), names, initial, steps);
    }
}
