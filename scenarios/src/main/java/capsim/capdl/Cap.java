package capsim.capdl;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.Collections;

/**
 * One capability in a slot: its kind, the object it designates (null for the control capabilities), its
 * rights, badge, CNode guard and guard size, and its other attributes ({@code asid}, {@code cached},
 * {@code executable}, {@code mapping}, {@code core}..., as text) in name order. A value: two capabilities
 * are equal when every field is.
 */
public record Cap(CapType type, ObjId target, Set<Right> rights, long badge, long guard, long guardSize,
                  Map<String, String> attributes) {
    public Cap {
        if (type.hasObject() != (target != null)) {
            throw new IllegalArgumentException(type + (target == null ? " needs an object" : " designates no object"));
        }
        EnumSet<Right> r = EnumSet.noneOf(Right.class);
        r.addAll(rights);
        rights = Collections.unmodifiableSet(r);
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes));
    }

    /** A capability to {@code target} with no rights, badge, guard or attributes. */
    public static Cap to(CapType type, ObjId target) {
        return new Cap(type, target, Set.of(), 0, 0, 0, Map.of());
    }

    /** The same capability with {@code rights}. */
    public Cap withRights(Collection<Right> rights) {
        return new Cap(type, target, Set.copyOf(rights), badge, guard,
                guardSize, attributes);
    }

    /** The same capability with {@code badge}. */
    public Cap withBadge(long badge) {
        return new Cap(type, target, rights, badge, guard, guardSize, attributes);
    }

    /** The same capability with a CNode guard. */
    public Cap withGuard(long guard, long guardSize) {
        return new Cap(type, target, rights, badge, guard, guardSize, attributes);
    }

    /** True when the capability has right {@code r}. */
    public boolean has(Right r) {
        return rights.contains(r);
    }

    /** The rights as capDL writes them ({@code RWG}), possibly empty. */
    public String rightsText() {
        StringBuilder sb = new StringBuilder();
        for (Right r : rights) {
            sb.append(r.letter());
        }
        return sb.toString();
    }
}
