package capsim.visual;

import capsim.kernel.CapType;
import capsim.kernel.KernelObject;
import java.util.Map;

/**
 * How objects are called in diagrams: by their scenario name when there is one ("client"), always with
 * the kernel's own "type#oid" so a diagram can be matched against the trace.
 */
public final class Names {
    private static final Names NONE = new Names(Map.of());

    private final Map<Integer, String> byOid;

    private Names(Map<Integer, String> byOid) {
        this.byOid = Map.copyOf(byOid);
    }

    /** Names from an oid → name map (null or empty: no names). */
    public static Names of(Map<Integer, String> byOid) {
        return byOid == null || byOid.isEmpty() ? NONE : new Names(byOid);
    }

    /** The scenario name of {@code oid}, or null. */
    public String name(int oid) {
        return byOid.get(oid);
    }

    /** "type#oid", the kernel's own word for an object. */
    public static String id(CapType type, int oid) {
        return type.word() + "#" + oid;
    }

    /** "client (thread#3)", or "thread#3" for an unnamed object. */
    public String ref(CapType type, int oid) {
        String n = byOid.get(oid);
        return n == null ? id(type, oid) : n + " (" + id(type, oid) + ")";
    }

    public String ref(KernelObject o) {
        return ref(o.type(), o.oid());
    }

    /** The short form for tight places: the name, else "type#oid". */
    public String shortRef(CapType type, int oid) {
        String n = byOid.get(oid);
        return n == null ? id(type, oid) : n;
    }
}
