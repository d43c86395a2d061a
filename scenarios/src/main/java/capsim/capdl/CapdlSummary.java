package capsim.capdl;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@code capsim import} prints: objects by kind, capabilities by kind, covers, IRQs, derivations. */
public record CapdlSummary(String arch, int objects, Map<ObjectType, Integer> objectsByType, int caps,
                           Map<CapType, Integer> capsByType, int untypedsWithCovers, int covered, int irqs, int derivations,
                           Map<ObjectType.Role, Integer> byRole) {

    /** The summary of {@code m}. */
    public static CapdlSummary of(CapdlModel m) {
        Map<ObjectType, Integer> objs = new EnumMap<>(ObjectType.class);
        Map<ObjectType.Role, Integer> roles = new EnumMap<>(ObjectType.Role.class);
        Map<CapType, Integer> caps = new EnumMap<>(CapType.class);
        for (KObject o : m.objects().values()) {
            objs.merge(o.type(), 1, Integer::sum);
            roles.merge(o.type().role(), 1, Integer::sum);
            for (Cap c : o.slots().values()) {
                caps.merge(c.type(), 1, Integer::sum);
            }
        }
        int covered = 0;
        for (List<ObjId> ids : m.covers().values()) {
            covered += ids.size();
        }
        return new CapdlSummary(m.arch(), m.objects().size(), objs, m.capCount(), caps, m.covers().size(), covered,
                m.irqs().size(), m.cdt().size(), roles);
    }

    /** The summary as lines of text. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add("architecture: " + arch);
        out.add("objects: " + objects);
        objectsByType.forEach((t, n) -> out.add(String.format("  %-14s %6d", t.keyword(), n)));
        out.add("capabilities: " + caps);
        Map<String, Integer> byName = new TreeMap<>();
        capsByType.forEach((t, n) -> byName.put(t.name().toLowerCase(java.util.Locale.ROOT), n));
        byName.forEach((t, n) -> out.add(String.format("  %-14s %6d", t, n)));
        out.add("untyped covers: " + untypedsWithCovers + " untypeds cover " + covered + " objects");
        out.add("irq table entries: " + irqs);
        out.add("derivations (cdt): " + derivations);
        out.add("seL4 personality: " + byRole.getOrDefault(ObjectType.Role.SIMULATED, 0) + " simulated, "
                + byRole.getOrDefault(ObjectType.Role.PASSIVE, 0) + " passive (frames, paging), "
                + byRole.getOrDefault(ObjectType.Role.OPAQUE, 0) + " kept and drawn only");
        return out;
    }
}
