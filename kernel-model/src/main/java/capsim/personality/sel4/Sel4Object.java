package capsim.personality.sel4;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An seL4 kernel object: its name, type, size parameter ({@link ObjectType#objectBits}), physical address
 * ({@code base}, aligned to its size) and the untyped it was made from or is covered by (null: none, as for
 * capDL objects outside any untyped cover). {@code attributes} keeps capDL attributes capsim does not simulate.
 * One subclass per type; each copies itself deeply.
 */
public abstract sealed class Sel4Object permits Untyped, CNode, Tcb, Endpoint, Notification, Frame, PagingStructure,
        OtherObject {
    private final String name;
    private final int sizeBits;
    long base;
    String untyped;
    final TreeMap<String, String> attributes = new TreeMap<>();

    Sel4Object(String name, int sizeBits) {
        this.name = name;
        this.sizeBits = sizeBits;
    }

    /** Copies the common fields of {@code o} into this copy. */
    final <T extends Sel4Object> T from(Sel4Object o) {
        base = o.base;
        untyped = o.untyped;
        attributes.putAll(o.attributes);
        @SuppressWarnings("unchecked")
        T self = (T) this;
        return self;
    }

    abstract Sel4Object copy();

    public final String name() {
        return name;
    }

    public abstract ObjectType type();

    /** The size parameter given at creation: untyped and frame size bits, CNode radix; the fixed size otherwise. */
    public final int sizeBits() {
        return sizeBits;
    }

    /** log2 of the bytes the object takes. */
    public final int objectBits() {
        return type().objectBits(sizeBits);
    }

    /** The physical address it starts at. */
    public final long base() {
        return base;
    }

    /** The untyped it was retyped from or is covered by, or null. */
    public final String untyped() {
        return untyped;
    }

    /** capDL attributes kept but not simulated, by name. */
    public final SortedMap<String, String> attributes() {
        return Collections.unmodifiableSortedMap(attributes);
    }

    /** The design's state of this object, one line (for stateText and diagrams). */
    abstract String stateLine();

    /** Whether [base, base + 2^objectBits) and {@code o}'s region intersect. */
    final boolean overlaps(Sel4Object o) {
        long end = base + (1L << objectBits());
        long oEnd = o.base + (1L << o.objectBits());
        return base < oEnd && o.base < end;
    }
}
