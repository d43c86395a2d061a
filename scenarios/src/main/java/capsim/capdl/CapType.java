package capsim.capdl;

/**
 * The kinds of capability capDL describes (capDL-tool's {@code Cap} constructors). Most designate one
 * object; the control capabilities ({@code irq_control}, {@code asid_control}, {@code io_space_master},
 * {@code domain}, {@code sched_control}) designate none and are written by those reserved names.
 */
public enum CapType {
    ENDPOINT, NOTIFICATION, TCB, REPLY, MASTER_REPLY, CNODE, UNTYPED, FRAME, PT, PD, PDPT, PML4, PUD, PGD,
    ASID_POOL, IRQ_HANDLER, IOAPIC_IRQ_HANDLER, MSI_IRQ_HANDLER, ARM_IRQ_HANDLER, IO_PORTS, IO_SPACE, ARM_IO_SPACE,
    IO_PT, VCPU, SC, RTREPLY, ARM_SID, ARM_CB, ARM_SMC, ARM_SGI_SIGNAL,
    IRQ_CONTROL("irq_control"), ASID_CONTROL("asid_control"), IO_SPACE_MASTER("io_space_master"), DOMAIN("domain"),
    SCHED_CONTROL("sched_control"), SGI_SIGNAL("sgi_signal");

    private final String reserved;

    CapType() {
        this(null);
    }

    CapType(String reserved) {
        this.reserved = reserved;
    }

    /** The reserved name of a control capability, or null for capabilities to objects. */
    public String reservedName() {
        return reserved;
    }

    /** True when the capability designates an object. */
    public boolean hasObject() {
        return reserved == null;
    }

    /** The control capability with this reserved name, or null. */
    static CapType ofReserved(String name) {
        for (CapType t : values()) {
            if (name.equals(t.reserved)) {
                return t;
            }
        }
        return null;
    }

    /** The kind of object this kind of capability designates (a reply cap designates the caller's TCB). */
    public ObjectType objectType() {
        return switch (this) {
            case REPLY, MASTER_REPLY -> ObjectType.TCB;
            default -> {
                for (ObjectType t : ObjectType.values()) {
                    if (t.capType() == this) {
                        yield t;
                    }
                }
                yield null;
            }
        };
    }

    /** True for the capabilities that carry R/W/G/P rights (capDL-tool's {@code hasRights}). */
    public boolean hasRights() {
        return this == ENDPOINT || this == NOTIFICATION || this == FRAME || this == ARM_SMC;
    }
}
