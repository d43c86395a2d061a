package capsim.capdl;

import capsim.capdl.Ast.CapDecl;
import capsim.capdl.Ast.CapMapping;
import capsim.capdl.Ast.CapNameDecl;
import capsim.capdl.Ast.CdtDecl;
import capsim.capdl.Ast.Decl;
import capsim.capdl.Ast.DomainDecl;
import capsim.capdl.Ast.IrqDecl;
import capsim.capdl.Ast.IrqMapping;
import capsim.capdl.Ast.NameRef;
import capsim.capdl.Ast.ObjDecl;
import capsim.capdl.Ast.Range;
import capsim.capdl.Ast.SlotRef;
import capsim.capdl.CapdlException.Problem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a capDL syntax tree into a {@link CapdlModel} with the semantics of capDL-tool's
 * {@code CapDL/MakeModel.hs}: objects first (an untyped may be declared again, and a qualified name
 * {@code a/b/c} declares the untypeds {@code a} and {@code b}), then untyped covers, the IRQ table, the
 * names of capability slots, the capabilities (an unnumbered slot follows the previous one, the first being
 * 0; a range of objects fills consecutive slots), copies of named capabilities ({@code <name>}, rights
 * masked by {@code masked:}), and the derivation tree. Where capDL-tool stops at the first {@code error},
 * this collects every problem of a phase before giving up, each at its place in the file.
 */
final class ModelBuilder {
    private static final Pattern RIGHTS = Pattern.compile("[RWGPX]+");
    private static final Pattern KERNEL_SCHED_CONTROL = Pattern.compile("(\\d+)_sched_control");
    private static final Pattern PAIR = Pattern.compile("\\(\\s*([^,()\\s]+)\\s*,\\s*([^,()\\s]+)\\s*\\)");

    /** An object while the model is built. */
    private static final class Building {
        final ObjectType type;
        final List<KObject.Param> params;
        final TreeMap<Long, Cap> slots = new TreeMap<>();

        Building(ObjectType type, List<KObject.Param> params) {
            this.type = type;
            this.params = params;
        }
    }

    /** A {@code <name>} copy waiting for the capabilities it copies. */
    private record PendingCopy(CapSlot at, NameRef source, Set<Right> mask, SourcePos pos) {
    }

    private final Ast.Module module;
    private final Map<ObjId, Building> objs = new LinkedHashMap<>();
    private final Map<ObjId, LinkedHashSet<ObjId>> covers = new LinkedHashMap<>();
    private final Map<Long, ObjId> irqs = new TreeMap<>();
    private final Map<ObjId, CapSlot> capNames = new HashMap<>();
    private final Map<CapSlot, CapSlot> cdt = new TreeMap<>();
    private final Map<Object, SourcePos> where = new HashMap<>();
    private final List<PendingCopy> copies = new ArrayList<>();
    private final List<Problem> errors = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private String domains;
    /** A dump printed by the kernel itself (names such as 0xffffff8001234000_tcb, which capDL cannot start with a digit). */
    private final boolean kernelDump;

    private ModelBuilder(Ast.Module module) {
        this.module = module;
        this.kernelDump = module.decls().stream().anyMatch(d -> d instanceof ObjDecl o && Character.isDigit(o.base().name().charAt(0)));
    }

    /** The model {@code module} describes; every problem found in one phase is reported together. */
    static CapdlModel build(Ast.Module module) throws CapdlException {
        return new ModelBuilder(module).run();
    }

