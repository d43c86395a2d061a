package capsim.personality.sel4;

import capsim.personality.PersonalityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Delete and Revoke (CNode.lhs, CSpace.lhs finaliseCap): a slot emptied and its CDT children re-parented, the
 * last capability to an object destroys it (queues cancelled, badged sends cancelled, the caller capability
 * deleted), revocation deletes every descendant.
 */
final class Deletion {
    private Deletion() {
    }

    /** CNode Delete or Revoke of the slot {@code index} looked up through the CNode capability at {@code service}. */
    static String deleteOrRevoke(Sel4World w, String thread, long service, long index, boolean revoke) throws PersonalityException {
        Tcb t = w.caller(thread);
        Sel4World.Lookup l = CSpaceLookup.lookupCap(w, t, service);
        if (l.fault() != null) {
            return Faults.capFault(w, t, service, l.fault());
        }
        Slot s = CSpaceLookup.lookupForCNodeOp(w, CNodeInvocations.cnodeService(w, l.cap(), service), index, "target");
        if (revoke) {
            List<Slot> d = w.descendants(s);
            cteRevoke(w, s);
            w.event(thread + " revoked " + s + ": " + d.size() + " derived capabilities deleted");
        } else {
            cteDelete(w, s);
            w.event(thread + " deleted " + s);
        }
        w.done();
        return "ok";
    }

    /**
     * CNode_CancelBadgedSends of the endpoint capability in slot {@code index}: it must carry every right
     * (hasCancelSendRights, else IllegalOperation); if it is badged, every sender waiting with that badge is
     * taken out of the queue and restarted (cancelBadgedSends), receivers are left alone.
     */
    static String cancelBadgedSends(Sel4World w, String thread, long service, long index) throws PersonalityException {
        Tcb t = w.caller(thread);
        Sel4World.Lookup l = CSpaceLookup.lookupCap(w, t, service);
        if (l.fault() != null) {
            return Faults.capFault(w, t, service, l.fault());
        }
        Slot s = CSpaceLookup.lookupForCNodeOp(w, CNodeInvocations.cnodeService(w, l.cap(), service), index, "target");
        Cap c = w.cap(s);
        if (c == null || c.kind() != CapKind.ENDPOINT || !c.rights().equals(CapRights.ALL)) {
            throw new PersonalityException("IllegalOperation", s + " does not hold an endpoint capability with every right");
        }
        Endpoint ep = w.ep(c);
        int n = 0;
        if (c.badge() != 0 && ep.state == Endpoint.State.SEND) {
            for (String queued : new ArrayList<>(ep.queue)) {
                Tcb x = w.tcb(queued);
                if (((ThreadState.BlockedOnSend) x.state).badge() == c.badge()) {
                    ep.dequeue(queued);
                    x.state = x.fault == null ? ThreadState.RESTART : ThreadState.INACTIVE;
                    n++;
                }
            }
        }
        w.event(thread + " cancelled the sends badged " + c.badge() + " on " + ep.name() + ": " + n + " senders restart");
        w.done();
        return "ok";
    }

    /** cteRevoke: deletes every CDT descendant of {@code s} (deepest first), leaving {@code s}. */
    private static void cteRevoke(Sel4World w, Slot s) throws PersonalityException {
        while (true) {
            List<Slot> ch = w.children(s);
            if (ch.isEmpty()) {
                return;
            }
            Slot c = ch.get(0);
            cteRevoke(w, c);
            cteDelete(w, c);
        }
    }

    /**
     * cteDelete: empties the slot (emptySlot: its CDT children go to its parent); if the capability was the last
     * one to its object, the object is finalised (finaliseCap) and destroyed.
     */
    static void cteDelete(Sel4World w, Slot s) throws PersonalityException {
        Cap c = w.cap(s);
        if (c == null) {
            return;
        }
        emptySlot(w, s);
        if (c.kind().counts() && w.objects.containsKey(c.object()) && !referenced(w, c.object())) {
            destroy(w, w.objects.get(c.object()));
        }
    }

    /** cteDeleteOne: for reply capabilities, which are never final. */
    static void cteDeleteOne(Sel4World w, Slot s) throws PersonalityException {
        cteDelete(w, s);
    }

    private static void emptySlot(Sel4World w, Slot s) {
        Slot p = w.parent.remove(s);
        for (Map.Entry<Slot, Slot> e : new ArrayList<>(w.parent.entrySet())) {
            if (e.getValue().equals(s)) {
                if (p != null) {
                    w.parent.put(e.getKey(), p);
                } else {
                    w.parent.remove(e.getKey());
                }
            }
        }
        w.original.remove(s);
        w.clear(s);
    }

