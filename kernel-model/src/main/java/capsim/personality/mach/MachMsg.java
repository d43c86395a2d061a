package capsim.personality.mach;

import capsim.kernel.CapType;
import capsim.personality.PersonalityException;
import java.util.ArrayList;
import java.util.List;

/**
 * mach_msg with a zero timeout: SEND (checks in GNU Mach's order, then the message is built: destination, reply
 * and body rights copied in, out-of-line regions copied, moved or swapped, the queue limit) and RECEIVE (oldest
 * message of a port or port set, rights copied out, regions mapped).
 */
final class MachMsg {
    private MachMsg() {
    }

    /**
     * mach_msg(SEND) with a zero timeout: {@code dest} with disposition {@code destDisposition} (null: copy-send
     * for a send right, move-send-once for a send-once right, make-send for a bare receive right), inline
     * {@code data}, the reply port, the port rights and out-of-line regions of the body.
     */
    static String send(MachWorld w, String task, String dest, Disposition destDisposition, String data, MachWorld.PortItem reply,
                       List<MachWorld.PortItem> body, List<MachWorld.OolItem> ool) throws PersonalityException {
        Task t = NameSpace.task(w, task, "KERN_INVALID_TASK");
        // The order of the checks is GNU Mach's: the message is taken in (its size: a page here, a decision), then
        // ipc_kmsg_copyin checks the header (destination, reply) and the body (rights, memory), and only then does
        // ipc_mqueue_send look at the queue limit.
        if (data.length() > MachWorld.MAX_INLINE) {
            throw new PersonalityException("MACH_SEND_TOO_LARGE", data.length() + " inline bytes do not fit in a page");
        }
        RightEntry de = t.names.get(dest);
        Disposition d = destination(w, t, dest, de, destDisposition);
        Port p = w.ports.get(de.target);
        RightKind destRight = d.carries();
        checkReply(w, t, reply);
        checkBody(w, t, body, p);
        checkOol(t, ool);
        // ipc_mqueue.c ipc_mqueue_send: with a zero timeout a full queue is MACH_SEND_TIMED_OUT, unless the message
        // goes through a send-once right (a reply or notification always gets in).
        if (destRight == RightKind.SEND && p.queue.size() >= p.limit) {
            throw new PersonalityException("MACH_SEND_TIMED_OUT", "the queue of " + p.label + " is full (" + p.queue.size()
                    + " of " + p.limit + ")");
        }
        // Everything named exists with the rights asked for: now the message is built.
        int id = w.nextMsg++;
        try {
            int frame = -1;
            if (destRight == RightKind.SEND) {
                frame = w.allocate(CapType.FRAME, t.activity, "msg " + id, "message");
            }
            CarriedRight dc = RightCopy.copyin(w, t, dest, d, "MACH_SEND_INVALID_DEST");
            if (destRight == RightKind.SEND_ONCE) {
                frame = SendOnceRights.endSendOnce(w, dc.sendOnce(), "used").frame();
                w.label(frame, "msg " + id, "message");
            }
            w.writeBytes(frame, MachText.bytes(data));
            List<CarriedRight> carried = copyinRights(w, t, reply, body, id);
            List<OolPage> pages = new ArrayList<>();
            for (MachWorld.OolItem o : ool) {
                pages.add(copyinOol(w, t, o));
            }
            if (destRight == RightKind.SEND && p.queue.size() >= p.limit) {
                // Taking the rights in released a right whose notification filled the queue meanwhile.
                throw new PersonalityException("MACH_SEND_TIMED_OUT", "the queue of " + p.label + " filled while the message was built");
            }
            MachMessage m = new MachMessage(id, w.nextSeq++, p.label, destRight, d, t.name, frame, data, carried, pages, null, null);
            p.queue.add(m);
            w.event(describeSend(w, m));
        } catch (PersonalityException x) {
            throw Shortage.shortage(x, "MACH_SEND_NO_BUFFER");
        }
        return "ok";
    }