    private CapdlModel run() throws CapdlException {
        List<ObjDecl> objDecls = module.decls().stream().filter(d -> d instanceof ObjDecl).map(d -> (ObjDecl) d).toList();
        for (ObjDecl d : objDecls) {
            addObject(d);
        }
        phase();
        for (ObjDecl d : objDecls) {
            addImpliedUntypeds(d);
        }
        phase();
        for (ObjDecl d : objDecls) {
            addCovers(null, d);
        }
        if (module.dump()) {
            DumpCovers.add(objs.keySet(), id -> objs.get(id).type, id -> sizeBits(objs.get(id)), covers);
            // DumpParser.hs (maybeInsertIRQ): an irqhandler@N object is IRQ N of the IRQ table
            for (ObjId id : objs.keySet()) {
                Long irq = id.name().startsWith("irqhandler@") ? DumpCovers.address(id.name()) : null;
                if (irq != null) {
                    irqs.put(irq, id);
                    where.put("irq " + irq, where.get(id));
                }
            }
        }
        phase();
        for (Decl d : module.decls()) {
            switch (d) {
                case IrqDecl irq -> addIrqs(irq);
                case CapNameDecl n -> capNames.put(ObjId.of(n.name()), new CapSlot(refToId(n.object()), n.slot()));
                case DomainDecl dom -> domains = dom.text();
                default -> {
                }
            }
        }
        phase();
        List<CapDecl> capDecls = module.decls().stream().filter(d -> d instanceof CapDecl).map(d -> (CapDecl) d).toList();
        for (CapDecl d : capDecls) {
            nameSlots(d);
        }
        phase();
        for (CapDecl d : capDecls) {
            addCaps(d);
        }
        phase();
        resolveCopies();
        phase();
        for (CapDecl d : capDecls) {
            addParents(d);
        }
        for (Decl d : module.decls()) {
            if (d instanceof CdtDecl c) {
                addCdt(c);
            }
        }
        phase();
        Map<ObjId, KObject> out = new LinkedHashMap<>();
        objs.forEach((id, b) -> out.put(id, new KObject(b.type, b.params, b.slots)));
        Map<ObjId, List<ObjId>> cov = new LinkedHashMap<>();
        covers.forEach((k, v) -> cov.put(k, List.copyOf(v)));
        return new CapdlModel(module.arch(), out, cov, irqs, cdt, domains, where, warnings);
    }

    private void phase() throws CapdlException {
        if (!errors.isEmpty()) {
            throw new CapdlException(errors.stream()
                    .sorted((a, b) -> a.at().line() != b.at().line() ? Integer.compare(a.at().line(), b.at().line())
                            : Integer.compare(a.at().col(), b.at().col()))
                    .toList());
        }
    }

    private void error(SourcePos at, String message) {
        errors.add(new Problem(at, message));
    }

    // ---- names and ranges (MakeModel.hs: refToID, refToIDs, numObject, unrange)

    /** A name that must designate one object: {@code x} or {@code x[3]}. */
    private ObjId refToId(NameRef r) throws CapdlException {
        if (!r.brackets()) {
            return ObjId.of(r.name());
        }
        if (r.ranges().size() == 1 && r.ranges().get(0).only()) {
            return ObjId.of(r.name(), r.ranges().get(0).from());
        }
        throw new CapdlException(r.pos(), "'" + r + "' names several objects where one was expected");
    }

    /** The objects {@code r} designates among {@code ids} (an object array's size comes from there). */
    private static List<ObjId> refToIds(NameRef r, java.util.function.ToLongFunction<String> count) throws CapdlException {
        if (!r.brackets()) {
            return List.of(ObjId.of(r.name()));
        }
        List<ObjId> out = new ArrayList<>();
        for (Range range : r.ranges()) {
            if (range.only()) {
                out.add(ObjId.of(r.name(), range.from()));
                continue;
            }
            long first = range.from() == null ? 0 : range.from();
            long last;
            if (range.to() != null) {
                last = range.to();
            } else {
                long n = count.applyAsLong(r.name());
                if (n < 0) {
                    throw new CapdlException(r.pos(), "'" + r.name() + "' is not an array of objects, so '" + r + "' means nothing");
                }
                last = n - 1;
            }
            if (first <= last) {
                for (long i = first; i <= last; i++) {
                    out.add(ObjId.of(r.name(), i));
                }
            } else if (range.to() != null) {
                for (long i = first; i >= last; i--) {
                    out.add(ObjId.of(r.name(), i));
                }
            }
        }
        return out;
    }

    private List<ObjId> objectsOf(NameRef r) throws CapdlException {
        return refToIds(r, name -> arraySize(objs.keySet(), name));
    }

    private static long arraySize(Set<ObjId> ids, String name) {
        if (!ids.contains(ObjId.of(name, 0))) {
            return -1;
        }
        long n = 0;
        while (ids.contains(ObjId.of(name, n))) {
            n++;
        }
        return n;
    }

