package capsim.visual;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A reader for the DOT that graphviz-java's serializer writes (one statement a line), for structural
 * assertions: nodes with their innermost cluster, edges with their ports, clusters with their parents.
 */
final class DotText {
    record NodeStmt(String id, String cluster, Map<String, String> attrs) {
        String label() {
            return attrs.getOrDefault("label", "");
        }
    }

    record EdgeStmt(String from, String port, String to, Map<String, String> attrs) {
        String label() {
            return attrs.getOrDefault("label", "");
        }
    }

    final Map<String, NodeStmt> nodes = new LinkedHashMap<>();
    final List<EdgeStmt> edges = new ArrayList<>();
    /** Cluster name → its parent cluster (null at the top). */
    final Map<String, String> clusters = new LinkedHashMap<>();
    final Map<String, Map<String, String>> clusterAttrs = new LinkedHashMap<>();

    static DotText parse(String dot) {
        DotText d = new DotText();
        Deque<String> stack = new ArrayDeque<>();
        for (String raw : dot.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("digraph") || line.isEmpty()) {
                continue;
            }
            if (line.startsWith("subgraph ")) {
                String name = unquote(line.substring(9, line.lastIndexOf('{')).strip());
                d.clusters.put(name, stack.peek());
                d.clusterAttrs.put(name, new LinkedHashMap<>());
                stack.push(name);
            } else if (line.equals("}")) {
                stack.poll();
            } else if (line.startsWith("graph [")) {
                if (stack.peek() != null) {
                    d.clusterAttrs.get(stack.peek()).putAll(attrs(line.substring(6)));
                }
            } else if (line.startsWith("node [") || line.startsWith("edge [")) {
                continue;
            } else if (line.contains(" -> ")) {
                int arrow = line.indexOf(" -> ");
                String left = line.substring(0, arrow);
                String rest = line.substring(arrow + 4);
                int bracket = rest.indexOf(" [");
                String to = unquote(bracket < 0 ? rest : rest.substring(0, bracket));
                String from = left;
                String port = null;
                int colon = left.indexOf("\":\"");
                if (colon >= 0) {
                    from = left.substring(0, colon + 1);
                    port = unquote(left.substring(colon + 2));
                }
                d.edges.add(new EdgeStmt(unquote(from), port, to, bracket < 0 ? Map.of() : attrs(rest.substring(bracket + 1))));
            } else {
                int bracket = line.indexOf(" [");
                String id = unquote(bracket < 0 ? line : line.substring(0, bracket));
                d.nodes.put(id, new NodeStmt(id, stack.peek(), bracket < 0 ? Map.of() : attrs(line.substring(bracket + 1))));
            }
        }
        return d;
    }

    /** Parses {@code ["k"="v","k2"=<html>]}. */
    static Map<String, String> attrs(String s) {
        Map<String, String> m = new LinkedHashMap<>();
        int i = s.indexOf('[') + 1;
        while (i < s.length() && s.charAt(i) != ']') {
            if (s.charAt(i) == ',') {
                i++;
                continue;
            }
            int[] end = new int[1];
            String key = quoted(s, i, end);
            i = end[0] + 1; // '='
            String value;
            if (s.charAt(i) == '<') {
                int depth = 0;
                int j = i;
                do {
                    if (s.charAt(j) == '<') {
                        depth++;
                    } else if (s.charAt(j) == '>') {
                        depth--;
                    }
                    j++;
                } while (depth > 0);
                value = s.substring(i + 1, j - 1);
                i = j;
            } else {
                value = quoted(s, i, end);
                i = end[0];
            }
            m.put(key, value);
        }
        return m;
    }

    private static String quoted(String s, int start, int[] end) {
        StringBuilder b = new StringBuilder();
        int i = start + 1;
        while (s.charAt(i) != '"') {
            if (s.charAt(i) == '\\') {
                i++;
            }
            b.append(s.charAt(i++));
        }
        end[0] = i + 1;
        return b.toString();
    }

    private static String unquote(String s) {
        s = s.strip();
        return s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    NodeStmt node(String id) {
        NodeStmt n = nodes.get(id);
        if (n == null) {
            throw new AssertionError("no node " + id + " in " + nodes.keySet());
        }
        return n;
    }

    List<EdgeStmt> edgesFrom(String from, String port) {
        return edges.stream().filter(e -> e.from().equals(from) && java.util.Objects.equals(e.port(), port)).toList();
    }

    EdgeStmt edge(String from, String port, String to) {
        return edges.stream().filter(e -> e.from().equals(from) && java.util.Objects.equals(e.port(), port) && e.to().equals(to))
                .findFirst().orElseThrow(() -> new AssertionError("no edge " + from + ":" + port + " -> " + to + " in " + edges));
    }

    /** The chain of clusters enclosing {@code cluster}, innermost first. */
    List<String> ancestry(String cluster) {
        List<String> r = new ArrayList<>();
        for (String c = cluster; c != null; c = clusters.get(c)) {
            r.add(c);
        }
        return r;
    }
}