    /** The header's destination: a port right of the task; the disposition asked for or the default for it. */
    private static Disposition destination(MachWorld w, Task t, String dest, RightEntry de, Disposition asked)
            throws PersonalityException {
        if (de == null) {
            throw new PersonalityException("MACH_SEND_INVALID_DEST", t.name + " has no name " + dest);
        }
        if (de.portSet || de.deadUrefs > 0) {
            throw new PersonalityException("MACH_SEND_INVALID_DEST", dest + " of " + t.name + " is a " + de.type());
        }
        Disposition d = asked != null ? asked
                : de.sendOnce != 0 ? Disposition.MOVE_SEND_ONCE : de.sendUrefs > 0 ? Disposition.COPY_SEND : Disposition.MAKE_SEND;
        if (d == Disposition.MOVE_RECEIVE) {
            throw new PersonalityException("MACH_SEND_INVALID_HEADER", "a destination is sent to, not moved (move-receive)");
        }
        RightCopy.checkDisposition(w, t, de, d, "MACH_SEND_INVALID_DEST");
        return d;
    }

    /** The header's reply port, if any: a send or send-once right the task can give. */
    private static void checkReply(MachWorld w, Task t, MachWorld.PortItem reply) throws PersonalityException {
        if (reply == null) {
            return;
        }
        RightEntry re = t.names.get(reply.name());
        if (re == null) {
            throw new PersonalityException("MACH_SEND_INVALID_REPLY", t.name + " has no name " + reply.name());
        }
        if (reply.disposition() == Disposition.MOVE_RECEIVE) {
            throw new PersonalityException("MACH_SEND_INVALID_REPLY", "a reply port is a send or send-once right");
        }
        RightCopy.checkDisposition(w, t, re, reply.disposition(), "MACH_SEND_INVALID_REPLY");
    }

    /** The body's port rights: each a right the task holds; a receive right must not end up inside its own port. */
    private static void checkBody(MachWorld w, Task t, List<MachWorld.PortItem> body, Port p) throws PersonalityException {
        for (MachWorld.PortItem it : body) {
            RightEntry be = t.names.get(it.name());
            if (be == null) {
                throw new PersonalityException("MACH_SEND_INVALID_RIGHT", t.name + " has no name " + it.name());
            }
            RightCopy.checkDisposition(w, t, be, it.disposition(), "MACH_SEND_INVALID_RIGHT");
            if (it.disposition() == Disposition.MOVE_RECEIVE) {
                Port q = w.ports.get(be.target);
                if (RightCopy.wouldCycle(w, q, p)) {
                    throw new PersonalityException("MACH_SEND_INVALID_RIGHT", "carrying the receive right of " + q.label
                            + " into " + p.label + (q == p ? " (itself)" : " (which travels inside it)") + " would make a receive-right cycle");
                }
            }
        }
    }

    /** The body's out-of-line regions: each one the task has, none moved twice. */
    private static void checkOol(Task t, List<MachWorld.OolItem> ool) throws PersonalityException {
        List<String> moved = new ArrayList<>();
        for (MachWorld.OolItem o : ool) {
            if (!t.regions.containsKey(o.region())) {
                throw new PersonalityException("MACH_SEND_INVALID_MEMORY", t.name + " has no region " + o.region());
            }
            if (moved.contains(o.region())) {
                throw new PersonalityException("MACH_SEND_INVALID_MEMORY", "region " + o.region() + " was already moved");
            }
            if (o.mode() != OolMode.COPY) {
                moved.add(o.region());
            }
        }
    }

    /** The reply port and the body's rights taken out of the task's names into message {@code id}. */
    private static List<CarriedRight> copyinRights(MachWorld w, Task t, MachWorld.PortItem reply, List<MachWorld.PortItem> body,
                                                   int id) throws PersonalityException {
        List<CarriedRight> carried = new ArrayList<>();
        if (reply != null) {
            CarriedRight c = RightCopy.copyin(w, t, reply.name(), reply.disposition(), "MACH_SEND_INVALID_REPLY");
            carried.add(new CarriedRight(c.kind(), c.port(), c.sendOnce(), true));
        }
        for (MachWorld.PortItem it : body) {
            CarriedRight c = RightCopy.copyin(w, t, it.name(), it.disposition(), "MACH_SEND_INVALID_RIGHT");
            if (c.kind() == RightKind.RECEIVE) {
                w.ports.get(c.port()).carrier = id;
            }
            carried.add(c);
        }
        return carried;
    }

