package capsim.visual;

import capsim.kernel.CapType;
import capsim.kernel.KernelObject;

/**
 * A drawing style: how each object of a kernel design looks in a diagram. The diagram builder owns the
 * layout, the clusters, the slot rows and every edge; a style only decides shape, colour and text, so
 * another design (CAPS, LWKT, Mach) can draw its own objects without touching the builder. (Not a
 * {@code capsim.personality.Personality}, which is a whole design; {@link DesignLook} is the style that
 * draws one.)
 */
public interface DrawingStyle {

    /** The style's name (the design it draws), shown in the legend. */
    String name();

    /** How {@code object} is drawn; {@code names} gives its scenario name, if any. */
    NodeLook look(KernelObject object, Names names);

    /** The legend entry for a type: a sample look (title = the type's word). */
    NodeLook legend(CapType type);

    /**
     * The legend's rows, in order: a sample look each, its first detail line said beside it. By default one
     * per kernel object type, saying its shape (or that it is a table of slots).
     */
    default java.util.List<NodeLook> legendEntries() {
        java.util.List<NodeLook> out = new java.util.ArrayList<>();
        for (CapType type : CapType.values()) {
            if (type == CapType.VOID) {
                continue;
            }
            NodeLook look = legend(type);
            boolean table = type == CapType.CAPPAGE || type == CapType.MESSAGE_BUFFER;
            out.add(new NodeLook(look.shape(), look.fill(), look.title(),
                    java.util.List.of(table ? "table, one row per slot" : look.shape())));
        }
        return out;
    }

    /** The Viengoos-style drawing used by default. */
    static DrawingStyle viengoos() {
        return ViengoosStyle.INSTANCE;
    }
}