    private boolean isMember(String name) {
        return objs.containsKey(ObjId.of(name)) || objs.containsKey(ObjId.of(name, 0));
    }

    /** {@code x} declares x; {@code x[n]} declares x[0] to x[n-1] (MakeModel.hs: makeIDs). */
    private List<ObjId> declared(NameRef base) throws CapdlException {
        if (!base.brackets()) {
            return List.of(ObjId.of(base.name()));
        }
        ObjId one = refToId(base);
        List<ObjId> out = new ArrayList<>();
        for (long i = 0; i < one.index(); i++) {
            out.add(ObjId.of(base.name(), i));
        }
        return out;
    }

    // ---- objects

    private void addObject(ObjDecl d) {
        try {
            NameRef base = d.base();
            ObjectType type = ObjectType.ofKeyword(d.type());
            if (type == null) {
                throw new CapdlException(d.typePos(), "unknown object type '" + d.type() + "' (one of: " + ObjectType.keywords() + ")");
            }
            if (d.hasBody() && type != ObjectType.UNTYPED) {
                throw new CapdlException(d.typePos(), "only untyped objects can contain objects, and '" + base.name() + "' is a " + d.type());
            }
            if (isMember(base.name())) {
                Building old = objs.get(ObjId.of(base.name()));
                if (kernelDump && old != null && old.type == type && !d.hasBody()) {
                    // src/machine/capdl.c prints an object once per CNode that holds a cap to it
                    return;
                }
                if (type != ObjectType.UNTYPED) {
                    ObjId first = objs.containsKey(ObjId.of(base.name())) ? ObjId.of(base.name()) : ObjId.of(base.name(), 0);
                    throw new CapdlException(base.pos(), "'" + base.name() + "' is declared twice (first at " + where.get(first) + ")");
                }
                // an untyped may be declared again to add to what it covers (capDL.md, Object Declarations)
            } else {
                List<KObject.Param> params = objectParams(d, type);
                for (ObjId id : declared(base)) {
                    objs.put(id, new Building(type, params));
                    where.put(id, base.pos());
                }
            }
        } catch (CapdlException e) {
            errors.addAll(e.problems());
        }
        for (Object c : d.children()) {
            if (c instanceof ObjDecl child) {
                addObject(child);
            }
        }
    }

    private List<KObject.Param> objectParams(ObjDecl d, ObjectType type) throws CapdlException {
        List<KObject.Param> params = new ArrayList<>();
        for (Ast.Param p : d.params()) {
            params.add(new KObject.Param(p.key(), p.value()));
        }
        KObject probe = new KObject(type, params, new TreeMap<>());
        if (type == ObjectType.CNODE && probe.sizeBits() == null) {
            throw new CapdlException(d.typePos(), "a cnode needs its size ('N bits'): " + d.base());
        }
        if (type == ObjectType.FRAME && probe.sizeBits() == null) {
            throw new CapdlException(d.typePos(), "a frame needs its size (4k, 2M, 1G... a power of two): " + d.base());
        }
        return params;
    }

    private static Long sizeBits(Building b) {
        return new KObject(b.type, b.params, new TreeMap<>()).sizeBits();
    }

    private void addImpliedUntypeds(ObjDecl d) {
        for (NameRef q : d.qname().subList(0, d.qname().size() - 1)) {
            try {
                ObjId id = refToId(q);
                Building b = objs.get(id);
                if (b == null) {
                    objs.put(id, new Building(ObjectType.UNTYPED, List.of()));
                    where.put(id, q.pos());
                } else if (b.type != ObjectType.UNTYPED) {
                    error(q.pos(), "'" + id + "' is used as an untyped in a qualified name but is a " + b.type.keyword());
                }
            } catch (CapdlException e) {
                errors.addAll(e.problems());
            }
        }
        for (Object c : d.children()) {
            if (c instanceof ObjDecl child) {
                addImpliedUntypeds(child);
            }
        }
    }

    // ---- untyped covers (MakeModel.hs: getUntypedCover)

