package capsim.personality;

/**
 * What a personality calls one kind of its objects, and how diagrams draw it: a Graphviz shape and a fill
 * colour. A role is given to the kernel object that carries the personality object (a CAPS service is a
 * message queue, a Mach port right a capability page slot, ...).
 *
 * @param name    the role's word ("service", "port", "message")
 * @param shape   a Graphviz node shape ("box3d", "cylinder", "note", ...)
 * @param fill    a fill colour, "#rrggbb"
 * @param meaning one line for the legend
 */
public record Role(String name, String shape, String fill, String meaning) {
    public Role {
        if (name == null || shape == null || fill == null || meaning == null) {
            throw new IllegalArgumentException("a role needs a name, a shape, a fill and a meaning");
        }
    }
}
