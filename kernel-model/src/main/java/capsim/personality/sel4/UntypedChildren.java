package capsim.personality.sel4;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.List;

/**
 * Untyped children lie inside their parent, below its free index, aligned to their size, and do not overlap one
 * another; the free index never passes the untyped's size; an object says it is in an untyped exactly when that
 * untyped lists it.
 */
public final class UntypedChildren implements PersonalityInvariant<Sel4World> {
    public String name() {
        return "sel4-untyped";
    }

    public String description() {
        return "objects made from an untyped lie inside it, below its free index, aligned, and never overlap";
    }

    public String check(Sel4World before, Sel4World after, PersonalityAction<Sel4World> action, String outcome) {
        for (Sel4Object o : after.objects().values()) {
            if (o.untyped() != null && !(after.object(o.untyped()) instanceof Untyped u && u.children().contains(o.name()))) {
                return o.name() + " says it lies in " + o.untyped() + ", which does not list it";
            }
            if (!(o instanceof Untyped u)) {
                continue;
            }
            if (u.freeIndex() < 0 || u.freeIndex() > u.size()) {
                return u.name() + "'s free index " + u.freeIndex() + " is outside 0.." + u.size();
            }
            List<String> ch = u.children();
            for (int i = 0; i < ch.size(); i++) {
                Sel4Object c = after.object(ch.get(i));
                if (c == null) {
                    return u.name() + " lists " + ch.get(i) + ", which is gone";
                }
                long off = c.base() - u.base();
                long size = 1L << c.objectBits();
                if (off < 0 || off + size > u.base() - u.base() + Math.max(u.freeIndex(), 0) || off + size > u.size()) {
                    return c.name() + " (offset " + off + ", 2^" + c.objectBits() + " bytes) is not inside " + u.name()
                            + " below its free index " + u.freeIndex();
                }
                if ((c.base() & (size - 1)) != 0) {
                    return c.name() + " at " + Long.toHexString(c.base()) + " is not aligned to its size";
                }
                for (int j = i + 1; j < ch.size(); j++) {
                    Sel4Object d = after.object(ch.get(j));
                    if (d != null && c.overlaps(d)) {
                        return c.name() + " and " + d.name() + " overlap in " + u.name();
                    }
                }
            }
        }
        return null;
    }
}