    private void addCovers(NameRef enclosing, ObjDecl d) {
        try {
            List<NameRef> chain = new ArrayList<>();
            if (enclosing != null) {
                chain.add(enclosing);
            }
            chain.addAll(d.qname().subList(0, d.qname().size() - 1));
            List<ObjId> innermost = d.hasBody() ? List.of(refToId(d.base())) : declared(d.base());
            for (int i = chain.size() - 1; i >= 0; i--) {
                ObjId ut = refToId(chain.get(i));
                cover(ut, innermost, chain.get(i).pos());
                innermost = List.of(ut);
            }
            if (d.hasBody()) {
                ObjId self = refToId(d.base());
                for (Object c : d.children()) {
                    if (c instanceof NameRef r) {
                        cover(self, objectsOf(r), r.pos());
                    }
                }
                for (Object c : d.children()) {
                    if (c instanceof ObjDecl child) {
                        addCovers(d.base(), child);
                    }
                }
            }
        } catch (CapdlException e) {
            errors.addAll(e.problems());
        }
    }

    private void cover(ObjId ut, List<ObjId> ids, SourcePos at) {
        List<ObjId> found = new ArrayList<>();
        for (ObjId id : ids) {
            ObjId real = dumpResolve(id, at);
            if (real == null && kernelDump) {
                // src/machine/capdl.c: an untyped's child may be named without ever being declared
                warnings.add(new Problem(at, "'" + id + "' in the cover of '" + ut + "' is not declared in this kernel dump; left out"));
                continue;
            }
            if (real == null) {
                error(at, "'" + id + "' is not declared, so '" + ut + "' cannot cover it");
                return;
            }
            found.add(real);
        }
        covers.computeIfAbsent(ut, k -> new LinkedHashSet<>()).addAll(found);
    }

    /**
     * {@code id} itself when declared; in a kernel dump, the object the kernel meant by a name it prints
     * inconsistently ({@code P_untyped} for the untyped declared as {@code P_SIZE_untyped}), else an object of
     * the kind the name's suffix says, taken as declared with a warning (the kernel prints caps to objects it
     * does not declare, such as {@code P_reply}); otherwise null.
     */
    private ObjId dumpResolve(ObjId id, SourcePos at) {
        if (objs.containsKey(id) || !kernelDump || id.indexed()) {
            return objs.containsKey(id) ? id : null;
        }
        String n = id.name();
        if (n.endsWith("_untyped")) {
            String prefix = n.substring(0, n.length() - "_untyped".length()) + "_";
            List<ObjId> hits = objs.keySet().stream()
                    .filter(o -> o.name().startsWith(prefix) && o.name().endsWith("_untyped")).toList();
            if (hits.size() == 1) {
                return hits.get(0);
            }
        }
        int us = n.lastIndexOf('_');
        String suffix = us < 0 ? "" : n.substring(us + 1);
        ObjectType t = switch (suffix) {
            case "untyped" -> ObjectType.UNTYPED;
            case "reply" -> ObjectType.RTREPLY;
            case "pd" -> ObjectType.PD;
            case "irq" -> ObjectType.IRQ;
            default -> ObjectType.ofKeyword(suffix);
        };
        if (t == null || t == ObjectType.CNODE || t == ObjectType.FRAME) {
            return null;
        }
        objs.put(id, new Building(t, List.of()));
        where.put(id, at);
        warnings.add(new Problem(at, "'" + id + "' is not declared in this kernel dump; taken as a " + t.keyword()));
        return id;
    }

    // ---- IRQ table

    private void addIrqs(IrqDecl d) {
        long last = -1;
        for (IrqMapping m : d.mappings()) {
            try {
                long slot = m.slot() != null ? m.slot() : last + 1;
                List<ObjId> ids = objectsOf(m.irq());
                for (ObjId named : ids) {
                    ObjId id = dumpResolve(named, m.irq().pos());
                    if (id == null) {
                        throw new CapdlException(m.irq().pos(), "'" + named + "' in the IRQ table is not declared");
                    }
                    if (irqs.containsKey(slot)) {
                        throw new CapdlException(m.pos(), "IRQ " + slot + " is mapped twice");
                    }
                    irqs.put(slot, id);
                    where.put("irq " + slot, m.pos());
                    slot++;
                }
                last = slot - 1;
            } catch (CapdlException e) {
                errors.addAll(e.problems());
            }
        }
    }

    // ---- capabilities

