package capsim.personality.mach;

import capsim.kernel.CapType;
import capsim.personality.PersonalityException;

/**
 * Rights in and out of messages: what each disposition takes from a name (copy-in), how a travelling right
 * lands in a name space (copy-out: send rights coalesce, a dead port gives DEAD), the receive-right cycle
 * check, and re-charging a port's queue to its new receiver.
 */
final class RightCopy {
    private RightCopy() {
    }

    /** Refuses with {@code code} unless the name holds what disposition {@code d} takes. */
    static void checkDisposition(MachWorld w, Task t, RightEntry e, Disposition d, String code) throws PersonalityException {
        if (e.portSet || e.deadUrefs > 0) {
            throw new PersonalityException(code, e.name + " of " + t.name + " is a " + e.type() + ", not a port right");
        }
        boolean ok = switch (d) {
            case MOVE_RECEIVE, MAKE_SEND, MAKE_SEND_ONCE -> e.receive;
            case MOVE_SEND, COPY_SEND -> e.sendUrefs > 0;
            case MOVE_SEND_ONCE -> e.sendOnce != 0;
        };
        if (!ok) {
            String needs = switch (d) {
                case MOVE_RECEIVE, MAKE_SEND, MAKE_SEND_ONCE -> "a receive right";
                case MOVE_SEND, COPY_SEND -> "a send right";
                case MOVE_SEND_ONCE -> "a send-once right";
            };
            throw new PersonalityException(code, d + " needs " + needs + "; " + e.name + " of " + t.name + " is a " + e.type() + " right");
        }
    }

    /** Takes a right out of {@code t}'s name {@code name} as disposition {@code d} says; returns what travels. */
    static CarriedRight copyin(MachWorld w, Task t, String name, Disposition d, String code) throws PersonalityException {
        RightEntry e = t.names.get(name);
        if (e == null) {
            throw new PersonalityException(code, t.name + " has no name " + name + " any more");
        }
        checkDisposition(w, t, e, d, code);
        Port p = w.ports.get(e.target);
        switch (d) {
            case MOVE_RECEIVE -> {
                Ports.leaveSet(w, p);
                e.receive = false;
                p.receiver = null;
                if (e.empty()) {
                    NameSpace.removeEntry(w, t, e);
                } else {
                    NameSpace.mirror(w, t, e);
                }
                return new CarriedRight(RightKind.RECEIVE, p.label, 0, false);
            }
            case COPY_SEND -> {
                Notifications.adjustSend(w, p, 1);
                return new CarriedRight(RightKind.SEND, p.label, 0, false);
            }
            case MAKE_SEND -> {
                p.mscount++;
                Notifications.adjustSend(w, p, 1);
                return new CarriedRight(RightKind.SEND, p.label, 0, false);
            }
            case MOVE_SEND -> {
                // The last reference moves the space's right itself; with references left the space keeps its
                // right and the message carries a new one (Mach counts it then).
                e.sendUrefs--;
                if (e.sendUrefs > 0) {
                    Notifications.adjustSend(w, p, 1);
                } else {
                    Notifications.cancelDeadNameRequests(w, t, e);
                    if (e.empty()) {
                        NameSpace.removeEntry(w, t, e);
                    } else {
                        NameSpace.mirror(w, t, e);
                    }
                }
                return new CarriedRight(RightKind.SEND, p.label, 0, false);
            }
            case MOVE_SEND_ONCE -> {
                int so = e.sendOnce;
                Notifications.cancelDeadNameRequests(w, t, e);
                NameSpace.removeEntry(w, t, e);
                return new CarriedRight(RightKind.SEND_ONCE, p.label, so, false);
            }
            case MAKE_SEND_ONCE -> {
                return new CarriedRight(RightKind.SEND_ONCE, p.label, SendOnceRights.makeSendOnce(w, p, t), false);
            }
        }
        throw new IllegalStateException();
    }

