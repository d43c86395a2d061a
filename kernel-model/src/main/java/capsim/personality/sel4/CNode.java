package capsim.personality.sel4;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A CNode of 2^radix slots; only the slots holding a capability are stored. Guards are not a property of the
 * CNode but of the capabilities to it ({@link Cap#guard()}), as in seL4.
 */
public final class CNode extends Sel4Object {
    final TreeMap<Long, Cap> slots = new TreeMap<>();

    CNode(String name, int radix) {
        super(name, radix);
    }

    @Override
    CNode copy() {
        CNode c = new CNode(name(), sizeBits()).from(this);
        c.slots.putAll(slots);
        return c;
    }

    @Override
    public ObjectType type() {
        return ObjectType.CNODE;
    }

    public int radix() {
        return sizeBits();
    }

    /** 2^radix. */
    public long slotCount() {
        return 1L << radix();
    }

    /** The capabilities held, by slot index. */
    public SortedMap<Long, Cap> slots() {
        return Collections.unmodifiableSortedMap(slots);
    }

    @Override
    String stateLine() {
        return "cnode " + name() + " radix " + radix() + " " + slots;
    }
}