    /** The slot of each mapping of a caps block in one container: an unnumbered one follows the previous. */
    private List<Long> slotsOf(CapDecl d) throws CapdlException {
        List<Long> out = new ArrayList<>();
        long last = -1;
        boolean unnumbered = false;
        boolean copy = false;
        for (CapMapping m : d.mappings()) {
            long slot = m.slot() != null ? m.slot() : last + 1;
            unnumbered |= m.slot() == null;
            copy |= m.copy();
            out.add(slot);
            last = slot + (m.copy() || reserved(m.target()) != null ? 1 : Math.max(1, objectsOf(m.target()).size())) - 1;
        }
        if (unnumbered && copy) {
            // capDL-tool: "uses both copies of caps and unnumbered slots" (a copy's length is not known yet)
            throw new CapdlException(d.pos(), "'" + d.container() + "' uses both copies of caps (<name>) and unnumbered slots");
        }
        return out;
    }

    private void nameSlots(CapDecl d) {
        try {
            List<Long> slots = slotsOf(d);
            ObjId container = objectsOf(d.container()).get(0);
            for (int i = 0; i < slots.size(); i++) {
                CapMapping m = d.mappings().get(i);
                if (m.name() == null) {
                    continue;
                }
                int len = m.copy() ? refToIds(m.target(), this::capNameArraySize).size() : objectsOf(m.target()).size();
                if (!m.name().brackets()) {
                    if (len != 1) {
                        throw new CapdlException(m.name().pos(), "cannot give one name to an array of caps: " + m.name());
                    }
                    capNames.put(ObjId.of(m.name().name()), new CapSlot(container, slots.get(i)));
                } else {
                    for (int k = 0; k < len; k++) {
                        capNames.put(ObjId.of(m.name().name(), k), new CapSlot(container, slots.get(i) + k));
                    }
                }
            }
        } catch (CapdlException e) {
            errors.addAll(e.problems());
        }
    }

    private long capNameArraySize(String name) {
        return arraySize(capNames.keySet(), name);
    }

    private static CapType reserved(NameRef r) {
        return r.brackets() ? null : CapType.ofReserved(r.name());
    }

    private void addCaps(CapDecl d) {
        List<ObjId> containers;
        List<Long> slots;
        try {
            containers = objectsOf(d.container());
            slots = slotsOf(d);
        } catch (CapdlException e) {
            errors.addAll(e.problems());
            return;
        }
        for (ObjId c : containers) {
            Building b = objs.get(c);
            if (b == null) {
                error(d.container().pos(), "unknown cap container '" + c + "'");
                continue;
            }
            if (!b.type.hasSlots()) {
                error(d.container().pos(), "'" + c + "' is a " + b.type.keyword() + ", which holds no capabilities");
                continue;
            }
            for (int i = 0; i < d.mappings().size(); i++) {
                try {
                    addMapping(c, b, slots.get(i), d.mappings().get(i));
                } catch (CapdlException e) {
                    errors.addAll(e.problems());
                }
            }
        }
    }

