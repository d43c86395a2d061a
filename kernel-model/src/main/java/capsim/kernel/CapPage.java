package capsim.kernel;

import java.util.Arrays;

/**
 * A capability page: {@link #SLOTS} capability slots, a node of the
 * capability address space. Slots start void.
 */
public final class CapPage extends KernelObject {
    public static final int SLOTS = 256;

    private Capability[] slots;
    /** Bit i set when slot i holds a non-void capability: walks over a page visit only the used slots. */
    private long[] used;
    /**
     * Copy-on-write: a copy shares the slot array with its original until either of them stores into it
     * (checker and explorer copy whole kernels after every step, and most pages do not change in a step).
     */
    private boolean shared;

    CapPage(int oid, int version, int chargedTo) {
        super(CapType.CAPPAGE, oid, version, chargedTo);
        this.slots = new Capability[SLOTS];
        this.used = new long[SLOTS / 64];
        Arrays.fill(slots, Capability.VOID);
    }

    private CapPage(CapPage o) {
        super(CapType.CAPPAGE, o.oid(), o.version(), o.chargedTo());
        this.slots = o.slots;
        this.used = o.used;
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
            used = used.clone();
            shared = false;
        }
        slots[i] = cap;
        if (cap.isVoid()) {
            used[i >>> 6] &= ~(1L << i);
        } else {
            used[i >>> 6] |= 1L << i;
        }
    }

    /** The first slot at or after {@code from} that holds a non-void capability, or -1 when there is none. */
    public int nextUsed(int from) {
        for (int w = from >>> 6; w < used.length && from < SLOTS; w++) {
            long bits = used[w] & (-1L << (from & 63));
            if (bits != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(bits);
            }
            from = (w + 1) << 6;
        }
        return -1;
    }

    /** True when every slot holds an equal capability (a state comparison). */
    boolean sameSlots(CapPage o) {
        return slots == o.slots || java.util.Arrays.equals(slots, o.slots);
    }
}
