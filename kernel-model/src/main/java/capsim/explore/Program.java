package capsim.explore;

import java.util.ArrayList;
import java.util.List;

/**
 * What one thread may do, as a small control-flow graph: node 0 is the start, each node lists the steps
 * that may be taken there and the node each leads to. A node with no steps is the end. A straight
 * sequence is a chain, {@code repeat} is unrolled, {@code loop} is a cycle, {@code choose} is a node with
 * several steps out. Built with {@link Builder}.
 */
public final class Program {
    /** A step out of a node and the node it leads to. */
    public record Edge(Step step, int next) {
    }

    private final String name;
    private final List<List<Edge>> nodes;

    private Program(String name, List<List<Edge>> nodes) {
        this.name = name;
        this.nodes = nodes.stream().map(List::copyOf).toList();
    }

    /** The thread (or 'any' group) the program belongs to, as the scenario names it. */
    public String name() {
        return name;
    }

    public int size() {
        return nodes.size();
    }

    /** The steps out of {@code node}, in the order the scenario wrote them (the search's tie-break order). */
    public List<Edge> edges(int node) {
        return nodes.get(node);
    }

    /** Every step of the program (for the coverage summary), in node order. */
    public List<Step> steps() {
        List<Step> out = new ArrayList<>();
        for (List<Edge> n : nodes) {
            for (Edge e : n) {
                if (!out.contains(e.step())) {
                    out.add(e.step());
                }
            }
        }
        return out;
    }

    /**
     * Builds a program node by node. Nodes are numbered in creation order; {@link #node()} makes one,
     * {@link #edge} adds a step between two.
     */
    public static final class Builder {
        private final String name;
        private final List<List<Edge>> nodes = new ArrayList<>();

        public Builder(String name) {
            this.name = name;
            node();
        }

        /** A new node; returns its number. */
        public int node() {
            nodes.add(new ArrayList<>());
            return nodes.size() - 1;
        }

        public Builder edge(int from, Step step, int to) {
            nodes.get(from).add(new Edge(step, to));
            return this;
        }

        public Program build() {
            return new Program(name, nodes);
        }
    }

    /** A program of one node where every step is always possible and leads back: "any of these steps, any time". */
    public static Program any(String name, List<Step> steps) {
        Builder b = new Builder(name);
        for (Step s : steps) {
            b.edge(0, s, 0);
        }
        return b.build();
    }
}