    private void addMapping(ObjId container, Building b, long slot, CapMapping m) throws CapdlException {
        if (m.copy()) {
            Set<Right> mask = EnumSet.allOf(Right.class);
            for (Ast.Param p : m.params()) {
                if (p.key().equals("masked")) {
                    mask.retainAll(rights(p));
                } else {
                    throw new CapdlException(p.pos(), "a copy of a named cap takes only 'masked:', not '" + p + "'");
                }
            }
            copies.add(new PendingCopy(new CapSlot(container, slot), m.target(), mask, m.pos()));
            return;
        }
        CapType special = reserved(m.target());
        if (special != null) {
            put(container, b, slot, controlCap(special, m), m.pos());
            return;
        }
        Matcher sched = KERNEL_SCHED_CONTROL.matcher(m.target().name());
        if (kernelDump && !m.target().brackets() && sched.matches() && !objs.containsKey(ObjId.of(m.target().name()))) {
            // the MCS kernel's dump prints a core's sched_control cap as CORE_sched_control
            put(container, b, slot, new Cap(CapType.SCHED_CONTROL, null, Set.of(), 0, 0, 0, Map.of("core", sched.group(1))), m.pos());
            return;
        }
        for (ObjId named : objectsOf(m.target())) {
            ObjId target = dumpReply(container, b, slot, named);
            if (target == null) {
                target = dumpResolve(named, m.target().pos());
            }
            Building t = target == null ? null : objs.get(target);
            if (t == null && kernelDump) {
                warnings.add(new Problem(m.target().pos(), "the cap in slot " + slot + " of '" + container + "' names '" + named
                        + "', which this kernel dump never declares; left out"));
                slot++;
                continue;
            }
            if (t == null) {
                throw new CapdlException(m.target().pos(), "unknown object '" + named + "' for a cap in '" + container + "'");
            }
            Cap cap = capTo(target, t.type, m);
            if (kernelDump && b.type == ObjectType.TCB && t.type == ObjectType.TCB && cap.type() == CapType.TCB) {
                // the kernel prints the reply cap of slot 2 and the caller cap of slot 3 as bare TCB names
                cap = slot == 2 ? new Cap(CapType.MASTER_REPLY, target, Set.of(), 0, 0, 0, Map.of())
                        : slot == 3 ? new Cap(CapType.REPLY, target, Set.of(), 0, 0, 0, Map.of()) : cap;
            }
            put(container, b, slot++, cap, m.pos());
        }
    }

    /** In a kernel dump, {@code reply_slot: P_reply} of TCB {@code P_tcb} (non-MCS) is its own master reply cap. */
    private ObjId dumpReply(ObjId container, Building b, long slot, ObjId named) {
        if (!kernelDump || b.type != ObjectType.TCB || slot != 2 || objs.containsKey(named) || !named.name().endsWith("_reply")) {
            return null;
        }
        ObjId tcb = ObjId.of(named.name().substring(0, named.name().length() - "_reply".length()) + "_tcb");
        Building t = objs.get(tcb);
        return t != null && t.type == ObjectType.TCB ? tcb : null;
    }

    private void put(ObjId container, Building b, long slot, Cap cap, SourcePos at) throws CapdlException {
        CapSlot key = new CapSlot(container, slot);
        if (b.slots.containsKey(slot)) {
            throw new CapdlException(at, "slot " + slot + " of '" + container + "' is already filled (at " + where.get(key) + ")");
        }
        b.slots.put(slot, cap);
        where.put(key, at);
    }

    private Cap controlCap(CapType type, CapMapping m) throws CapdlException {
        Map<String, String> attrs = new TreeMap<>();
        for (Ast.Param p : m.params()) {
            boolean ok = (type == CapType.SCHED_CONTROL && p.key().equals("core"))
                    || (type == CapType.SGI_SIGNAL && (p.key().equals("target") || p.key().equals("irq")));
            if (!ok) {
                throw new CapdlException(p.pos(), "'" + type.reservedName() + "' takes no parameter '" + p + "'");
            }
            attrs.put(p.key(), String.valueOf(number(p)));
        }
        if (type == CapType.SCHED_CONTROL && !attrs.containsKey("core")) {
            throw new CapdlException(m.pos(), "'sched_control' needs its core ('(core: N)')");
        }
        return new Cap(type, null, Set.of(), 0, 0, 0, attrs);
    }