    /**
     * Puts a travelling right into {@code t}'s space; returns {@code name:type}, or DEAD for a right to a dead port.
     * {@code overflow}: a send right that would take its name past {@link MachWorld#SEND_UREFS_MAX} is merged with the
     * count pegged (a received message, as ipc_kmsg_copyout asks) instead of refused (mach_port_insert_right).
     */
    static String copyout(MachWorld w, Task t, CarriedRight c, boolean overflow) throws PersonalityException {
        Port q = w.ports.get(c.port());
        switch (c.kind()) {
            case RECEIVE -> {
                q.receiver = t.name;
                q.carrier = 0;
                rehome(w, q, t);
                RightEntry e = t.coalescing(q.label);
                if (e == null) {
                    e = NameSpace.newEntry(w, t, t.freshName(q.label), q.label);
                }
                e.receive = true;
                NameSpace.mirror(w, t, e);
                return e.name + ":receive";
            }
            case SEND -> {
                if (!q.alive) {
                    return "DEAD";
                }
                RightEntry e = t.coalescing(q.label);
                if (e != null && e.sendUrefs > 0) {
                    // GNU Mach ipc_right.c ipc_right_copyout: at urefs+1 == MACH_PORT_UREFS_MAX the right is refused,
                    // or with overflow allowed merged leaving the count pegged.
                    if (e.sendUrefs >= MachWorld.SEND_UREFS_MAX) {
                        if (!overflow) {
                            throw new PersonalityException("KERN_UREFS_OVERFLOW", e.name + " of " + t.name + " is at "
                                    + MachWorld.SEND_UREFS_MAX + " user references");
                        }
                        Notifications.adjustSend(w, q, -1);
                        w.event(e.name + " of " + t.name + " stays pegged at " + MachWorld.SEND_UREFS_MAX + " user references");
                        return e.name + ":send";
                    }
                    e.sendUrefs++;
                    Notifications.adjustSend(w, q, -1); // two send rights in one space are one right with more references
                } else {
                    if (e == null) {
                        e = NameSpace.newEntry(w, t, t.freshName(q.label), q.label);
                    }
                    e.sendUrefs = 1;
                    NameSpace.mirror(w, t, e);
                }
                return e.name + ":send";
            }
            case SEND_ONCE -> {
                if (!w.sendOnces.containsKey(c.sendOnce())) {
                    return "DEAD";
                }
                RightEntry e = NameSpace.newEntry(w, t, t.freshName(q.label), q.label);
                e.sendOnce = c.sendOnce();
                NameSpace.mirror(w, t, e);
                return e.name + ":send-once";
            }
            default -> throw new IllegalStateException(c.toString());
        }
    }

    /** Would carrying {@code q}'s receive right into {@code dest} put a port inside itself? */
    static boolean wouldCycle(MachWorld w, Port q, Port dest) {
        Port cur = dest;
        for (int hops = 0; hops <= w.ports.size(); hops++) {
            if (cur == q) {
                return true;
            }
            if (cur.receiver != null || !cur.alive || cur.carrier == 0) {
                return false;
            }
            MachMessage m = w.message(cur.carrier);
            if (m == null) {
                return false;
            }
            cur = w.ports.get(m.dest());
        }
        return true;
    }

    /** Moves a port's queue object to the activity of its new receiver: a new object, the old freed, slots rewritten. */
    private static void rehome(MachWorld w, Port q, Task t) throws PersonalityException {
        if (w.kernel().heap().get(q.queueObject).chargedTo() == t.activity) {
            return;
        }
        int fresh = w.allocate(CapType.MESSAGE_QUEUE, t.activity, q.label, "port");
        w.free(q.queueObject);
        q.queueObject = fresh;
        for (Task x : w.tasks.values()) {
            for (RightEntry e : x.names.values()) {
                if (e.target.equals(q.label) && !e.portSet && e.deadUrefs == 0) {
                    NameSpace.mirror(w, x, e);
                }
            }
        }
        w.event("port " + q.label + " is now charged to " + t.name);
    }
}
