package capsim.personality.sel4;

import capsim.personality.PersonalityException;
import java.util.ArrayList;
import java.util.List;

/** Untyped_Retype (Untyped.lhs): new objects carved at aligned offsets of an untyped, each a CDT child of it. */
final class Retype {
    private Retype() {
    }

    /**
     * Retype {@code count} objects of {@code type} ({@code sizeBits} for untyped, CNode, frame) from the untyped
     * capability at {@code untyped} into slots {@code index}.. of the CNode at {@code service}, named {@code as}
     * ({@code as_0}... for several) or automatically: decodeUntypedInvocation's checks, then invokeUntyped.
     */
    static String retype(Sel4World w, String thread, long untyped, ObjectType type, int sizeBits, long service, long index, int count, String as)
            throws PersonalityException {
        Tcb t = w.caller(thread);
        Sel4World.Lookup l = CSpaceLookup.lookupCap(w, t, untyped);
        if (l.fault() != null) {
            return Faults.capFault(w, t, untyped, l.fault());
        }
        if (l.cap().kind() != CapKind.UNTYPED) {
            throw new PersonalityException("IllegalOperation", "cptr " + untyped + " is a " + l.cap().kind().word()
                    + " capability, not an untyped");
        }
        Slot utSlot = l.slot();
        Untyped u = (Untyped) w.objects.get(l.cap().object());
        if (type == ObjectType.PAGING || type == ObjectType.OTHER) {
            throw new PersonalityException("InvalidArgument", "capsim retypes untyped, cnode, tcb, ep, notification and frame");
        }
        if (sizeBits >= Sel4World.WORD_BITS - 1) {
            throw new PersonalityException("InvalidArgument", "size bits " + sizeBits + " is not below " + (Sel4World.WORD_BITS - 1));
        }
        Sel4World.checkSize(type, sizeBits);
        if (count < 1 || count > Sel4World.MAX_RETYPE) {
            throw new PersonalityException("RangeError", "between 1 and " + Sel4World.MAX_RETYPE + " objects, not " + count);
        }
        Sel4World.Resolved nr = CSpaceLookup.resolveForThread(w, t, service);
        if (nr.fault() != null || w.cap(nr.slot()) == null || nr.bitsLeft() != 0 && w.cap(nr.slot()).kind() != CapKind.CNODE) {
            throw new PersonalityException("FailedLookup", "the destination CNode cptr " + service + " does not look up");
        }
        Cap nodeCap = w.cap(nr.slot());
        if (nodeCap.kind() != CapKind.CNODE) {
            throw new PersonalityException("FailedLookup", "cptr " + service + " is a " + nodeCap.kind().word()
                    + " capability, not a CNode");
        }
        CNode node = (CNode) w.objects.get(nodeCap.object());
        if (index < 0 || index >= node.slotCount()) {
            throw new PersonalityException("RangeError", "slot " + index + " is outside " + node.name() + "'s 0.." + (node.slotCount() - 1));
        }
        if (index + count > node.slotCount()) {
            throw new PersonalityException("RangeError", count + " slots from " + index + " run past " + node.name() + "'s end");
        }
        for (long i = index; i < index + count; i++) {
            if (node.slots.containsKey(i)) {
                throw new PersonalityException("DeleteFirst", node.name() + "[" + i + "] is not empty");
            }
        }
        if (u.device && type != ObjectType.FRAME && type != ObjectType.UNTYPED) {
            throw new PersonalityException("InvalidArgument", "device untyped " + u.name() + " makes only frames and untyped");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String nm = as == null ? type.word() + (w.nextAuto + i) : count == 1 ? as : as + "_" + i;
            if (w.objects.containsKey(nm) || names.contains(nm)) {
                throw new PersonalityException("InvalidArgument", "there is already an object named " + nm + " (capsim's names are unique)");
            }
            names.add(nm);
        }
        // the region is reset when nothing made from it is alive (seL4 resets when the capability has no children)
        long free = u.children.isEmpty() ? 0 : u.freeIndex;
        int bits = type.objectBits(sizeBits);
        long aligned = alignUp(free, bits);
        if (bits > u.sizeBits() || aligned + ((long) count << bits) > u.size() || aligned + ((long) count << bits) < 0) {
            throw new PersonalityException("NotEnoughMemory", u.name() + " has " + Math.max(0, u.size() - aligned)
                    + " bytes free from " + aligned + ", " + count + " x 2^" + bits + " needed");
        }
        if (as == null) {
            w.nextAuto += count;
        }
        u.freeIndex = aligned + ((long) count << bits);
        for (int i = 0; i < count; i++) {
            Sel4Object o = w.make(names.get(i), type, sizeBits);
            o.base = u.base + aligned + ((long) i << bits);
            o.untyped = u.name();
            u.children.add(o.name());
            w.add(o);
            Slot d = new Slot(node.name(), index + i);
            w.set(d, Cap.to(CapKind.of(type), o.name()));
            w.original.add(d);
            w.parent.put(d, utSlot);
        }
        w.event(thread + " retyped " + count + " " + type.word() + (count > 1 ? "s" : "") + " " + names + " from " + u.name()
                + " at offset " + aligned + " into " + node.name() + "[" + index + "..]; free index now " + u.freeIndex);
        w.done();
        return "ok";
    }

    static long alignUp(long x, int bits) {
        long a = 1L << bits;
        return (x + a - 1) & -a;
    }
}
