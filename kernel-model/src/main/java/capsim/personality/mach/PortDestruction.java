package capsim.personality.mach;

import capsim.personality.PersonalityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Destruction: mach_port_destroy, a receive right destroyed (the port goes to its backup or dies), a dying port
 * (rights become dead names, requests fire, queued messages destroyed), port sets destroyed.
 */
final class PortDestruction {
    private PortDestruction() {
    }

    /** mach_port_destroy: every right under the name. */
    static String destroy(MachWorld w, String task, String name) throws PersonalityException {
        Task t = NameSpace.task(w, task, "KERN_INVALID_TASK");
        RightEntry e = NameSpace.entry(t, name, "KERN_INVALID_NAME");
        w.event(t.name + " destroys " + name + " (" + e.type() + ")");
        if (e.portSet) {
            destroySet(w, t, e);
            return "ok";
        }
        NameSpace.removeEntry(w, t, e);
        Port p = w.ports.get(e.target);
        if (e.sendOnce != 0) {
            Notifications.cancelDeadNameRequests(w, t, e);
            SendOnceRights.releaseUnused(w, e.sendOnce);
        }
        if (e.sendUrefs > 0) {
            Notifications.cancelDeadNameRequests(w, t, e);
            Notifications.adjustSend(w, p, -1);
        }
        if (e.receive) {
            destroyReceive(w, p);
        }
        return "ok";
    }

    /** A receive right is destroyed: the port goes to its backup (port-destroyed request) or dies. */
    static void destroyReceive(MachWorld w, Port p) throws PersonalityException {
        Ports.leaveSet(w, p);
        p.receiver = null;
        p.carrier = 0;
        NotificationRequest r = p.portDestroyed;
        if (r != null) {
            p.portDestroyed = null;
            if (w.sendOnces.containsKey(r.sendOnce())) {
                Port backup = w.ports.get(r.notifyPort());
                if (!RightCopy.wouldCycle(w, p, backup)) {
                    int id = Notifications.fire(w, r, NotificationKind.PORT_DESTROYED, p.label, List.of(new CarriedRight(RightKind.RECEIVE, p.label, 0, false)));
                    p.carrier = id;
                    return;
                }
                w.event("the backup port of " + p.label + " travels inside it: no port-destroyed notification");
                SendOnceRights.releaseUnused(w, r.sendOnce());
            }
        }
        die(w, p);
    }

    /** The port dies: rights to it become dead names, its requests and queued messages are dealt with. */
    private static void die(MachWorld w, Port p) throws PersonalityException {
        p.alive = false;
        p.receiver = null;
        p.carrier = 0;
        w.event("port " + p.label + " dies");
        // Send-once rights to it die with it (their prepaid pages freed); names holding them become dead names.
        for (SendOnceRight so : new ArrayList<>(w.sendOnces.values())) {
            if (!so.port().equals(p.label)) {
                continue;
            }
            SendOnceRights.endSendOnce(w, so.id(), "died");
            w.free(so.frame());
            for (Task t : w.tasks.values()) {
                for (RightEntry e : t.names.values()) {
                    if (e.sendOnce == so.id()) {
                        e.sendOnce = 0;
                        e.deadUrefs = 1;
                    }
                }
            }
            for (Port x : w.ports.values()) {
                for (NotificationRequest r : x.requests()) {
                    if (r.sendOnce() == so.id()) {
                        Notifications.dropRequest(w, x, r);
                        w.event("the " + r.kind().word() + " request for " + x.label + " is dropped: its notify port " + p.label + " died");
                    }
                }
            }
        }
        List<NotificationRequest> requests = p.requests();
        p.noSenders = null;
        p.portDestroyed = null;
        p.deadName.clear();
        // Send rights in name spaces become dead names, keeping their references.
        for (Task t : w.tasks.values()) {
            for (RightEntry e : t.names.values()) {
                if (e.target.equals(p.label) && e.sendUrefs > 0) {
                    e.deadUrefs += e.sendUrefs;
                    e.sendUrefs = 0;
                }
            }
        }
        for (NotificationRequest r : requests) {
            if (r.kind() == NotificationKind.DEAD_NAME) {
                Notifications.fire(w, r, NotificationKind.DEAD_NAME, r.name(), List.of());
            } else {
                SendOnceRights.releaseUnused(w, r.sendOnce());
            }
        }
        p.srights = 0;
        p.sorights = 0;
        List<MachMessage> queued = new ArrayList<>(p.queue);
        p.queue.clear();
        for (MachMessage m : queued) {
            destroyMessage(w, m);
        }
        w.free(p.queueObject);
    }

    /** A queued message whose port died: its rights are released, its pages freed. */
    private static void destroyMessage(MachWorld w, MachMessage m) throws PersonalityException {
        w.event("msg " + m.id() + " destroyed (port " + m.dest() + " died)");
        for (CarriedRight c : m.rights()) {
            Port q = w.ports.get(c.port());
            switch (c.kind()) {
                case RECEIVE -> destroyReceive(w, q);
                case SEND -> {
                    if (q.alive) {
                        Notifications.adjustSend(w, q, -1);
                    }
                }
                case SEND_ONCE -> SendOnceRights.releaseUnused(w, c.sendOnce());
                default -> {
                }
            }
        }
        for (OolPage o : m.ool()) {
            w.free(o.frame());
        }
        w.free(m.frame());
    }

    static void destroySet(MachWorld w, Task t, RightEntry e) throws PersonalityException {
        PortSet s = w.sets.get(e.target);
        s.alive = false;
        for (String member : s.members) {
            w.ports.get(member).set = null;
        }
        s.members.clear();
        NameSpace.removeEntry(w, t, e);
        w.free(s.queueObject);
        w.event("port set " + s.label + " destroyed");
    }
}