    /** An out-of-line region into the message: a copy (a new frame), moved (the task loses it) or swapped (a fresh one). */
    private static OolPage copyinOol(MachWorld w, Task t, MachWorld.OolItem o) throws PersonalityException {
        int f0 = t.regions.get(o.region());
        int f = switch (o.mode()) {
            case COPY -> {
                int c = w.allocate(CapType.FRAME, t.activity, o.region() + " (copy)", "ool-page");
                w.writeBytes(c, Tasks.frameBytes(w, f0));
                yield c;
            }
            case MOVE -> {
                t.regions.remove(o.region());
                yield f0;
            }
            case SWAP -> {
                int fresh = w.allocate(CapType.FRAME, t.activity, o.region(), "ool-page");
                t.regions.put(o.region(), fresh);
                w.event("the kernel gives " + t.name + " a fresh page for region " + o.region());
                yield f0;
            }
        };
        return new OolPage(o.region(), f, o.mode());
    }

    /** mach_msg(RECEIVE) with a zero timeout, on a receive right or a port set. */
    static String receive(MachWorld w, String task, String name) throws PersonalityException {
        Task t = NameSpace.task(w, task, "KERN_INVALID_TASK");
        RightEntry e = t.names.get(name);
        if (e == null || (!e.receive && !e.portSet)) {
            throw new PersonalityException("MACH_RCV_INVALID_NAME", name + " is not a receive right or port set of " + t.name);
        }
        MachMessage m = null;
        if (e.receive) {
            Port p = w.ports.get(e.target);
            if (p.set != null) {
                throw new PersonalityException("MACH_RCV_IN_SET", p.label + " is in port set " + p.set + "; receive on the set");
            }
            m = p.queue.isEmpty() ? null : p.queue.get(0);
        } else {
            for (String member : w.sets.get(e.target).members) {
                Port p = w.ports.get(member);
                if (!p.queue.isEmpty() && (m == null || p.queue.get(0).seq() < m.seq())) {
                    m = p.queue.get(0);
                }
            }
        }
        if (m == null) {
            throw new PersonalityException("MACH_RCV_TIMED_OUT", "no message on " + name);
        }
        Port p = w.ports.get(m.dest());
        p.queue.remove(0);
        try {
            List<String> rights = new ArrayList<>();
            for (CarriedRight c : m.rights()) {
                rights.add(RightCopy.copyout(w, t, c, true));
            }
            List<String> regions = new ArrayList<>();
            for (OolPage o : m.ool()) {
                int f = o.frame();
                if (o.mode() == OolMode.COPY) {
                    f = w.allocate(CapType.FRAME, t.activity, o.region(), "ool-page");
                    w.writeBytes(f, Tasks.frameBytes(w, o.frame()));
                    w.free(o.frame());
                }
                String rn = t.freshRegion(o.region());
                w.label(f, rn, "ool-page");
                t.regions.put(rn, f);
                regions.add(rn);
            }
            String data = m.kernel() ? "" : MachText.string(Tasks.frameBytes(w, m.frame()));
            w.free(m.frame());
            t.received.add(new Received(m.id(), m.sender(), p.label, data, m.notification(), m.subject(), rights, regions));
            w.event("msg " + m.id() + ": " + t.name + " receives from port " + p.label
                    + (m.kernel() ? ": " + m.notification().word() + " notification for " + m.subject() : ": " + MachText.quote(data))
                    + (rights.isEmpty() ? "" : ", rights " + String.join(" ", rights))
                    + (regions.isEmpty() ? "" : ", regions " + String.join(" ", regions)));
            if (m.destRight() == RightKind.SEND) {
                Notifications.adjustSend(w, p, -1);
            }
        } catch (PersonalityException x) {
            throw Shortage.shortage(x, "KERN_RESOURCE_SHORTAGE");
        }
        return "ok";
    }

    private static String describeSend(MachWorld w, MachMessage m) {
        StringBuilder b = new StringBuilder("msg ").append(m.id()).append(": ").append(m.sender()).append(" sends to port ")
                .append(m.dest()).append(" (").append(m.destDisposition()).append(")");
        if (!m.data().isEmpty()) {
            b.append(' ').append(MachText.quote(m.data()));
        }
        for (CarriedRight c : m.rights()) {
            b.append(c.reply() ? " reply " : " carrying ").append(c.port()).append(' ').append(c.kind().word());
        }
        for (OolPage o : m.ool()) {
            b.append(" ool ").append(o.region()).append(' ').append(o.mode().word());
        }
        return b.toString();
    }
}
