package capsim.capdl;

/** A capability slot: the object that holds it (a CNode, a TCB, a page table...) and the slot number. */
public record CapSlot(ObjId object, long slot) implements Comparable<CapSlot> {
    @Override
    public int compareTo(CapSlot o) {
        int c = object.compareTo(o.object);
        return c != 0 ? c : Long.compare(slot, o.slot);
    }

    /** {@code (object, slot)}, as the cdt section writes it. */
    @Override
    public String toString() {
        return "(" + object + ", " + slot + ")";
    }
}
