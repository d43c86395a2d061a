package capsim.capdl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A capability distribution, as capDL-tool's {@code Model} holds it ({@code CapDL/Model.hs}): the
 * architecture, the objects by name (in declaration order), which objects each untyped covers, the IRQ
 * table, and the capability derivation tree (child slot to parent slot).
 *
 * <p>Two models are equal when these are; where things were written in the file ({@link #where}) and the
 * reader's warnings are not part of the state.
 */
public final class CapdlModel {
    private final String arch;
    private final Map<ObjId, KObject> objects;
    private final Map<ObjId, List<ObjId>> covers;
    private final SortedMap<Long, ObjId> irqs;
    private final SortedMap<CapSlot, CapSlot> cdt;
    private final String domains;
    private final Map<Object, SourcePos> where;
    private final List<CapdlException.Problem> warnings;

    /** A model; {@code where} maps an {@link ObjId} or a {@link CapSlot} to its place in the file (may be empty). */
    public CapdlModel(String arch, Map<ObjId, KObject> objects, Map<ObjId, List<ObjId>> covers, Map<Long, ObjId> irqs,
                      Map<CapSlot, CapSlot> cdt, String domains, Map<Object, SourcePos> where,
                      List<CapdlException.Problem> warnings) {
        this.arch = Objects.requireNonNull(arch);
        this.objects = Collections.unmodifiableMap(new LinkedHashMap<>(objects));
        Map<ObjId, List<ObjId>> cov = new LinkedHashMap<>();
        covers.forEach((k, v) -> {
            if (!v.isEmpty()) {
                cov.put(k, List.copyOf(v));
            }
        });
        this.covers = Collections.unmodifiableMap(cov);
        this.irqs = Collections.unmodifiableSortedMap(new TreeMap<>(irqs));
        this.cdt = Collections.unmodifiableSortedMap(new TreeMap<>(cdt));
        this.domains = domains;
        this.where = Map.copyOf(where);
        this.warnings = List.copyOf(warnings);
    }

    /** A model without positions or warnings (what the seL4 bridge builds). */
    public static CapdlModel of(String arch, Map<ObjId, KObject> objects, Map<ObjId, List<ObjId>> covers,
                                Map<CapSlot, CapSlot> cdt) {
        return new CapdlModel(arch, objects, covers, Map.of(), cdt, null, Map.of(), List.of());
    }

    public String arch() {
        return arch;
    }

    /** The objects by name, in declaration order. */
    public Map<ObjId, KObject> objects() {
        return objects;
    }

    /** The object named {@code id}, or null. */
    public KObject object(ObjId id) {
        return objects.get(id);
    }

    /** Untyped to the objects it covers, in the order written; untypeds that cover nothing are absent. */
    public Map<ObjId, List<ObjId>> covers() {
        return covers;
    }

    /** IRQ number to the IRQ object in that slot of the IRQ table. */
    public SortedMap<Long, ObjId> irqs() {
        return irqs;
    }

    /** The capability derivation tree: each derived slot to the slot it was derived from. */
    public SortedMap<CapSlot, CapSlot> cdt() {
        return cdt;
    }

    /** The {@code domains} section as written, or null. */
    public String domains() {
        return domains;
    }

    /** The capability in {@code slot}, or null. */
    public Cap cap(CapSlot slot) {
        KObject o = objects.get(slot.object());
        return o == null ? null : o.slots().get(slot.slot());
    }

    /** Where an object or a capability slot was declared, or null. */
    public SourcePos where(Object objectOrSlot) {
        return where.get(objectOrSlot);
    }

    /** What the reader accepted but would point out (duplicate untyped children, unknown parameters...). */
    public List<CapdlException.Problem> warnings() {
        return warnings;
    }

    /** Every capability with its slot, in object then slot order. */
    public List<Map.Entry<CapSlot, Cap>> caps() {
        List<Map.Entry<CapSlot, Cap>> out = new ArrayList<>();
        objects.forEach((id, o) -> o.slots().forEach((s, c) -> out.add(Map.entry(new CapSlot(id, s), c))));
        return out;
    }

    /** The number of capabilities in slots. */
    public int capCount() {
        int n = 0;
        for (KObject o : objects.values()) {
            n += o.slots().size();
        }
        return n;
    }

    /** The untyped that covers {@code id} directly, or null. */
    public ObjId coveringUntyped(ObjId id) {
        for (Map.Entry<ObjId, List<ObjId>> e : covers.entrySet()) {
            if (e.getValue().contains(id)) {
                return e.getKey();
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CapdlModel m && arch.equals(m.arch) && objects.equals(m.objects) && covers.equals(m.covers)
                && irqs.equals(m.irqs) && cdt.equals(m.cdt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(arch, objects, covers, irqs, cdt);
    }

    @Override
    public String toString() {
        return "capDL model (" + arch + ", " + objects.size() + " objects, " + capCount() + " caps)";
    }
}
