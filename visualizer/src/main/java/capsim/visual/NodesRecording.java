package capsim.visual;

import capsim.kernel.Kernel;
import capsim.personality.NodeLink;
import java.util.List;
import java.util.Map;

/**
 * A run over several kernels (a cluster of simulated machines) to draw: each state is one snapshot per
 * node, plus the links between their objects. Drawn as one diagram a step with a cluster per node.
 *
 * @param nodes        the nodes' names, in kernel order
 * @param names        per node, oid → name
 * @param initial      per node, the state before the first step
 * @param initialLinks links between nodes in the initial state
 * @param sequence     the run's message-sequence chart, drawn by its design (null: the first node's kernel events)
 */
public record NodesRecording(String title, String variant, List<String> nodes, List<Map<Integer, String>> names,
                             List<Kernel> initial, List<NodeLink> initialLinks, List<Step> steps,
                             SequenceChart.Drawing sequence) {

    public NodesRecording(String title, String variant, List<String> nodes, List<Map<Integer, String>> names,
                          List<Kernel> initial, List<NodeLink> initialLinks, List<Step> steps) {
        this(title, variant, nodes, names, initial, initialLinks, steps, null);
    }
    public NodesRecording {
        if (initial.size() != nodes.size() || names.size() != nodes.size()) {
            throw new IllegalArgumentException("one initial state and one name map per node");
        }
        nodes = List.copyOf(nodes);
        names = List.copyOf(names);
        initial = List.copyOf(initial);
        initialLinks = List.copyOf(initialLinks);
        steps = List.copyOf(steps);
    }

    /** One step: its label and trace lines, the per-node states around it, and the links after it. */
    public record Step(String label, List<String> trace, List<Kernel> before, List<Kernel> after, List<NodeLink> links) {
        public Step {
            label = label == null ? "" : label;
            trace = List.copyOf(trace);
            before = List.copyOf(before);
            after = List.copyOf(after);
            links = List.copyOf(links);
        }
    }

    /**
     * The run as node {@code node} saw it (a one-node run as it is). Its sequence chart is the design's chart
     * of the whole run when there is one, else that node's kernel events.
     */
    public Recording of(int node) {
        List<Recording.Step> s = steps.stream()
                .map(st -> new Recording.Step(st.label(), st.trace(), st.before().get(node), st.after().get(node))).toList();
        String t = nodes.size() == 1 ? title : title + " (" + nodes.get(node) + ")";
        return new Recording(t, variant, names.get(node), initial.get(node), s, sequence);
    }
}
