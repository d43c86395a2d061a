package capsim.personality.sel4;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityInvariant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The capability derivation tree is consistent: it is a forest (no cycles) of filled slots; a child covers no
 * more than its parent (the same object, an object inside the parent untyped, or a reply capability under its
 * thread's master); every capability a step derives (copy, mint, transfer, retype, call) has a parent; and a
 * revoke removes exactly the subtree: every descendant of the slot, and nothing else but the contents of objects
 * it destroyed.
 */
public final class CdtConsistent implements PersonalityInvariant<Sel4World> {
    public String name() {
        return "sel4-cdt";
    }

    public String description() {
        return "the CDT is a forest of filled slots, derived caps have parents, revoke removes exactly the subtree";
    }

    public String check(Sel4World before, Sel4World after, PersonalityAction<Sel4World> action, String outcome) {
        for (Map.Entry<Slot, Slot> e : after.cdt().entrySet()) {
            Slot c = e.getKey();
            Set<Slot> seen = new HashSet<>();
            for (Slot p = c; p != null; p = after.parent(p)) {
                if (!seen.add(p)) {
                    return "the CDT has a cycle through " + c;
                }
            }
            Cap cc = after.cap(c);
            Cap pc = after.cap(e.getValue());
            if (cc == null || pc == null) {
                continue; // sel4-no-dangling reports it
            }
            if (!covers(after, pc, cc)) {
                return c + " (" + cc.text() + ") is a CDT child of " + e.getValue() + " (" + pc.text() + "), which does not cover it";
            }
        }
        if (!outcome.equals("ok") && !outcome.equals("CapFault")) {
            return null;
        }
        boolean declaration = action instanceof Sel4Action.DeclareCap || action instanceof Sel4Action.DeclareObject
                || action instanceof Sel4Action.DeclareBind || action instanceof Sel4Action.DeclareCover
                || action instanceof Sel4Action.DeclareFaultEp || action instanceof Declaration;
        if (!declaration) {
            Map<Slot, Cap> was = before.caps();
            Map<Slot, Cap> now = after.caps();
            for (Map.Entry<Slot, Cap> e : now.entrySet()) {
                Slot s = e.getKey();
                Cap c = e.getValue();
                if (was.containsKey(s) || c.kind() == CapKind.MASTER_REPLY || after.parent(s) != null) {
                    continue;
                }
                if (movedRoot(before, after, c)) {
                    continue;
                }
                return s + " got " + c.text() + " from '" + action.text() + "' without a CDT parent";
            }
        }
        if (action instanceof Sel4Action.DeleteOrRevoke r && r.revoke() && outcome.equals("ok")) {
            Slot target = target(before, r);
            if (target != null) {
                List<Slot> sub = before.descendants(target);
                for (Slot d : sub) {
                    if (after.cap(d) != null) {
                        return "revoking " + target + " left its descendant " + d + " (" + after.cap(d).text() + ")";
                    }
                }
                for (Map.Entry<Slot, Cap> e : before.caps().entrySet()) {
                    Slot s = e.getKey();
                    if (after.cap(s) == null && !sub.contains(s) && after.object(s.holder()) != null) {
                        return "revoking " + target + " deleted " + s + " (" + e.getValue().text() + "), outside its subtree";
                    }
                }
            }
        }
        return null;
    }

    /** Whether a capability equal to {@code c} was in a root slot (no parent) before and that slot is now empty. */
    private static boolean movedRoot(Sel4World before, Sel4World after, Cap c) {
        for (Map.Entry<Slot, Cap> e : before.caps().entrySet()) {
            if (after.cap(e.getKey()) == null && before.parent(e.getKey()) == null
                    && e.getValue().kind() == c.kind() && e.getValue().object().equals(c.object())) {
                return true;
            }
        }
        return false;
    }

    /** The slot a revoke named, looked up in the state before it (null when it does not look up). */
    private static Slot target(Sel4World before, Sel4Action.DeleteOrRevoke r) {
        Tcb t = before.tcb(r.thread());
        if (t == null) {
            return null;
        }
        Sel4World.Lookup l = before.lookupCap(t, r.service());
        if (l.fault() != null) {
            return null;
        }
        Sel4World.Resolved res = before.resolve(l.cap(), r.index(), Sel4World.WORD_BITS);
        return res.fault() == null ? res.slot() : null;
    }

    /** Whether parent capability {@code p} covers child {@code c}. */
    static boolean covers(Sel4World w, Cap p, Cap c) {
        if (p.kind() == CapKind.MASTER_REPLY) {
            return c.kind() == CapKind.REPLY && c.object().equals(p.object());
        }
        if (p.kind() == CapKind.UNTYPED && c.object() != null) {
            Sel4Object u = w.object(p.object());
            Sel4Object o = w.object(c.object());
            if (u == null || o == null) {
                return false;
            }
            return o.base() >= u.base() && o.base() + (1L << o.objectBits()) <= u.base() + (1L << u.objectBits());
        }
        return p.object() != null && p.object().equals(c.object()) && p.kind() == c.kind()
                && (!p.hasRights() || p.rights().covers(c.rights()) || c.kind() == CapKind.CNODE);
    }
}
