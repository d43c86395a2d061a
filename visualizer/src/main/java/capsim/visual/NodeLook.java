package capsim.visual;

import java.util.List;

/**
 * How one object is drawn: a Graphviz shape, a fill colour, a title and detail lines. Objects with
 * capability slots (capability pages, message buffers) are drawn as tables whatever the shape says, with
 * one row (and port) per slot below the title and details.
 *
 * @param shape   a Graphviz node shape ("ellipse", "folder", "note", ...)
 * @param fill    a fill colour ("#rrggbb" or a Graphviz colour name)
 * @param title   the first, bold line (usually the object's name)
 * @param details further lines, in order
 */
public record NodeLook(String shape, String fill, String title, List<String> details) {
    public NodeLook {
        if (shape == null || fill == null || title == null) {
            throw new IllegalArgumentException("shape, fill and title are required");
        }
        details = List.copyOf(details);
    }
}
