package capsim.capdl;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kinds of kernel object capDL names (capDL-tool's {@code KOType} and the keywords of
 * {@code object_type} in {@code ParserUtils.hs}), with what capsim does with each: the seL4 personality
 * simulates endpoints, notifications, TCBs, CNodes and untypeds, keeps frames and paging structures as
 * passive objects, and keeps every other kind as an opaque object that is drawn and checked but not run.
 */
public enum ObjectType {
    ENDPOINT("ep", CapType.ENDPOINT, false, Role.SIMULATED),
    NOTIFICATION("notification", CapType.NOTIFICATION, false, Role.SIMULATED, "aep"),
    TCB("tcb", CapType.TCB, true, Role.SIMULATED),
    CNODE("cnode", CapType.CNODE, true, Role.SIMULATED),
    UNTYPED("ut", CapType.UNTYPED, false, Role.SIMULATED),
    FRAME("frame", CapType.FRAME, false, Role.PASSIVE),
    PT("pt", CapType.PT, true, Role.PASSIVE),
    PD("pd", CapType.PD, true, Role.PASSIVE),
    PDPT("pdpt", CapType.PDPT, true, Role.PASSIVE),
    PML4("pml4", CapType.PML4, true, Role.PASSIVE),
    PUD("pud", CapType.PUD, true, Role.PASSIVE),
    PGD("pgd", CapType.PGD, true, Role.PASSIVE),
    ASID_POOL("asid_pool", CapType.ASID_POOL, true, Role.OPAQUE),
    IRQ("irq", CapType.IRQ_HANDLER, true, Role.OPAQUE),
    IOAPIC_IRQ("ioapic_irq", CapType.IOAPIC_IRQ_HANDLER, true, Role.OPAQUE),
    MSI_IRQ("msi_irq", CapType.MSI_IRQ_HANDLER, true, Role.OPAQUE),
    ARM_IRQ("arm_irq", CapType.ARM_IRQ_HANDLER, true, Role.OPAQUE),
    IO_PORTS("io_ports", CapType.IO_PORTS, false, Role.OPAQUE),
    IO_DEVICE("io_device", CapType.IO_SPACE, true, Role.OPAQUE),
    ARM_IO_DEVICE("arm_io_device", CapType.ARM_IO_SPACE, true, Role.OPAQUE, "io_space"),
    IO_PT("io_pt", CapType.IO_PT, true, Role.OPAQUE),
    VCPU("vcpu", CapType.VCPU, false, Role.OPAQUE),
    SC("sc", CapType.SC, false, Role.OPAQUE),
    RTREPLY("rtreply", CapType.RTREPLY, false, Role.OPAQUE),
    ARM_SID("streamid", CapType.ARM_SID, false, Role.OPAQUE),
    ARM_CB("contextbank", CapType.ARM_CB, false, Role.OPAQUE),
    ARM_SMC("smc", CapType.ARM_SMC, false, Role.OPAQUE),
    ARM_SGI_SIGNAL("arm_sgi_signal", CapType.ARM_SGI_SIGNAL, false, Role.OPAQUE);

    /** What capsim does with objects of a kind. */
    public enum Role {
        /** Run by the seL4 personality. */
        SIMULATED,
        /** Kept by the personality as a passive object (mapped, not simulated as memory). */
        PASSIVE,
        /** Kept, checked and drawn only. */
        OPAQUE
    }

    private static final Map<String, ObjectType> BY_KEYWORD = new TreeMap<>();

    static {
        for (ObjectType t : values()) {
            BY_KEYWORD.put(t.keyword, t);
            for (String a : t.aliases) {
                BY_KEYWORD.put(a, t);
            }
        }
    }

    private final String keyword;
    private final CapType capType;
    private final boolean hasSlots;
    private final Role role;
    private final List<String> aliases;

    ObjectType(String keyword, CapType capType, boolean hasSlots, Role role, String... aliases) {
        this.keyword = keyword;
        this.capType = capType;
        this.hasSlots = hasSlots;
        this.role = role;
        this.aliases = List.of(aliases);
    }

    /** The keyword capDL writes ({@code ep}, {@code cnode}...). */
    public String keyword() {
        return keyword;
    }

    /** The kind of capability that designates an object of this kind (a TCB's reply caps aside). */
    public CapType capType() {
        return capType;
    }

    /** True when objects of this kind hold capabilities in slots (capDL-tool's {@code hasSlots}). */
    public boolean hasSlots() {
        return hasSlots;
    }

    /** What capsim does with it. */
    public Role role() {
        return role;
    }

    /** True for the interrupt objects whose slot 0 holds the notification the interrupt signals. */
    public boolean isIrq() {
        return this == IRQ || this == IOAPIC_IRQ || this == MSI_IRQ || this == ARM_IRQ;
    }

    /** True for page tables and the levels above them. */
    public boolean isPaging() {
        return role == Role.PASSIVE && this != FRAME;
    }

    /** The kind a keyword names ({@code aep} is the old name of a notification), or null. */
    public static ObjectType ofKeyword(String keyword) {
        return BY_KEYWORD.get(keyword);
    }

    /** Every keyword read, for messages. */
    public static String keywords() {
        return String.join(", ", BY_KEYWORD.keySet());
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
