package capsim.personality.sel4;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Untyped memory of 2^sizeBits bytes at {@code base}: the free index (seL4's capFreeIndex, here in bytes) is
 * where the next retype starts, after alignment; the children are the objects made from it (or covered by it,
 * from capDL), in the order they were made. A device untyped can only be retyped into frames and untypeds.
 * (In seL4 the free index lives in the untyped capability; capsim keeps one per region, which is what it is
 * while the region's capabilities are copies of one another.)
 */
public final class Untyped extends Sel4Object {
    long freeIndex;
    final boolean device;
    final List<String> children = new ArrayList<>();

    Untyped(String name, int sizeBits, boolean device) {
        super(name, sizeBits);
        this.device = device;
    }

    @Override
    Untyped copy() {
        Untyped u = new Untyped(name(), sizeBits(), device).from(this);
        u.freeIndex = freeIndex;
        u.children.addAll(children);
        return u;
    }

    @Override
    public ObjectType type() {
        return ObjectType.UNTYPED;
    }

    /** Bytes from the start already handed out (the next retype starts here, aligned). */
    public long freeIndex() {
        return freeIndex;
    }

    public boolean device() {
        return device;
    }

    /** 2^sizeBits. */
    public long size() {
        return 1L << sizeBits();
    }

    /** The objects made from (or covered by) this untyped, in order. */
    public List<String> children() {
        return Collections.unmodifiableList(children);
    }

    @Override
    String stateLine() {
        return "untyped " + name() + " " + sizeBits() + " bits at " + Long.toHexString(base) + (device ? " device" : "")
                + " free-index " + freeIndex + " children " + children;
    }
}
