package capsim.personality.sel4;

import capsim.personality.PersonalityException;
import java.util.Map;

/**
 * CNode invocations (CNode.lhs): Copy, Mint, Move, Mutate and the other CNode services; deriving a capability
 * (deriveCap, updateCapData: badges and guards), inserting it into the CDT (cteInsert) and moving it (cteMove).
 */
final class CNodeInvocations {
    private CNodeInvocations() {
    }

    /**
     * Copy, Mint, Move or Mutate from {@code src} to {@code dest}, both looked up through the CNode capability at
     * {@code service} (depth 64; the source through {@code srcRoot} when not null). {@code rights} masks (Copy, Mint); {@code badge} badges an endpoint or notification
     * capability (Mint, Mutate); {@code guard}/{@code guardSize} set a CNode capability's guard (Mint, Mutate).
     */
    static String cnodeOp(Sel4World w, String thread, Sel4World.CNodeOp op, long service, long dest, long src, Long srcRoot, CapRights rights, Long badge,
                   Long guard, Integer guardSize) throws PersonalityException {
        Tcb t = w.caller(thread);
        Sel4World.Lookup l = CSpaceLookup.lookupCap(w, t, service);
        if (l.fault() != null) {
            return Faults.capFault(w, t, service, l.fault());
        }
        Cap node = cnodeService(w, l.cap(), service);
        Slot d = CSpaceLookup.lookupForCNodeOp(w, node, dest, "destination");
        if (w.cap(d) != null) {
            throw new PersonalityException("DeleteFirst", "the destination " + d + " holds " + w.cap(d));
        }
        Cap srcNode = node;
        if (srcRoot != null) {
            Slot rs = CSpaceLookup.lookupArg(w, t, srcRoot, "source root");
            srcNode = w.cap(rs);
            if (srcNode.kind() != CapKind.CNODE) {
                throw new PersonalityException("FailedLookup", "the source root cptr " + srcRoot + " is a "
                        + srcNode.kind().word() + " capability, not a CNode");
            }
        }
        Slot s = CSpaceLookup.lookupForCNodeOp(w, srcNode, src, "source");
        Cap c = w.cap(s);
        if (c == null) {
            throw new PersonalityException("FailedLookup", "the source " + s + " is empty");
        }
        switch (op) {
            case COPY, MINT -> {
                Cap m = c.hasRights() ? c.withRights(c.rights().mask(rights)) : c;
                if (op == Sel4World.CNodeOp.MINT) {
                    m = updateCapData(w, m, badge, guard, guardSize, false);
                    if (m == null) {
                        throw new PersonalityException("IllegalOperation", "cannot mint " + c.text() + " with that badge or guard");
                    }
                }
                Cap derived = deriveCap(w, s, m);
                cteInsert(w, derived, s, d);
                w.event(thread + " " + op.name().toLowerCase(java.util.Locale.ROOT) + " " + s + " to " + d + ": " + derived.text());
            }
            case MOVE -> {
                cteMove(w, c, s, d);
                w.event(thread + " moved " + s + " to " + d);
            }
            case MUTATE -> {
                Cap m = updateCapData(w, c, badge, guard, guardSize, true);
                if (m == null) {
                    throw new PersonalityException("IllegalOperation", "cannot mutate " + c.text() + " with that badge or guard");
                }
                cteMove(w, m, s, d);
                w.event(thread + " mutated " + s + " to " + d + ": " + m.text());
            }
        }
        w.done();
        return "ok";
    }

    static Cap cnodeService(Sel4World w, Cap c, long cptr) throws PersonalityException {
        if (c.kind() != CapKind.CNODE) {
            throw new PersonalityException("IllegalOperation", "cptr " + cptr + " is a " + c.kind().word()
                    + " capability, not a CNode");
        }
        return c;
    }

