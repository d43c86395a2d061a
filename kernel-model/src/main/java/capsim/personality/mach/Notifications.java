package capsim.personality.mach;

import capsim.personality.PersonalityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Notification requests (no-senders, port-destroyed, dead-name) and how the kernel fires them: the send-right
 * count and its log (no-senders when it falls to 0), port-deleted when a name's right goes, the messages the
 * kernel sends through a request's send-once right.
 */
final class Notifications {
    private Notifications() {
    }

    /**
     * mach_port_request_notification: when {@code kind} happens to the port {@code name} denotes, the kernel
     * sends a notification to {@code notify} (a receive right of the task) through a send-once right it makes
     * now, whose page the task pays for now. A new request replaces the old one, whose right is released.
     */
    static String requestNotification(MachWorld w, String task, NotificationKind kind, String name, String notify) throws PersonalityException {
        return requestNotification(w, task, kind, name, notify, null);
    }

    /**
     * The same with a no-senders {@code sync} count (null: none given). GNU Mach ipc_port.c ipc_port_nsrequest:
     * when the port has no send rights and {@code sync <= ip_mscount} the notification is sent at once. Without a
     * count the model waits for the next time the send-right count falls to 0 (a decision, personality-mach.md).
     */
    static String requestNotification(MachWorld w, String task, NotificationKind kind, String name, String notify, Integer sync)
            throws PersonalityException {
        Task t = NameSpace.task(w, task, "KERN_INVALID_TASK");
        if (!kind.requestable()) {
            throw new PersonalityException("KERN_INVALID_VALUE", "send-once notifications come unasked");
        }
        // mach_port_request_notification: a port-destroyed request with a non-zero sync is KERN_INVALID_VALUE; for a
        // dead-name request a non-zero sync asks for 'immediate', which the model does not offer.
        if (sync != null && (sync < 0 || (kind != NotificationKind.NO_SENDERS && sync != 0))) {
            throw new PersonalityException("KERN_INVALID_VALUE", "sync " + sync + " does not go with a "
                    + kind.word() + " request");
        }
        RightEntry e = NameSpace.entry(t, name, "KERN_INVALID_NAME");
        RightEntry ne = NameSpace.entry(t, notify, "KERN_INVALID_NAME");
        if (!ne.receive) {
            throw new PersonalityException("KERN_INVALID_RIGHT", "the notify port " + notify + " is not a receive right of " + t.name);
        }
        Port p;
        if (kind == NotificationKind.DEAD_NAME) {
            // GNU Mach ipc_right.c ipc_right_dnrequest: a dead name (without 'immediate', which the model has not)
            // is KERN_INVALID_ARGUMENT; a name with no port right is KERN_INVALID_RIGHT.
            if (e.deadUrefs > 0) {
                throw new PersonalityException("KERN_INVALID_ARGUMENT", name + " of " + t.name
                        + " is a dead name: the port is already dead");
            }
            if (e.portSet || (e.sendUrefs == 0 && e.sendOnce == 0)) {
                throw new PersonalityException("KERN_INVALID_RIGHT", name + " of " + t.name + " is a " + e.type()
                        + " right; dead-name requests need a send or send-once right");
            }
            p = w.ports.get(e.target);
        } else {
            if (!e.receive) {
                throw new PersonalityException("KERN_INVALID_RIGHT", name + " is not a receive right of " + t.name);
            }
            p = w.ports.get(e.target);
            if (kind == NotificationKind.PORT_DESTROYED && ne.target.equals(p.label)) {
                throw new PersonalityException("KERN_INVALID_ARGUMENT", "a port cannot be its own backup");
            }
        }
        int so = Shortage.alloc(w, () -> SendOnceRights.makeSendOnce(w, w.ports.get(ne.target), t), "KERN_RESOURCE_SHORTAGE");
        NotificationRequest r = new NotificationRequest(kind, t.name, name, ne.target, so);
        NotificationRequest old = null;
        switch (kind) {
            case NO_SENDERS -> {
                old = p.noSenders;
                p.noSenders = r;
            }
            case PORT_DESTROYED -> {
                old = p.portDestroyed;
                p.portDestroyed = r;
            }
            default -> {
                for (NotificationRequest x : p.deadName) {
                    if (x.requester().equals(t.name) && x.name().equals(name)) {
                        old = x;
                    }
                }
                p.deadName.remove(old);
                p.deadName.add(r);
            }
        }
        w.event(t.name + " requests " + kind.word() + " notification for " + p.label + " to port " + ne.target
                + " (send-once #" + so + ")");
        if (old != null) {
            w.event("the previous " + kind.word() + " request for " + p.label + " is replaced");
            SendOnceRights.releaseUnused(w, old.sendOnce());
        }
        if (sync != null && p.srights == 0 && sync <= p.mscount) {
            w.event(p.label + " has no senders and sync " + sync + " <= make-send count " + p.mscount + ": notified at once");
            p.noSenders = null;
            fire(w, r, NotificationKind.NO_SENDERS, p.label, List.of());
        }
        return "ok";
    }

