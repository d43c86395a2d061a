package capsim.visual;

import capsim.kernel.CapType;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.personality.Role;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drawing of a personality (CAPS, LWKT, Mach): a kernel object that carries one of the design's objects
 * is drawn with its role's shape and fill, under the design's name, with the role and the design's detail
 * lines; the other kernel objects are drawn as in the Viengoos drawing. The legend lists the roles first.
 * Looks are noted per snapshot ({@link #note}), so each step's diagram shows that step's details.
 */
public final class DesignLook implements DrawingStyle {
    private final String name;
    private final List<Role> roles;
    private final Map<KernelObject, Noted> noted = new IdentityHashMap<>();

    private record Noted(Role role, String name, List<String> details) {
    }

    public DesignLook(String name, List<Role> roles) {
        this.name = name;
        this.roles = List.copyOf(roles);
    }

    /**
     * Notes how the objects of {@code snapshot} look: {@code names} and {@code roleOf} map oids to the design's
     * names and role words, {@code details} gives an object's extra lines. Call it for every snapshot drawn.
     */
    public void note(Kernel snapshot, Map<Integer, String> names, Map<Integer, String> roleOf,
                     java.util.function.IntFunction<List<String>> details) {
        for (int oid = 0; oid < snapshot.heap().highWater(); oid++) {
            KernelObject o = snapshot.heap().get(oid);
            if (o == null) {
                continue;
            }
            Role role = role(roleOf.get(oid));
            if (role != null || names.containsKey(oid)) {
                noted.put(o, new Noted(role, names.get(oid), role != null ? List.copyOf(details.apply(oid)) : List.of()));
            }
        }
    }

    private Role role(String word) {
        for (Role r : roles) {
            if (r.name().equals(word)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public NodeLook look(KernelObject object, Names names) {
        Noted n = noted.get(object);
        NodeLook base = DrawingStyle.viengoos().look(object, names);
        if (n == null || n.role() == null) {
            return base;
        }
        List<String> d = new ArrayList<>();
        d.add(n.role().name() + " \u2014 " + Names.id(object.type(), object.oid()));
        d.addAll(n.details());
        return new NodeLook(n.role().shape(), n.role().fill(), n.name() != null ? n.name() : base.title(), d);
    }

    @Override
    public NodeLook legend(CapType type) {
        return DrawingStyle.viengoos().legend(type);
    }

    @Override
    public List<NodeLook> legendEntries() {
        List<NodeLook> out = new ArrayList<>();
        for (Role r : roles) {
            out.add(new NodeLook(r.shape(), r.fill(), r.name(), List.of(r.meaning())));
        }
        out.addAll(DrawingStyle.super.legendEntries());
        return out;
    }
}