    /** Whether any capability (other than reply capabilities) still names {@code object}. */
    private static boolean referenced(Sel4World w, String object) {
        for (Sel4Object o : w.objects.values()) {
            if (o instanceof CNode c) {
                for (Cap x : c.slots.values()) {
                    if (x.kind().counts() && object.equals(x.object())) {
                        return true;
                    }
                }
            } else if (o instanceof Tcb t) {
                for (Cap x : t.slots) {
                    if (x != null && x.kind().counts() && object.equals(x.object())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * finaliseCap and the object's end: an endpoint's waiters restart (cancelAllIPC), a notification's too
     * (cancelAllSignals) and its TCB is unbound; a TCB is suspended, unbound and its slots deleted; a CNode's
     * slots are deleted; an untyped's remaining children pass to the untyped around it. seL4 does long
     * deletions in preemptible steps; capsim does them in one.
     */
    private static void destroy(Sel4World w, Sel4Object o) throws PersonalityException {
        String n = o.name();
        switch (o) {
            case Endpoint ep -> {
                for (String queued : new ArrayList<>(ep.queue)) {
                    Tcb t = w.tcb(queued);
                    t.state = t.fault == null ? ThreadState.RESTART : ThreadState.INACTIVE;
                }
                ep.queue.clear();
                ep.state = Endpoint.State.IDLE;
            }
            case Notification nt -> {
                for (String queued : new ArrayList<>(nt.queue)) {
                    w.tcb(queued).state = ThreadState.RESTART;
                }
                nt.queue.clear();
                if (nt.boundTcb != null && w.tcb(nt.boundTcb) != null) {
                    w.tcb(nt.boundTcb).boundNotification = null;
                }
                nt.boundTcb = null;
            }
            case Tcb t -> {
                if (t.boundNotification != null && w.objects.get(t.boundNotification) instanceof Notification nt) {
                    nt.boundTcb = null;
                }
                t.boundNotification = null;
                cancelIPC(w, t);
                t.state = ThreadState.INACTIVE;
                for (int i = 0; i < Tcb.SLOTS; i++) {
                    cteDelete(w, new Slot(n, i));
                }
                // reply capabilities to it anywhere (its master's children) go with it
                for (Map.Entry<Slot, Cap> e : w.caps().entrySet()) {
                    if (e.getValue().kind() == CapKind.REPLY && n.equals(e.getValue().object())) {
                        emptySlot(w, e.getKey());
                    }
                }
            }
            case CNode c -> {
                for (long i : new ArrayList<>(c.slots.keySet())) {
                    cteDelete(w, new Slot(n, i));
                }
            }
            case Untyped u -> {
                Untyped outer = u.untyped == null ? null : (Untyped) w.objects.get(u.untyped);
                for (String child : u.children) {
                    Sel4Object ch = w.objects.get(child);
                    if (ch != null) {
                        ch.untyped = outer == null ? null : outer.name();
                        if (outer != null) {
                            outer.children.add(child);
                        }
                    }
                }
            }
            default -> {
            }
        }
        if (!w.objects.containsKey(n)) {
            return;
        }
        w.objects.remove(n);
        if (o.untyped != null && w.objects.get(o.untyped) instanceof Untyped u) {
            u.children.remove(n);
        }
        Integer k = w.carrier.remove(n);
        w.dirty.remove(n);
        if (k != null && w.kernel().heap().get(k) != null) {
            w.free(k);
        }
        w.event((o.type() == ObjectType.ENDPOINT ? "endpoint" : o.type() == ObjectType.UNTYPED ? "untyped" : o.type().word()) + " " + n
                + " destroyed: its last capability is gone");
    }

    /**
     * cancelIPC (non-MCS): out of any endpoint or notification queue (the thread is then inactive); a thread
     * waiting for a reply loses the reply capability to it; its fault is cleared.
     */
    static void cancelIPC(Sel4World w, Tcb t) throws PersonalityException {
        switch (t.state) {
            case ThreadState.BlockedOnSend s -> {
                ((Endpoint) w.objects.get(s.endpoint())).dequeue(t.name());
                t.state = ThreadState.INACTIVE;
            }
            case ThreadState.BlockedOnReceive r -> {
                ((Endpoint) w.objects.get(r.endpoint())).dequeue(t.name());
                t.state = ThreadState.INACTIVE;
            }
            case ThreadState.BlockedOnNotification b -> {
                ((Notification) w.objects.get(b.notification())).dequeue(t.name());
                t.state = ThreadState.INACTIVE;
            }
            case ThreadState.BlockedOnReply r -> {
                t.fault = null;
                for (Slot c : w.children(new Slot(t.name(), Tcb.REPLY))) {
                    emptySlot(w, c);
                }
            }
            default -> {
            }
        }
    }

    /** deleteCallerCap: a new receive drops the reply capability of a call not answered. */
    static void deleteCallerCap(Sel4World w, Tcb t) throws PersonalityException {
        Slot s = new Slot(t.name(), Tcb.CALLER);
        if (w.cap(s) != null) {
            w.event(t.name() + " receives again without replying: its reply capability to " + w.cap(s).object() + " is deleted");
            cteDeleteOne(w, s);
        }
    }
}