    /** Changes a port's send-right count, logging it; the count reaching 0 fires an armed no-senders request. */
    static void adjustSend(MachWorld w, Port p, int delta) throws PersonalityException {
        int from = p.srights;
        p.srights += delta;
        boolean armed = p.noSenders != null;
        w.sendLog.add(new MachWorld.SendTransition(p.label, from, p.srights, armed));
        if (armed && from > 0 && p.srights == 0) {
            NotificationRequest r = p.noSenders;
            p.noSenders = null;
            fire(w, r, NotificationKind.NO_SENDERS, p.label, List.of());
        }
    }

    /** The kernel uses a request's send-once right to send notification {@code kind}; returns the message id. */
    static int fire(MachWorld w, NotificationRequest r, NotificationKind kind, String subject, List<CarriedRight> rights)
            throws PersonalityException {
        SendOnceRight so = SendOnceRights.endSendOnce(w, r.sendOnce(), "used");
        return notify(w, so, kind, subject, rights);
    }

    static int notify(MachWorld w, SendOnceRight so, NotificationKind kind, String subject, List<CarriedRight> rights) throws PersonalityException {
        Port n = w.ports.get(so.port());
        int id = w.nextMsg++;
        w.label(so.frame(), "msg " + id, "message");
        w.writeBytes(so.frame(), MachText.bytes(kind.word() + " " + subject));
        n.queue.add(new MachMessage(id, w.nextSeq++, n.label, RightKind.SEND_ONCE, null, "kernel", so.frame(), "", rights,
                List.of(), kind, subject));
        if (kind == NotificationKind.NO_SENDERS) {
            w.noSendersFired.add(subject);
        }
        w.event("msg " + id + ": notify " + kind.word() + " for " + subject + " to port " + n.label
                + (n.receiver != null ? " (of " + n.receiver + ")" : "")
                + (rights.isEmpty() ? "" : " carrying " + rights.get(0)));
        return id;
    }

    /** The task's dead-name requests for this name go with the right: their send-once rights are released. */
    static void cancelDeadNameRequests(MachWorld w, Task t, RightEntry e) throws PersonalityException {
        Port p = w.ports.get(e.target);
        if (p == null || !p.alive) {
            return;
        }
        List<NotificationRequest> gone = new ArrayList<>();
        for (NotificationRequest r : p.deadName) {
            if (r.requester().equals(t.name) && r.name().equals(e.name)) {
                gone.add(r);
            }
        }
        for (NotificationRequest r : gone) {
            p.deadName.remove(r);
            // GNU Mach ipc_right_dealloc / ipc_right_destroy / ipc_right_delta (and copyin of the last reference):
            // the request's send-once right carries a port-deleted notification naming the name.
            w.event("the dead-name request of " + t.name + " for " + e.name + " goes with the right: port-deleted");
            fire(w, r, NotificationKind.PORT_DELETED, r.name(), List.of());
        }
    }

    static void dropRequest(MachWorld w, Port x, NotificationRequest r) {
        if (x.noSenders == r) {
            x.noSenders = null;
        }
        if (x.portDestroyed == r) {
            x.portDestroyed = null;
        }
        x.deadName.remove(r);
    }
}
