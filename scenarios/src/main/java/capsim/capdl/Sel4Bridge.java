package capsim.capdl;

import capsim.personality.PersonalityException;
import capsim.personality.sel4.CNode;
import capsim.personality.sel4.CapKind;
import capsim.personality.sel4.CapRights;
import capsim.personality.sel4.OtherObject;
import capsim.personality.sel4.PagingStructure;
import capsim.personality.sel4.Sel4Object;
import capsim.personality.sel4.Sel4Personality;
import capsim.personality.sel4.Sel4World;
import capsim.personality.sel4.Slot;
import capsim.personality.sel4.Tcb;
import capsim.personality.sel4.Untyped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * capDL and the seL4 personality, both ways.
 *
 * <p>{@link #build}: a capDL model into a {@link Sel4World} through the world's construction API (objects, then
 * parameters, untyped covers, capabilities, bound notifications and fault handlers, derivations). What the
 * personality has no place for is kept where it can be and said otherwise ({@link Result#notes()}): capabilities
 * in page tables, ASID pools and IRQ objects, and the IRQ table, are kept as attributes of their holder (so
 * they come back out on export); capabilities in a TCB's MCS slots (fault_ep_slot, sc_slot, temp_fault_ep_slot)
 * and bound_vcpu, and {@code sched_control}, {@code io_space_master} and {@code sgi_signal} capabilities, are
 * not carried.
 *
 * <p>{@link #model}: a world back into capDL. The capability distribution comes back exactly (objects with
 * their kind, size, untyped and attributes; every capability with rights, badge, guard; bound notifications,
 * fault handlers; the derivation tree); what capDL cannot say does not (thread states, endpoint queues, message
 * registers, an untyped's free index beyond its children, which capabilities are originals, the physical
 * address of covered objects, which a re-import derives again by packing them in order).
 */
public final class Sel4Bridge {
    /** The architecture written when exporting (the personality models a 64-bit kernel). */
    public static final String ARCH = "aarch64";
    private static final String SLOT_ATTR = "slot ";
    private static final String IRQ_ATTR = "irq table";
    private static final String PARAM_ATTR = "param ";

    /** The world built and what was not carried over into it. */
    public record Result(Sel4World world, List<String> notes) {
    }

    private Sel4Bridge() {
    }

    // ================================================================== capDL -> world

    /** A new world holding {@code m}. */
    public static Result build(CapdlModel m) throws PersonalityException {
        Sel4World w = new Sel4World();
        List<String> notes = new ArrayList<>();
        apply(m, w, notes);
        return new Result(w, notes);
    }

    /** Adds {@code m} to {@code w} (names must be new to it); returns what could not be carried. */
    public static List<String> apply(CapdlModel m, Sel4World w) throws PersonalityException {
        List<String> notes = new ArrayList<>();
        apply(m, w, notes);
        return notes;
    }

    private static void apply(CapdlModel m, Sel4World w, List<String> notes) throws PersonalityException {
        Map<ObjId, Integer> utBits = untypedSizes(m, notes);
        for (Map.Entry<ObjId, KObject> e : m.objects().entrySet()) {
            create(w, e.getKey().toString(), e.getValue(), utBits.get(e.getKey()));
        }
        m.irqs().forEach((irq, id) -> {
            try {
                w.setAttribute(id.toString(), IRQ_ATTR, String.valueOf(irq));
            } catch (PersonalityException ex) {
                notes.add("IRQ " + irq + ": " + ex.getMessage());
            }
        });
        for (Map.Entry<ObjId, List<ObjId>> e : m.covers().entrySet()) {
            for (ObjId child : e.getValue()) {
                try {
                    w.cover(e.getKey().toString(), child.toString());
                } catch (PersonalityException ex) {
                    notes.add(child + " left outside " + e.getKey() + ": " + ex.getMessage());
                }
            }
        }
        for (Map.Entry<CapSlot, Cap> e : m.caps()) {
            putCap(m, w, e.getKey(), e.getValue(), notes);
        }
        m.cdt().forEach((child, parent) -> {
            try {
                w.setParent(slot(child), slot(parent));
            } catch (PersonalityException ex) {
                notes.add("derivation " + child + " from " + parent + " not carried: " + ex.getMessage());
            }
        });
    }

    private static void create(Sel4World w, String name, KObject o, Integer utBits) throws PersonalityException {
        capsim.personality.sel4.ObjectType t = switch (o.type()) {
            case UNTYPED -> capsim.personality.sel4.ObjectType.UNTYPED;
            case CNODE -> capsim.personality.sel4.ObjectType.CNODE;
            case TCB -> capsim.personality.sel4.ObjectType.TCB;
            case ENDPOINT -> capsim.personality.sel4.ObjectType.ENDPOINT;
            case NOTIFICATION -> capsim.personality.sel4.ObjectType.NOTIFICATION;
            case FRAME -> capsim.personality.sel4.ObjectType.FRAME;
            default -> null;
        };
        Long bits = o.sizeBits();
        if (t == null) {
            w.createPassive(name, o.type().keyword(), bits == null ? capsim.personality.sel4.ObjectType.PAGE_BITS : bits.intValue(),
                    Sel4Personality.PAGING_WORDS.contains(o.type().keyword()));
        } else {
            int size = t == capsim.personality.sel4.ObjectType.UNTYPED ? utBits : bits == null ? 0 : bits.intValue();
            w.create(name, t, t.sized() ? size : 0);
        }
        int n = 0;
        for (KObject.Param p : o.params()) {
            n++;
            if (p.key().isEmpty() && KObject.sizeOf(p) != null) {
                continue;
            }
            if (p.key().equals("fault_ep") && o.type() == ObjectType.TCB) {
                w.setFaultEp(name, KObject.parseNumber(p.value()));
            } else if (p.key().equals("paddr") && (o.type() == ObjectType.UNTYPED || o.type() == ObjectType.FRAME)) {
                w.setBase(name, KObject.parseNumber(p.value()));
            } else {
                w.setAttribute(name, p.key().isEmpty() ? PARAM_ATTR + n : p.key(), p.value());
            }
        }
    }

    /** Untyped sizes: as written, else the least that holds what it covers, packed in order (else a page). */
    private static Map<ObjId, Integer> untypedSizes(CapdlModel m, List<String> notes) {
        Map<ObjId, Integer> out = new LinkedHashMap<>();
        for (ObjId id : m.objects().keySet()) {
            if (m.object(id).type() == ObjectType.UNTYPED) {
                out.put(id, untypedBits(m, id, out, notes));
            }
        }
        return out;
    }

    private static int untypedBits(CapdlModel m, ObjId ut, Map<ObjId, Integer> done, List<String> notes) {
        Integer known = done.get(ut);
        if (known != null) {
            return known;
        }
        Long bits = m.object(ut).sizeBits();
        if (bits != null) {
            done.put(ut, bits.intValue());
            return bits.intValue();
        }
        long used = 0;
        for (ObjId child : m.covers().getOrDefault(ut, List.of())) {
            KObject c = m.object(child);
            int b = c.type() == ObjectType.UNTYPED ? untypedBits(m, child, done, notes) : objectBits(c);
            long size = 1L << b;
            used = ((used + size - 1) & -size) + size;
        }
        int b = used <= 1 ? capsim.personality.sel4.ObjectType.PAGE_BITS
                : Math.max(capsim.personality.sel4.ObjectType.MIN_UNTYPED_BITS, 64 - Long.numberOfLeadingZeros(used - 1));
        notes.add(ut + " has no size; taken as " + b + " bits" + (used > 1 ? " (what it covers)" : ""));
        done.put(ut, b);
        return b;
    }

    private static int objectBits(KObject o) {
        Long bits = o.sizeBits();
        return switch (o.type()) {
            case CNODE -> (bits == null ? 0 : bits.intValue()) + capsim.personality.sel4.ObjectType.SLOT_BITS;
            case TCB -> capsim.personality.sel4.ObjectType.TCB_BITS;
            case ENDPOINT -> capsim.personality.sel4.ObjectType.ENDPOINT_BITS;
            case NOTIFICATION -> capsim.personality.sel4.ObjectType.NOTIFICATION_BITS;
            default -> bits == null ? capsim.personality.sel4.ObjectType.PAGE_BITS : bits.intValue();
        };
    }

    private static void putCap(CapdlModel m, Sel4World w, CapSlot at, Cap c, List<String> notes) throws PersonalityException {
        KObject holder = m.object(at.object());
        String name = at.object().toString();
        if (holder.type() != ObjectType.CNODE && holder.type() != ObjectType.TCB) {
            w.setAttribute(name, SLOT_ATTR + at.slot(), CapdlPrinter.cap(c));
            return;
        }
        if (holder.type() == ObjectType.TCB && at.slot() == 8 && c.type() == CapType.NOTIFICATION) {
            w.bindNotification(name, c.target().toString());
            return;
        }
        if (holder.type() == ObjectType.TCB && at.slot() >= Tcb.SLOTS) {
            notes.add("cap in slot " + at.slot() + " of " + name + " not carried (the personality is non-MCS): " + CapdlPrinter.cap(c));
            return;
        }
        CapKind kind = kind(c.type());
        if (kind == null) {
            notes.add("cap " + at + " not carried (no such capability in the personality): " + CapdlPrinter.cap(c));
            return;
        }
        if (c.type() == CapType.MASTER_REPLY && at.slot() == Tcb.REPLY && w.cap(slot(at)) != null
                && w.cap(slot(at)).kind() == CapKind.MASTER_REPLY && name.equals(w.cap(slot(at)).object())) {
            return; // a TCB the world makes has its master reply cap already
        }
        CapRights rights = rightsOf(c);
        String extra = extra(c);
        String target = c.target() == null ? null : c.target().toString();
        try {
            w.putCap(slot(at), new capsim.personality.sel4.Cap(kind, target, rights, c.badge(), c.guard(), (int) c.guardSize(), extra));
        } catch (PersonalityException | IllegalArgumentException ex) {
            notes.add("cap " + at + " not carried: " + ex.getMessage());
        }
    }

    private static CapKind kind(CapType t) {
        return switch (t) {
            case ENDPOINT -> CapKind.ENDPOINT;
            case NOTIFICATION -> CapKind.NOTIFICATION;
            case TCB -> CapKind.TCB;
            case REPLY -> CapKind.REPLY;
            case MASTER_REPLY -> CapKind.MASTER_REPLY;
            case CNODE -> CapKind.CNODE;
            case UNTYPED -> CapKind.UNTYPED;
            case FRAME -> CapKind.FRAME;
            case PT, PD, PDPT, PML4, PUD, PGD -> CapKind.PAGING;
            case IRQ_CONTROL -> CapKind.IRQ_CONTROL;
            case ASID_CONTROL -> CapKind.ASID_CONTROL;
            case DOMAIN -> CapKind.DOMAIN;
            case SCHED_CONTROL, IO_SPACE_MASTER, SGI_SIGNAL -> null;
            default -> CapKind.OTHER;
        };
    }

    /**
     * capDL rights where the kind has them. A reply cap's only right is whether it grants (seL4's capReplyCanGrant,
     * set from the receiver's Grant right): capsim writes G on one that does, and one without G does not.
     */
    private static CapRights rightsOf(Cap c) {
        if (c.type() == CapType.REPLY) {
            return new CapRights(false, false, c.has(Right.GRANT), false);
        }
        if (c.type().hasRights()) {
            return new CapRights(c.has(Right.READ), c.has(Right.WRITE), c.has(Right.GRANT), c.has(Right.GRANT_REPLY));
        }
        return CapRights.ALL;
    }

    private static String extra(Cap c) {
        if (c.attributes().isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        c.attributes().forEach((k, v) -> parts.add(k + ": " + v));
        return String.join(", ", parts);
    }

    private static Slot slot(CapSlot s) {
        return new Slot(s.object().toString(), s.slot());
    }

    // ================================================================== world -> capDL

    /** The capDL model of {@code w}'s capability distribution. */
    public static CapdlModel model(Sel4World w) {
        Map<ObjId, KObject> objects = new LinkedHashMap<>();
        Map<ObjId, List<ObjId>> covers = new LinkedHashMap<>();
        Map<Long, ObjId> irqs = new TreeMap<>();
        Map<ObjId, TreeMap<Long, Cap>> slots = new LinkedHashMap<>();
        for (Sel4Object o : w.objects().values()) {
            ObjId id = id(o.name());
            objects.put(id, null);
            slots.put(id, new TreeMap<>());
        }
        w.caps().forEach((s, c) -> slots.get(id(s.holder())).put(s.index(), cap(c, w)));
        for (Sel4Object o : w.objects().values()) {
            ObjId id = id(o.name());
            List<KObject.Param> params = new ArrayList<>();
            ObjectType type = typeOf(o);
            switch (type) {
                case UNTYPED -> params.add(KObject.Param.bits(o.sizeBits()));
                case CNODE -> params.add(KObject.Param.bits(o.sizeBits()));
                case FRAME -> params.add(new KObject.Param("", vmSize(o.sizeBits())));
                default -> {
                    if (o instanceof PagingStructure || o instanceof OtherObject) {
                        if (o.sizeBits() != capsim.personality.sel4.ObjectType.PAGE_BITS) {
                            params.add(KObject.Param.bits(o.sizeBits()));
                        }
                    }
                }
            }
            if ((type == ObjectType.UNTYPED || type == ObjectType.FRAME) && o.untyped() == null && o.base() != 0) {
                params.add(new KObject.Param("paddr", "0x" + Long.toHexString(o.base())));
            }
            if (o instanceof Tcb t) {
                if (t.faultEp() != 0) {
                    params.add(new KObject.Param("fault_ep", String.valueOf(t.faultEp())));
                }
                if (t.boundNotification() != null) {
                    slots.get(id).put(8L, Cap.to(CapType.NOTIFICATION, id(t.boundNotification())));
                }
            }
            o.attributes().forEach((k, v) -> {
                if (k.startsWith(SLOT_ATTR)) {
                    slots.get(id).put(Long.parseLong(k.substring(SLOT_ATTR.length())), parseCap(v));
                } else if (k.equals(IRQ_ATTR)) {
                    irqs.put(Long.parseLong(v), id);
                } else if (k.startsWith(PARAM_ATTR)) {
                    params.add(new KObject.Param("", v));
                } else {
                    params.add(new KObject.Param(k, v));
                }
            });
            objects.put(id, new KObject(type, params, slots.get(id)));
            if (o instanceof Untyped u && !u.children().isEmpty()) {
                covers.put(id, u.children().stream().filter(c -> w.object(c) != null).map(Sel4Bridge::id).toList());
            }
        }
        Map<CapSlot, CapSlot> cdt = new TreeMap<>();
        w.cdt().forEach((c, p) -> cdt.put(new CapSlot(id(c.holder()), c.index()), new CapSlot(id(p.holder()), p.index())));
        return new CapdlModel(ARCH, objects, covers, irqs, cdt, null, Map.of(), List.of());
    }

    /** A world name as a capDL name: {@code x[3]} is element 3 of array x. */
    static ObjId id(String name) {
        return CapdlValidator.parseId(name);
    }

    private static ObjectType typeOf(Sel4Object o) {
        return switch (o.type()) {
            case UNTYPED -> ObjectType.UNTYPED;
            case CNODE -> ObjectType.CNODE;
            case TCB -> ObjectType.TCB;
            case ENDPOINT -> ObjectType.ENDPOINT;
            case NOTIFICATION -> ObjectType.NOTIFICATION;
            case FRAME -> ObjectType.FRAME;
            case PAGING -> kindOf(((PagingStructure) o).kind(), ObjectType.PT);
            case OTHER -> kindOf(((OtherObject) o).kind(), ObjectType.ASID_POOL);
        };
    }

    private static ObjectType kindOf(String word, ObjectType fallback) {
        ObjectType t = ObjectType.ofKeyword(word);
        return t != null ? t : fallback;
    }

    /** A frame size as capDL writes it: 4k, 2M, 1G. */
    static String vmSize(int bits) {
        if (bits >= 30) {
            return (1L << (bits - 30)) + "G";
        }
        if (bits >= 20) {
            return (1L << (bits - 20)) + "M";
        }
        return (1L << Math.max(0, bits - 10)) + "k";
    }

    private static Cap cap(capsim.personality.sel4.Cap c, Sel4World w) {
        CapType type = switch (c.kind()) {
            case UNTYPED -> CapType.UNTYPED;
            case CNODE -> CapType.CNODE;
            case TCB -> CapType.TCB;
            case ENDPOINT -> CapType.ENDPOINT;
            case NOTIFICATION -> CapType.NOTIFICATION;
            case FRAME -> CapType.FRAME;
            case REPLY -> CapType.REPLY;
            case MASTER_REPLY -> CapType.MASTER_REPLY;
            case IRQ_CONTROL -> CapType.IRQ_CONTROL;
            case ASID_CONTROL -> CapType.ASID_CONTROL;
            case DOMAIN -> CapType.DOMAIN;
            case PAGING, OTHER -> {
                Sel4Object o = w.object(c.object());
                yield o == null ? CapType.PT : typeOf(o).capType();
            }
        };
        Set<Right> rights = EnumSet.noneOf(Right.class);
        CapRights r = c.rights();
        if (type == CapType.REPLY) {
            if (r.grant()) {
                rights.add(Right.GRANT);
            }
        } else if (type.hasRights()) {
            if (r.read()) {
                rights.add(Right.READ);
            }
            if (r.write()) {
                rights.add(Right.WRITE);
            }
            if (r.grant()) {
                rights.add(Right.GRANT);
            }
            if (r.grantReply()) {
                rights.add(Right.GRANT_REPLY);
            }
        }
        Map<String, String> attrs = new TreeMap<>();
        if (c.extra() != null) {
            for (String part : splitTop(c.extra())) {
                int colon = part.indexOf(':');
                if (colon > 0) {
                    attrs.put(part.substring(0, colon).strip(), part.substring(colon + 1).strip());
                } else {
                    attrs.put("extra", part.strip());
                }
            }
        }
        ObjId target = type.hasObject() ? id(c.object()) : null;
        boolean cnode = type == CapType.CNODE;
        return new Cap(type, target, rights, type == CapType.ENDPOINT || type == CapType.NOTIFICATION ? c.badge() : 0,
                cnode ? c.guard() : 0, cnode ? c.guardSize() : 0, attrs);
    }

    /** Splits {@code a: 1, b: (2, 3)} at the commas outside parentheses. */
    private static List<String> splitTop(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            depth += ch == '(' || ch == '[' ? 1 : ch == ')' || ch == ']' ? -1 : 0;
            if (ch == ',' && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    /** A capability kept as text in an attribute ({@code target (params)}), read back. */
    private static Cap parseCap(String text) {
        try {
            CapdlModel one = Capdl.parse("attribute", "arch " + ARCH + " objects { x = cnode (4 bits) } caps { x { 0: "
                    + text + " } }");
            return one.object(ObjId.of("x")).slots().get(0L);
        } catch (CapdlException e) {
            throw new IllegalStateException("a capability kept as an attribute does not read back: " + text, e);
        }
    }

    /** The capability distribution of {@code w} as canonical text: equal texts, equal distributions (for tests and diffs). */
    public static String fingerprint(Sel4World w) {
        StringBuilder sb = new StringBuilder();
        for (Sel4Object o : w.objects().values()) {
            sb.append("object ").append(o.name()).append(' ').append(o.type()).append(' ').append(o.sizeBits());
            if (o instanceof PagingStructure p) {
                sb.append(' ').append(p.kind());
            } else if (o instanceof OtherObject x) {
                sb.append(' ').append(x.kind());
            } else if (o instanceof CNode) {
                sb.append(" cnode");
            }
            sb.append(" in ").append(o.untyped()).append(o.untyped() == null && o instanceof Untyped ? " at " + o.base() : "")
                    .append(' ').append(o.attributes());
            if (o instanceof Tcb t) {
                sb.append(" fault ").append(t.faultEp()).append(" bound ").append(t.boundNotification());
            }
            if (o instanceof Untyped u) {
                sb.append(" children ").append(u.children());
            }
            sb.append('\n');
        }
        w.caps().forEach((s, c) -> sb.append("cap ").append(s).append(" = ").append(c.kind()).append(' ').append(c.object())
                .append(c.hasRights() ? " " + c.rights().word() : "").append(" badge ").append(c.badge())
                .append(c.kind() == CapKind.CNODE ? " guard " + c.guard() + "/" + c.guardSize() : "")
                .append(c.extra() == null ? "" : " (" + c.extra() + ")").append('\n'));
        w.cdt().forEach((c, p) -> sb.append("cdt ").append(c).append(" <- ").append(p).append('\n'));
        return sb.toString();
    }
}