    /** The capability to an object of kind {@code kind}, as capDL-tool's {@code objCapOf} makes it, parameters checked. */
    private Cap capTo(ObjId target, ObjectType kind, CapMapping m) throws CapdlException {
        CapType type = kind.capType();
        Set<Right> rights = EnumSet.noneOf(Right.class);
        long badge = 0;
        long guard = 0;
        long guardSize = 0;
        Map<String, String> attrs = new TreeMap<>();
        boolean reply = false;
        boolean master = false;
        for (Ast.Param p : m.params()) {
            String what;
            if (p.key().isEmpty() && RIGHTS.matcher(p.value()).matches()) {
                what = "rights";
                for (char c : p.value().toCharArray()) {
                    if (c == 'X' && kind == ObjectType.FRAME) {
                        attrs.put("executable", "true");
                    } else {
                        rights.add(Right.of(c));
                    }
                }
            } else if (p.key().isEmpty()) {
                what = p.value();
                switch (p.value()) {
                    case "reply" -> reply = true;
                    case "master_reply" -> master = true;
                    case "cached" -> attrs.remove("cached");
                    case "uncached" -> attrs.put("cached", "false");
                    case "executable" -> attrs.put("executable", "true");
                    case "execute_never" -> attrs.put("executable", "false");
                    default -> throw new CapdlException(p.pos(), "unknown capability parameter '" + p.value() + "'");
                }
            } else {
                what = p.key();
                switch (p.key()) {
                    case "badge" -> badge = number(p);
                    case "guard" -> guard = number(p);
                    case "guard_size" -> guardSize = number(p);
                    case "asid" -> attrs.put("asid", asid(p));
                    case "mapping" -> attrs.put("mapping", mapping(p));
                    case "masked" -> throw new CapdlException(p.pos(), "'masked:' applies to copies of named caps (<name>) only");
                    default -> {
                        what = "other";
                        attrs.put(p.key(), p.value());
                        warnings.add(new Problem(p.pos(), "capability parameter '" + p.key() + "' is not capDL-tool's; kept as written"));
                    }
                }
            }
            if (!applies(what, kind)) {
                throw new CapdlException(p.pos(), "'" + p + "' does not apply to a cap to '" + target + "' (" + kind.keyword() + ")");
            }
        }
        if (reply && master) {
            throw new CapdlException(m.pos(), "a cap is 'reply' or 'master_reply', not both");
        }
        if (!rights.isEmpty() && kind == ObjectType.TCB && !reply) {
            // capsim writes a reply cap's grant right (capReplyCanGrant); capDL-tool has no rights on TCB caps
            throw new CapdlException(m.pos(), "rights on a cap to a TCB are for reply caps only: " + m.target());
        }
        if (reply) {
            type = CapType.REPLY;
        } else if (master) {
            type = CapType.MASTER_REPLY;
        }
        return new Cap(type, target, rights, badge, guard, guardSize, attrs);
    }

    /** capDL-tool's {@code validCapPars}: which parameters a capability to each kind of object takes. */
    private static boolean applies(String what, ObjectType kind) {
        return switch (what) {
            case "other" -> true;
            case "rights", "badge" -> kind == ObjectType.ENDPOINT || kind == ObjectType.NOTIFICATION
                    || (what.equals("rights") && (kind == ObjectType.FRAME || kind == ObjectType.TCB)) || kind == ObjectType.ARM_SMC;
            case "reply", "master_reply" -> kind == ObjectType.TCB;
            case "guard", "guard_size" -> kind == ObjectType.CNODE;
            case "cached", "uncached", "executable", "execute_never", "mapping" -> kind == ObjectType.FRAME;
            case "asid" -> kind == ObjectType.FRAME || kind.isPaging() || kind == ObjectType.ASID_POOL; // the kernel dump writes it on ASID pool caps
            default -> false;
        };
    }

    private static Set<Right> rights(Ast.Param p) throws CapdlException {
        if (!RIGHTS.matcher(p.value()).matches()) {
            throw new CapdlException(p.pos(), "expected rights (R, W, G, P), found '" + p.value() + "'");
        }
        Set<Right> out = EnumSet.noneOf(Right.class);
        for (char c : p.value().toCharArray()) {
            out.add(Right.of(c));
        }
        return out;
    }

    private static long number(Ast.Param p) throws CapdlException {
        try {
            return KObject.parseNumber(p.value());
        } catch (NumberFormatException e) {
            throw new CapdlException(p.pos(), "'" + p.key() + "' needs a number, found '" + p.value() + "'");
        }
    }

    /** {@code asid: (high, low)}, or the one number the kernel's dump writes; kept as {@code (h, l)} or {@code n}. */
    private static String asid(Ast.Param p) throws CapdlException {
        Matcher pair = PAIR.matcher(p.value());
        try {
            if (pair.matches()) {
                return "(" + KObject.parseNumber(pair.group(1)) + ", " + KObject.parseNumber(pair.group(2)) + ")";
            }
            return String.valueOf(KObject.parseNumber(p.value()));
        } catch (NumberFormatException e) {
            throw new CapdlException(p.pos(), "'asid' needs (high, low), found '" + p.value() + "'");
        }
    }

