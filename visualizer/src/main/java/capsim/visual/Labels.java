package capsim.visual;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Shortens text for drawing. Graphviz refuses any quoted or HTML string over 16,384 bytes, and a name of a
 * few hundred characters already makes a node unreadable, so names and captions are cut before they reach
 * a diagram; the viewer page lists the full text of everything cut.
 */
public final class Labels {
    /** The longest name drawn in a node, a cluster or an edge label. */
    public static final int NAME = 48;
    /** The longest caption (title, variant, step) drawn above a diagram. */
    public static final int CAPTION = 160;

    private Labels() {
    }

    /** {@code s} when it is at most {@code max} characters, else its start and an ellipsis ({@code max} in all). */
    public static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end) + "\u2026";
    }

    /** The names with each cut to {@link #NAME}; each cut one is added to {@code cut} (short form → full). */
    public static Map<Integer, String> names(Map<Integer, String> names, Map<String, String> cut) {
        Map<Integer, String> out = new TreeMap<>();
        names.forEach((oid, n) -> {
            String s = cut(n, NAME);
            if (!s.equals(n)) {
                // Two long names may share a start: keep them apart by their oid.
                s = cut(n, NAME - 1 - ("#" + oid).length()) + "#" + oid;
                cut.put(s, n);
            }
            out.put(oid, s);
        });
        return out;
    }

    /** A fresh record of what was cut, in the order it was met. */
    static Map<String, String> record() {
        return new LinkedHashMap<>();
    }
}
