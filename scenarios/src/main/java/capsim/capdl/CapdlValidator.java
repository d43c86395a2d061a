package capsim.capdl;

import capsim.capdl.CapdlException.Problem;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * capDL-tool's model check ({@code CapDL/State.hs}, {@code checkModel}), each finding placed where the
 * object or capability was written: objects and capabilities valid for the architecture; every capability
 * designates a declared object of the kind it is a capability to, and sits in a slot that may hold it (a
 * TCB's cspace slot a CNode cap, its vspace slot the architecture's root page table...); an object covered
 * by one untyped at most, and only untypeds cover; a page directory in one ASID pool and a page table in one
 * page directory at most (capsim extends this to every paging level); the IRQ table names IRQ objects; and
 * no frame mapping ({@code mapping: (pt, slot)}) given by two frame caps.
 */
public final class CapdlValidator {
    /** The architectures capDL-tool knows ({@code CapDL/Model.hs}: {@code Arch}), with names the kernel also prints. */
    enum Arch {
        IA32, ARM11, X86_64, AARCH64, RISCV;

        static Arch of(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "ia32", "x86" -> IA32;
                case "arm11", "aarch32", "arm" -> ARM11;
                case "x86_64" -> X86_64;
                case "aarch64" -> AARCH64;
                case "riscv", "riscv32", "riscv64" -> RISCV;
                default -> null;
            };
        }
    }

    private final CapdlModel m;
    private final String file;
    private final List<Problem> out = new ArrayList<>();

    private CapdlValidator(CapdlModel m, String file) {
        this.m = m;
        this.file = file;
    }

    /** Every finding, in file order; empty when the model passes. {@code file} names the file for findings without a place. */
    public static List<Problem> check(CapdlModel model, String file) {
        CapdlValidator v = new CapdlValidator(model, file);
        v.run();
        v.out.sort((a, b) -> a.at().line() != b.at().line() ? Integer.compare(a.at().line(), b.at().line())
                : Integer.compare(a.at().col(), b.at().col()));
        return List.copyOf(v.out);
    }

    private void run() {
        Arch arch = Arch.of(m.arch());
        if (arch == null) {
            out.add(new Problem(at(null), "unknown architecture '" + m.arch() + "' (ia32, arm11, x86_64, aarch64, riscv)"));
        }
        m.objects().forEach((id, o) -> {
            if (arch != null && !validFor(arch, o.type())) {
                out.add(new Problem(at(id), "'" + id + "' (" + o.type().keyword() + ") is not a valid object for " + m.arch()));
            }
            o.slots().forEach((slot, cap) -> checkCap(arch, id, o, slot, cap));
        });
        checkCovers();
        checkMappedOnce();
        m.irqs().forEach((irq, id) -> {
            KObject o = m.object(id);
            if (o == null || !o.type().isIrq()) {
                out.add(new Problem(at("irq " + irq), "IRQ " + irq + " maps '" + id + "', which is not an irq object"));
            }
        });
        checkFrameMappings();
    }

    private void checkCap(Arch arch, ObjId container, KObject o, long slot, Cap cap) {
        CapSlot where = new CapSlot(container, slot);
        String here = "the cap in slot " + slot + " of '" + container + "'";
        if (cap.type().hasObject()) {
            KObject target = m.object(cap.target());
            if (target == null) {
                out.add(new Problem(at(where), here + " designates '" + cap.target() + "', which is not declared"));
                return;
            }
            if (target.type() != cap.type().objectType()) {
                out.add(new Problem(at(where), here + " is a " + name(cap.type()) + " cap but '" + cap.target() + "' is a "
                        + target.type().keyword()));
                return;
            }
        } else if (arch != null && !controlValidFor(arch, cap.type())) {
            out.add(new Problem(at(where), here + " (" + cap.type().reservedName() + ") is not valid for " + m.arch()));
        }
        String bad = slotProblem(arch, o.type(), slot, cap);
        if (bad != null) {
            out.add(new Problem(at(where), here + " is not valid there: " + bad));
        }
    }

    /** capDL-tool's {@code validObjCap}; null when the cap may sit in that slot. */
    private static String slotProblem(Arch arch, ObjectType container, long slot, Cap cap) {
        CapType t = cap.type();
        return switch (container) {
            case TCB -> tcbSlot(arch, slot, t);
            case CNODE, IO_DEVICE, ARM_IO_DEVICE -> null;
            case IRQ, IOAPIC_IRQ, MSI_IRQ, ARM_IRQ ->
                    slot == 0 && t == CapType.NOTIFICATION ? null : "an irq object holds one notification cap, in slot 0";
            case ASID_POOL -> vspaceRoot(arch, t) ? null : "an ASID pool holds top-level page tables";
            case PT -> t == CapType.FRAME || (arch == Arch.RISCV && t == CapType.PT) ? null : "a page table holds frames";
            case PD -> t == CapType.FRAME || t == CapType.PT ? null : "a page directory holds frames and page tables";
            case PDPT, PUD -> t == CapType.FRAME || t == CapType.PD ? null : "this level holds frames and page directories";
            case PML4 -> t == CapType.PDPT ? null : "a PML4 holds PDPTs";
            case PGD -> t == CapType.PUD ? null : "a PGD holds PUDs";
            case IO_PT -> t == CapType.FRAME || t == CapType.IO_PT ? null : "an I/O page table holds frames and I/O page tables";
            default -> "a " + container.keyword() + " holds no capabilities";
        };
    }

    private static String tcbSlot(Arch arch, long slot, CapType t) {
        CapType want;
        switch ((int) Math.min(slot, 100)) {
            case 0 -> want = CapType.CNODE;
            case 1 -> {
                return vspaceRoot(arch, t) ? null : "a TCB's vspace slot (1) holds the top-level page table of its architecture";
            }
            case 2 -> want = CapType.MASTER_REPLY;
            case 3 -> want = CapType.REPLY;
            case 4 -> want = CapType.FRAME;
            case 5, 7 -> want = CapType.ENDPOINT;
            case 6 -> want = CapType.SC;
            case 8 -> want = CapType.NOTIFICATION;
            case 9 -> {
                return t == CapType.VCPU && arch != Arch.RISCV ? null : "a TCB's bound_vcpu slot (9) holds a vcpu cap";
            }
            default -> {
                return "a TCB has slots 0 to 9 only";
            }
        }
        return t == want ? null : "TCB slot " + slot + " holds a " + name(want) + " cap";
    }

    private static boolean vspaceRoot(Arch arch, CapType t) {
        if (arch == null) {
            return EnumSet.of(CapType.PD, CapType.PML4, CapType.PGD, CapType.PUD, CapType.PT).contains(t);
        }
        return switch (arch) {
            case IA32, ARM11 -> t == CapType.PD;
            case X86_64 -> t == CapType.PML4;
            case AARCH64 -> t == CapType.PGD || t == CapType.PUD;
            case RISCV -> t == CapType.PT;
        };
    }

    /** capDL-tool's {@code validObjArch}. */
    static boolean validFor(Arch arch, ObjectType t) {
        return switch (t) {
            case ENDPOINT, NOTIFICATION, TCB, CNODE, UNTYPED, ASID_POOL, PD, PT, FRAME, SC, RTREPLY, IRQ -> true;
            case VCPU -> arch != Arch.RISCV;
            case ARM_IO_DEVICE, ARM_IRQ -> arch == Arch.ARM11 || arch == Arch.AARCH64;
            case IO_PORTS, IO_DEVICE, IO_PT, IOAPIC_IRQ, MSI_IRQ -> arch == Arch.IA32 || arch == Arch.X86_64;
            case PML4, PDPT -> arch == Arch.X86_64;
            case PUD, PGD, ARM_SID, ARM_CB, ARM_SMC -> arch == Arch.AARCH64;
            case ARM_SGI_SIGNAL -> arch == Arch.ARM11 || arch == Arch.AARCH64;
        };
    }

    private static boolean controlValidFor(Arch arch, CapType t) {
        return switch (t) {
            case IO_SPACE_MASTER -> arch == Arch.IA32 || arch == Arch.X86_64;
            case SGI_SIGNAL -> arch == Arch.ARM11 || arch == Arch.AARCH64;
            default -> true;
        };
    }

    private void checkCovers() {
        Map<ObjId, ObjId> coveredBy = new HashMap<>();
        m.covers().forEach((ut, ids) -> {
            KObject u = m.object(ut);
            if (u == null || u.type() != ObjectType.UNTYPED) {
                out.add(new Problem(at(ut), "'" + ut + "' covers objects but is not an untyped"));
            }
            for (ObjId id : ids) {
                if (m.object(id) == null) {
                    out.add(new Problem(at(ut), "'" + ut + "' covers '" + id + "', which is not declared"));
                }
                ObjId other = coveredBy.putIfAbsent(id, ut);
                if (other != null && !other.equals(ut)) {
                    out.add(new Problem(at(id), "untyped covers intersect: '" + id + "' is covered by '" + other + "' and '" + ut + "'"));
                }
            }
        });
    }

    /** A page directory in one ASID pool, a page table in one directory (State.hs: checkMappings), every level alike. */
    private void checkMappedOnce() {
        Map<ObjId, ObjId> parent = new LinkedHashMap<>();
        m.objects().forEach((id, o) -> {
            if (!o.type().isPaging() && o.type() != ObjectType.ASID_POOL) {
                return;
            }
            o.slots().forEach((slot, cap) -> {
                KObject t = cap.target() == null ? null : m.object(cap.target());
                if (t == null || !t.type().isPaging()) {
                    return;
                }
                ObjId other = parent.putIfAbsent(cap.target(), id);
                if (other != null && !other.equals(id)) {
                    out.add(new Problem(at(new CapSlot(id, slot)), "'" + cap.target() + "' is mapped into both '" + other + "' and '" + id + "'"));
                }
            });
        });
    }

    /** State.hs: checkMappedFrameCaps. */
    private void checkFrameMappings() {
        Map<String, CapSlot> seen = new HashMap<>();
        for (Map.Entry<CapSlot, Cap> e : m.caps()) {
            String mapping = e.getValue().attributes().get("mapping");
            if (mapping == null) {
                continue;
            }
            KObject container = m.object(e.getKey().object());
            if (container.type() != ObjectType.CNODE) {
                out.add(new Problem(at(e.getKey()), "a frame cap with a mapping is in '" + e.getKey().object() + "', which is not a CNode"));
            }
            CapSlot first = seen.putIfAbsent(mapping, e.getKey());
            if (first != null) {
                out.add(new Problem(at(e.getKey()), "frame mapping " + mapping + " is given by two frame caps: " + first + " and " + e.getKey()));
            }
            String inner = mapping.substring(1, mapping.length() - 1);
            int comma = inner.lastIndexOf(',');
            ObjId pt = parseId(inner.substring(0, comma).strip());
            long slot = Long.parseLong(inner.substring(comma + 1).strip());
            KObject table = m.object(pt);
            if (table == null || !table.type().isPaging()) {
                out.add(new Problem(at(e.getKey()), "mapping " + mapping + " names '" + pt + "', which is not a page table or directory"));
            } else {
                Cap there = table.slots().get(slot);
                if (there == null || there.type() != CapType.FRAME) {
                    out.add(new Problem(at(e.getKey()), "mapping " + mapping + " names a slot that holds no frame"));
                }
            }
        }
    }

    static ObjId parseId(String s) {
        int b = s.indexOf('[');
        if (b > 0 && s.endsWith("]")) {
            try {
                return ObjId.of(s.substring(0, b), KObject.parseNumber(s.substring(b + 1, s.length() - 1)));
            } catch (NumberFormatException e) {
                return ObjId.of(s);
            }
        }
        return ObjId.of(s);
    }

    private static String name(CapType t) {
        return t.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private SourcePos at(Object key) {
        SourcePos p = key == null ? null : m.where(key);
        return p != null ? p : new SourcePos(file, 1, 1);
    }
}