    /** {@code mapping: (pt, slot)}; kept as {@code (pt, slot)} with a decimal slot. */
    private static String mapping(Ast.Param p) throws CapdlException {
        Matcher pair = PAIR.matcher(p.value());
        if (pair.matches()) {
            Long slot = CapdlParser.SYMBOLIC_SLOTS.get(pair.group(2));
            try {
                return "(" + pair.group(1) + ", " + (slot != null ? slot : KObject.parseNumber(pair.group(2))) + ")";
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new CapdlException(p.pos(), "'mapping' needs (page_table, slot), found '" + p.value() + "'");
    }

    // ---- copies of named capabilities (MakeModel.hs: addCapCopyDecls)

    private void resolveCopies() {
        Map<CapSlot, PendingCopy> pending = new HashMap<>();
        for (PendingCopy c : copies) {
            pending.put(c.at(), c);
        }
        for (PendingCopy c : copies) {
            try {
                List<ObjId> names = refToIds(c.source(), this::capNameArraySize);
                long slot = c.at().slot();
                for (ObjId name : names) {
                    Cap src = resolve(name, c, pending);
                    if (src.type().hasRights()) {
                        Set<Right> r = EnumSet.noneOf(Right.class);
                        r.addAll(src.rights());
                        r.retainAll(c.mask());
                        src = src.withRights(r);
                    }
                    Building b = objs.get(c.at().object());
                    put(c.at().object(), b, slot++, src, c.pos());
                }
            } catch (CapdlException e) {
                errors.addAll(e.problems());
            }
        }
    }

    private Cap resolve(ObjId name, PendingCopy c, Map<CapSlot, PendingCopy> pending) throws CapdlException {
        Set<CapSlot> seen = new HashSet<>();
        CapSlot at = capNames.get(name);
        while (true) {
            if (at == null) {
                throw new CapdlException(c.source().pos(), "unknown cap name '" + name + "'");
            }
            if (!seen.add(at)) {
                throw new CapdlException(c.pos(), "cyclic copies of named caps through " + at);
            }
            Building b = objs.get(at.object());
            Cap cap = b == null ? null : b.slots.get(at.slot());
            if (cap != null) {
                return cap;
            }
            PendingCopy next = pending.get(at);
            if (next == null) {
                throw new CapdlException(c.pos(), "cap name '" + name + "' refers to " + at + ", which holds no cap");
            }
            at = capNames.get(refToIds(next.source(), this::capNameArraySize).get(0));
        }
    }

    // ---- derivation tree

    private CapSlot slotOf(SlotRef r) throws CapdlException {
        if (r.named()) {
            CapSlot s = capNames.get(refToId(r.object()));
            if (s == null) {
                throw new CapdlException(r.pos(), "unknown cap name '" + r.object() + "'");
            }
            return s;
        }
        return new CapSlot(refToId(r.object()), r.slot());
    }

    private void addParents(CapDecl d) {
        try {
            List<Long> slots = slotsOf(d);
            for (ObjId c : objectsOf(d.container())) {
                for (int i = 0; i < slots.size(); i++) {
                    CapMapping m = d.mappings().get(i);
                    if (m.parent() != null) {
                        link(new CapSlot(c, slots.get(i)), slotOf(m.parent()), m.parent().pos());
                    }
                }
            }
        } catch (CapdlException e) {
            errors.addAll(e.problems());
        }
    }

    private void addCdt(CdtDecl d) {
        try {
            CapSlot parent = slotOf(d.parent());
            for (Object child : d.children()) {
                if (child instanceof SlotRef r) {
                    link(slotOf(r), parent, r.pos());
                } else if (child instanceof CdtDecl nested) {
                    link(slotOf(nested.parent()), parent, nested.pos());
                    addCdt(nested);
                }
            }
        } catch (CapdlException e) {
            errors.addAll(e.problems());
        }
    }

    private void link(CapSlot child, CapSlot parent, SourcePos at) throws CapdlException {
        CapSlot old = cdt.putIfAbsent(child, parent);
        if (old != null && !old.equals(parent)) {
            throw new CapdlException(at, child + " has two parents in the derivation tree: " + old + " and " + parent);
        }
        where.putIfAbsent("cdt " + child, at);
    }
}