    /**
     * updateCapData: a badge on an unbadged endpoint or notification capability (null: a badged one cannot be
     * re-badged); a guard on a CNode capability (null when guard size + radix exceed 64 bits or the guard does not fit).
     */
    static Cap updateCapData(Sel4World w, Cap c, Long badge, Long guard, Integer guardSize, boolean preserve) {
        if ((c.kind() == CapKind.ENDPOINT || c.kind() == CapKind.NOTIFICATION) && badge != null) {
            if (c.badge() != 0 && (!preserve || badge != c.badge())) {
                return preserve ? c : null;
            }
            return c.withBadge(badge);
        }
        if (c.kind() == CapKind.CNODE && guardSize != null) {
            int radix = ((CNode) w.objects.get(c.object())).radix();
            long g = guard == null ? 0 : guard;
            if (guardSize + radix > Sel4World.WORD_BITS || (guardSize < 64 && (g >>> guardSize) != 0)) {
                return null;
            }
            return c.withGuard(g, guardSize);
        }
        return c;
    }

    /**
     * deriveCap: reply capabilities cannot be derived (IllegalOperation); an untyped capability with CDT children
     * must be revoked first (RevokeFirst); the others derive to themselves.
     */
    static Cap deriveCap(Sel4World w, Slot s, Cap c) throws PersonalityException {
        if (c.kind() == CapKind.REPLY || c.kind() == CapKind.MASTER_REPLY) {
            throw new PersonalityException("IllegalOperation", "a reply capability cannot be copied");
        }
        if (c.kind() == CapKind.UNTYPED && !w.children(s).isEmpty()) {
            throw new PersonalityException("RevokeFirst", "the untyped capability in " + s + " has children");
        }
        return c;
    }

    /** Same as deriveCap but null instead of a refusal (cap transfer skips what it cannot derive). */
    static Cap deriveCapOrNull(Sel4World w, Slot s, Cap c) {
        try {
            return deriveCap(w, s, c);
        } catch (PersonalityException e) {
            return null;
        }
    }

    /**
     * cteInsert: the new capability goes into {@code dest}; it is an original if it is a new badge or untyped
     * (isCapRevocable); it is the source's CDT child if the source is an original of the same region (and, for
     * badged endpoint and notification capabilities, of the same badge and not itself an original), else the
     * source's sibling (the abstract specification's should_be_parent_of).
     */
    static void cteInsert(Sel4World w, Cap c, Slot src, Slot dest) {
        Cap sc = w.cap(src);
        boolean destOriginal = switch (c.kind()) {
            case ENDPOINT, NOTIFICATION -> c.badge() != sc.badge();
            case UNTYPED -> true;
            default -> false;
        };
        boolean srcOriginal = w.original.contains(src);
        boolean child = srcOriginal && sameRegion(w, sc, c)
                && (!((sc.kind() == CapKind.ENDPOINT || sc.kind() == CapKind.NOTIFICATION) && sc.badge() != 0)
                    || (sc.badge() == c.badge() && !destOriginal));
        w.set(dest, c);
        if (destOriginal) {
            w.original.add(dest);
        }
        Slot p = child ? src : w.parent.get(src);
        if (p != null) {
            w.parent.put(dest, p);
        }
    }

    private static boolean sameRegion(Sel4World w, Cap a, Cap b) {
        if (a.kind() == CapKind.UNTYPED && b.object() != null) {
            Sel4Object u = w.objects.get(a.object());
            Sel4Object o = w.objects.get(b.object());
            return u != null && o != null && (u == o || (o.base >= u.base && o.base + (1L << o.objectBits()) <= u.base + (1L << u.objectBits())));
        }
        return a.object() != null && a.object().equals(b.object());
    }

    /** cteMove: the capability, its CDT position and its original flag go to {@code dest}; its children follow. */
    private static void cteMove(Sel4World w, Cap c, Slot src, Slot dest) {
        w.clear(src);
        w.set(dest, c);
        if (w.original.remove(src)) {
            w.original.add(dest);
        }
        Slot p = w.parent.remove(src);
        if (p != null) {
            w.parent.put(dest, p);
        }
        for (Map.Entry<Slot, Slot> e : w.parent.entrySet()) {
            if (e.getValue().equals(src)) {
                e.setValue(dest);
            }
        }
    }
}
