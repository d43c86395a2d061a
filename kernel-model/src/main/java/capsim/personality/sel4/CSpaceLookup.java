package capsim.personality.sel4;

import capsim.personality.PersonalityException;

/** CPtr resolution (CSpace.lhs resolveAddressBits): guards and radices level by level, lookup faults by name. */
final class CSpaceLookup {
    private CSpaceLookup() {
    }

    /**
     * resolveAddressBits: walks CNode capabilities from {@code root}, each level checking the capability's guard
     * and taking radix bits, until the bits are used up or the slot reached holds no CNode capability.
     */
    static Sel4World.Resolved resolve(Sel4World w, Cap root, long cptr, int bits) {
        Cap node = root;
        int left = bits;
        while (true) {
            if (node == null || node.kind() != CapKind.CNODE || !(w.objects.get(node.object()) instanceof CNode cn)) {
                return new Sel4World.Resolved(null, left, "the CSpace root is not a CNode capability (invalid root)");
            }
            int gs = node.guardSize();
            int level = cn.radix() + gs;
            if (gs > left) {
                return new Sel4World.Resolved(null, left, "guard mismatch: a guard of " + gs + " bits with " + left + " bits left");
            }
            long g = shr(cptr, left - gs) & mask(gs);
            if (g != node.guard()) {
                return new Sel4World.Resolved(null, left, "guard mismatch: " + g + " is not " + node.guard() + " at " + cn.name());
            }
            if (level > left) {
                return new Sel4World.Resolved(null, left, "depth mismatch: " + level + " bits needed at " + cn.name() + ", " + left + " left");
            }
            long offset = shr(cptr, left - level) & mask(cn.radix());
            Slot s = new Slot(cn.name(), offset);
            left -= level;
            Cap next = cn.slots.get(offset);
            if (left == 0 || next == null || next.kind() != CapKind.CNODE) {
                return new Sel4World.Resolved(s, left, null);
            }
            node = next;
        }
    }

    /** lookupSlotForThread: resolves through the thread's CSpace root, 64 bits deep. */
    static Sel4World.Resolved resolveForThread(Sel4World w, Tcb t, long cptr) {
        return resolve(w, t.slots[(int) Tcb.CTABLE], cptr, Sel4World.WORD_BITS);
    }

    /** lookupCap for an invocation: a missing capability is a failure too. */
    static Sel4World.Lookup lookupCap(Sel4World w, Tcb t, long cptr) {
        Sel4World.Resolved r = resolveForThread(w, t, cptr);
        if (r.fault() != null) {
            return new Sel4World.Lookup(null, null, r.fault());
        }
        Cap c = w.cap(r.slot());
        if (c == null) {
            return new Sel4World.Lookup(r.slot(), null, "finds " + r.slot() + " empty (missing capability)");
        }
        return new Sel4World.Lookup(r.slot(), c, null);
    }

    /** A capability argument of an invocation, looked up in the invoker's CSpace (FailedLookup). */
    static Slot lookupArg(Sel4World w, Tcb t, long cptr, String what) throws PersonalityException {
        Sel4World.Lookup l = lookupCap(w, t, cptr);
        if (l.fault() != null) {
            throw new PersonalityException("FailedLookup", "the " + what + " cptr " + cptr + " " + l.fault());
        }
        return l.slot();
    }

    /** lookupSlotForCNodeOp: a slot through the CNode capability, 64 bits deep, all bits used (FailedLookup). */
    static Slot lookupForCNodeOp(Sel4World w, Cap node, long index, String what) throws PersonalityException {
        Sel4World.Resolved r = resolve(w, node, index, Sel4World.WORD_BITS);
        if (r.fault() != null) {
            throw new PersonalityException("FailedLookup", "the " + what + " index " + index + ": " + r.fault());
        }
        if (r.bitsLeft() != 0) {
            throw new PersonalityException("FailedLookup", "the " + what + " index " + index + ": depth mismatch, "
                    + r.bitsLeft() + " bits left at " + r.slot());
        }
        return r.slot();
    }

    private static long shr(long x, int n) {
        return n >= 64 ? 0 : x >>> n;
    }

    private static long mask(int n) {
        return n >= 64 ? -1L : (1L << n) - 1;
    }
}
