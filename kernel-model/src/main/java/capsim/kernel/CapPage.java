package capsim.kernel;

import java.util.Arrays;

/**
 * A capability page: {@link #SLOTS} capability slots, a node of the
 * capability address space. Slots start void.
 */
public final class CapPage extends KernelObject {
    public static final int SLOTS = 256;

    private final Capability[] slots;

    CapPage(int oid, int version, int chargedTo) {
        super(CapType.CAPPAGE, oid, version, chargedTo);
        this.slots = new Capability[SLOTS];
        Arrays.fill(slots, Capability.VOID);
    }

    private CapPage(CapPage o) {
        super(CapType.CAPPAGE, o.oid(), o.version(), o.chargedTo());
        this.slots = o.slots.clone();
    }


    @Override
    CapPage copy() {
        return new CapPage(this);
    }

    /** The capability stored in slot {@code i} (possibly stale: see {@link Kernel#designates}). */
    public Capability slot(int i) {
        return slots[i];
    }

    void setSlot(int i, Capability cap) {
        slots[i] = cap;
    }
}
