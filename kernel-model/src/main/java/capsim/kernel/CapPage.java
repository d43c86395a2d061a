package capsim.kernel;

import java.util.Arrays;

/**
 * A capability page: {@link #SLOTS} capability slots, a node of the
 * capability address space. Slots start void.
 */
public final class CapPage extends KernelObject {
    public static final int SLOTS = 256;

    private Capability[] slots;
    /**
     * Copy-on-write: a copy shares the slot array with its original until either of them stores into it
     * (checker and explorer copy whole kernels after every step, and most pages do not change in a step).
     */
    private boolean shared;

    CapPage(int oid, int version, int chargedTo) {
        super(CapType.CAPPAGE, oid, version, chargedTo);
        this.slots = new Capability[SLOTS];
        Arrays.fill(slots, Capability.VOID);
    }

    private CapPage(CapPage o) {
        super(CapType.CAPPAGE, o.oid(), o.version(), o.chargedTo());
        this.slots = o.slots;
        this.shared = true;
        o.shared = true;
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
        if (shared) {
            slots = slots.clone();
            shared = false;
        }
        slots[i] = cap;
    }

    /** True when every slot holds an equal capability (a state comparison). */
    boolean sameSlots(CapPage o) {
        return slots == o.slots || java.util.Arrays.equals(slots, o.slots);
    }
}
