package capsim.personality.sel4;

import capsim.personality.PersonalityException;
import java.util.ArrayList;
import java.util.List;

/**
 * Endpoint IPC (Endpoint.lhs and the transfer half of Thread.lhs, non-MCS): the thread system calls Send, Call,
 * NBSend, Recv, Reply and ReplyRecv; sendIPC and receiveIPC (a blocked partner completes the rendezvous, else the
 * thread queues); doIPCTransfer and transferCaps (message words, extra capabilities unwrapped or granted into the
 * receive slot); the one-shot reply capability (setupCallerCap, handleReply).
 */
final class Ipc {
    private Ipc() {
    }

    /**
     * A blocking or non-blocking Send, or a Call, of {@code msg} by {@code thread} through {@code cptr}; a call's
     * {@code into} is the receive slot (CPtr, or -1) for capabilities in the reply.
     */
    static String send(Sel4World w, String thread, long cptr, Message msg, boolean blocking, boolean call, long into) throws PersonalityException {
        Tcb t = w.caller(thread);
        if (call) {
            t.receiveSlot = into;
        }
        Sel4World.Lookup l = CSpaceLookup.lookupCap(w, t, cptr);
        if (l.fault() != null) {
            return Faults.capFault(w, t, cptr, l.fault());
        }
        Cap c = l.cap();
        if (c.kind() == CapKind.NOTIFICATION) {
            // Send on a notification capability is a signal (decodeInvocation of a NotificationCap)
            if (!c.rights().write()) {
                throw new PersonalityException("InvalidCapability", "cptr " + cptr + " is a notification capability without W");
            }
            Signals.signal(w, w.ntfn(c), c.badge(), thread);
            return "ok";
        }
        if (c.kind() != CapKind.ENDPOINT) {
            throw new PersonalityException("IllegalOperation", "cptr " + cptr + " is a " + c.kind().word()
                    + " capability: it takes no " + (call ? "call" : "send") + " of a plain message");
        }
        if (!c.rights().write()) {
            throw new PersonalityException("InvalidCapability", "cptr " + cptr + " is an endpoint capability without W");
        }
        t.state = ThreadState.RUNNING;
        t.pending = msg;
        sendIPC(w, t, w.ep(c), blocking, call, c.badge(), c.rights().grant(), c.rights().grantReply());
        w.done();
        return "ok";
    }

    /** Recv (blocking) or NBRecv on an endpoint, Wait or Poll on a notification; {@code into}: receive slot CPtr or -1. */
    static String recv(Sel4World w, String thread, long cptr, boolean blocking, long into) throws PersonalityException {
        Tcb t = w.caller(thread);
        t.state = ThreadState.RUNNING;
        t.receiveSlot = into;
        return handleRecv(w, t, cptr, blocking);
    }

    /** Reply with {@code msg} through the caller slot. */
    static String reply(Sel4World w, String thread, Message msg) throws PersonalityException {
        Tcb t = w.caller(thread);
        t.state = ThreadState.RUNNING;
        t.pending = msg;
        handleReply(w, t);
        w.done();
        return "ok";
    }

    /** ReplyRecv: the reply, then a receive on {@code cptr} (handleReply, then handleRecv). */
    static String replyRecv(Sel4World w, String thread, long cptr, Message msg, long into) throws PersonalityException {
        Tcb t = w.caller(thread);
        t.state = ThreadState.RUNNING;
        t.pending = msg;
        t.receiveSlot = into;
        handleReply(w, t);
        return handleRecv(w, t, cptr, true);
    }

    private static String handleRecv(Sel4World w, Tcb t, long cptr, boolean blocking) throws PersonalityException {
        Sel4World.Lookup l = CSpaceLookup.lookupCap(w, t, cptr);
        if (l.fault() != null) {
            return Faults.capFault(w, t, cptr, l.fault());
        }
        Cap c = l.cap();
        if (c.kind() == CapKind.ENDPOINT && c.rights().read()) {
            Deletion.deleteCallerCap(w, t); // non-MCS handleRecv: the reply capability of an unanswered call goes
            receiveIPC(w, t, w.ep(c), c.rights().grant(), blocking);
        } else if (c.kind() == CapKind.NOTIFICATION && c.rights().read()) {
            Notification n = w.ntfn(c);
            if (n.boundTcb != null && !n.boundTcb.equals(t.name())) {
                return Faults.capFault(w, t, cptr, "notification " + n.name() + " is bound to " + n.boundTcb);
            }
            Signals.receiveSignal(w, t, n, blocking);
        } else {
            return Faults.capFault(w, t, cptr, "a " + c.kind().word() + " capability" + (c.hasRights() ? " with " + c.rights() : "")
                    + " cannot be received on");
        }
        w.done();
        return "ok";
    }

    /** sendIPC: rendezvous with the first receiver, or wait (blocking), or drop the message (non-blocking). */
    static void sendIPC(Sel4World w, Tcb t, Endpoint ep, boolean blocking, boolean call, long badge, boolean canGrant,
                         boolean canGrantReply) throws PersonalityException {
        if (ep.state != Endpoint.State.RECV) {
            if (!blocking) {
                w.event(t.name() + " NBSend on " + ep.name() + ": nobody waits, the message is dropped");
                return;
            }
            t.state = new ThreadState.BlockedOnSend(ep.name(), badge, canGrant, canGrantReply, call);
            ep.state = Endpoint.State.SEND;
            ep.queue.add(t.name());
            w.event(t.name() + (call ? " calls " : " sends on ") + ep.name() + " (badge " + badge + "): waits in its send queue");
            return;
        }
        Tcb dest = w.tcb(ep.queue.get(0));
        ep.dequeue(dest.name());
        boolean destCanGrant = dest.state instanceof ThreadState.BlockedOnReceive r && r.canGrant();
        w.event(t.name() + (call ? " calls " : " sends on ") + ep.name() + " (badge " + badge + "): " + dest.name()
                + " was waiting");
        doIPCTransfer(w, t, ep.name(), badge, canGrant, dest);
        dest.state = ThreadState.RUNNING;
        if (call || t.fault != null) {
            if (canGrant || canGrantReply) {
                setupCallerCap(w, t, dest, destCanGrant);
            } else {
                t.state = ThreadState.INACTIVE;
                w.event(t.name() + " called without Grant or GrantReply: no reply capability, " + t.name() + " is inactive");
            }
        }
    }

    /** receiveIPC: a pending signal on the bound notification first, else the first sender, else wait. */
    private static void receiveIPC(Sel4World w, Tcb t, Endpoint ep, boolean canGrant, boolean blocking) throws PersonalityException {
        Notification bound = t.boundNotification == null ? null : (Notification) w.objects.get(t.boundNotification);
        if (bound != null && bound.state == Notification.State.ACTIVE) {
            Signals.completeSignal(w, bound, t);
            return;
        }
        if (ep.state != Endpoint.State.SEND) {
            if (!blocking) {
                t.received = Received.nothing(ep.name());
                w.event(t.name() + " NBRecv on " + ep.name() + ": nobody sends");
                return;
            }
            t.state = new ThreadState.BlockedOnReceive(ep.name(), canGrant);
            ep.state = Endpoint.State.RECV;
            ep.queue.add(t.name());
            w.event(t.name() + " receives on " + ep.name() + ": waits in its receive queue");
            return;
        }
        Tcb sender = w.tcb(ep.queue.get(0));
        ep.dequeue(sender.name());
        ThreadState.BlockedOnSend s = (ThreadState.BlockedOnSend) sender.state;
        w.event(t.name() + " receives on " + ep.name() + ": takes " + sender.name() + "'s " + (s.isCall() ? "call" : "message"));
        doIPCTransfer(w, sender, ep.name(), s.badge(), s.canGrant(), t);
        if (s.isCall() || sender.fault != null) {
            if (s.canGrant() || s.canGrantReply()) {
                setupCallerCap(w, sender, t, canGrant);
            } else {
                sender.state = ThreadState.INACTIVE;
                w.event(sender.name() + " called without Grant or GrantReply: no reply capability, it is inactive");
            }
        } else {
            sender.state = ThreadState.RUNNING;
        }
    }

    /**
     * doIPCTransfer: a fault message (doFaultTransfer) or the sender's message (doNormalTransfer): words (only the
     * message registers when either side lacks an IPC buffer), the badge, and with grant the extra capabilities
     * (transferCaps).
     */
    private static void doIPCTransfer(Sel4World w, Tcb sender, String ep, long badge, boolean grant, Tcb receiver) throws PersonalityException {
        if (sender.fault != null) {
            receiver.received = new Received(sender.name(), badge, Faults.faultLabel(sender.fault), List.of(), 0, List.of(),
                    sender.fault);
            w.event(receiver.name() + " got " + sender.name() + "'s " + sender.fault + " fault (badge " + badge + ")");
            return;
        }
        Message m = sender.pending == null ? Message.EMPTY : sender.pending;
        boolean buffers = sender.slots[(int) Tcb.IPC_BUFFER] != null && receiver.slots[(int) Tcb.IPC_BUFFER] != null;
        List<Long> words = m.words();
        if (!buffers && words.size() > Sel4World.MSG_REGISTERS) {
            words = words.subList(0, Sel4World.MSG_REGISTERS);
            w.event("only " + Sel4World.MSG_REGISTERS + " message registers travel: " + (sender.slots[(int) Tcb.IPC_BUFFER] == null
                    ? sender.name() : receiver.name()) + " has no IPC buffer");
        }
        int moved = 0;
        List<Long> unwrapped = new ArrayList<>();
        if (grant && !m.caps().isEmpty()) {
            if (sender.slots[(int) Tcb.IPC_BUFFER] == null) {
                w.event("no capability travels: " + sender.name() + " has no IPC buffer to name them");
            } else {
                int[] counts = transferCaps(w, sender, m.caps(), ep, receiver, unwrapped);
                moved = counts[0];
            }
        } else if (!m.caps().isEmpty()) {
            w.event("no capability travels: the capability sent through has no Grant right");
        }
        receiver.received = new Received(sender.name(), badge, m.label(), words, moved, unwrapped, null);
        w.event(receiver.name() + " got " + words.size() + " words label " + m.label() + " badge " + badge
                + (moved > 0 ? ", " + moved + " capabilities" : "") + (unwrapped.isEmpty() ? "" : ", unwrapped badges " + unwrapped));
    }

    /**
     * transferCaps: each extra capability is looked up in the sender's CSpace (a failed lookup sends none:
     * lookupExtraCaps); a capability to the very endpoint the message travels through is unwrapped (the receiver
     * gets its badge, not a capability); the others are derived (deriveCap) into the one receive slot, as CDT
     * children of the sender's slot. Returns {inserted}.
     */
    private static int[] transferCaps(Sel4World w, Tcb sender, List<Long> cptrs, String ep, Tcb receiver, List<Long> unwrapped)
            throws PersonalityException {
        List<Slot> srcSlots = new ArrayList<>();
        for (long cp : cptrs) {
            Sel4World.Resolved r = CSpaceLookup.resolveForThread(w, sender, cp);
            if (r.fault() != null || w.cap(r.slot()) == null) {
                w.event("no capability travels: " + sender.name() + "'s extra cptr " + cp + " does not look up");
                return new int[] {0};
            }
            srcSlots.add(r.slot());
        }
        Slot dest = receiveSlot(w, receiver);
        int inserted = 0;
        for (Slot src : srcSlots) {
            Cap c = w.cap(src);
            if (c == null) {
                break;
            }
            if (ep != null && c.kind() == CapKind.ENDPOINT && c.object().equals(ep)) {
                unwrapped.add(c.badge());
                w.event("the capability to " + ep + " (badge " + c.badge() + ") is unwrapped: " + receiver.name()
                        + " gets its badge");
                continue;
            }
            if (dest == null) {
                w.event("no receive slot left in " + receiver.name() + "'s IPC buffer: the rest stay behind");
                break;
            }
            Cap derived = CNodeInvocations.deriveCapOrNull(w, src, c);
            if (derived == null) {
                w.event(c.text() + " cannot be derived: it stays behind");
                break;
            }
            CNodeInvocations.cteInsert(w, derived, src, dest);
            w.event(receiver.name() + " got " + derived.text() + " in " + dest + " (derived from " + src + ")");
            inserted++;
            dest = null;
        }
        return new int[] {inserted};
    }

    /** The receive slot the receiver's IPC buffer names, if it has a buffer and the slot looks up empty (getReceiveSlots). */
    private static Slot receiveSlot(Sel4World w, Tcb r) {
        if (r.slots[(int) Tcb.IPC_BUFFER] == null || r.receiveSlot < 0) {
            return null;
        }
        Sel4World.Resolved res = CSpaceLookup.resolveForThread(w, r, r.receiveSlot);
        if (res.fault() != null || res.bitsLeft() != 0 || w.cap(res.slot()) != null) {
            return null;
        }
        return res.slot();
    }

    /** setupCallerCap: the sender waits for a reply; the receiver's caller slot holds a reply cap, child of the master. */
    private static void setupCallerCap(Sel4World w, Tcb sender, Tcb receiver, boolean canGrant) throws PersonalityException {
        sender.state = ThreadState.BLOCKED_ON_REPLY;
        w.callSerial.merge(sender.name(), 1, Integer::sum);
        Slot master = new Slot(sender.name(), Tcb.REPLY);
        if (w.cap(master) == null) {
            w.set(master, new Cap(CapKind.MASTER_REPLY, sender.name(), CapRights.ALL, 0, 0, 0, null));
            w.original.add(master);
        }
        Slot callerSlot = new Slot(receiver.name(), Tcb.CALLER);
        if (w.cap(callerSlot) != null) {
            Deletion.cteDelete(w, callerSlot);
        }
        w.set(callerSlot, new Cap(CapKind.REPLY, sender.name(), new CapRights(false, false, canGrant, false), 0, 0, 0, null));
        w.parent.put(callerSlot, master);
        w.event(receiver.name() + " holds a reply capability to " + sender.name() + (canGrant ? " (with grant)" : ""));
    }

    /** handleReply (non-MCS): through the caller slot's reply capability, if any; it is used up. */
    private static void handleReply(Sel4World w, Tcb t) throws PersonalityException {
        Slot callerSlot = new Slot(t.name(), Tcb.CALLER);
        Cap rc = w.cap(callerSlot);
        if (rc == null) {
            w.event(t.name() + " replies, but holds no reply capability: nothing happens");
            return;
        }
        Tcb c = w.tcb(rc.object());
        w.usedReplies.add(c.name() + "#" + w.calls(c.name()));
        if (c.fault == null) {
            doIPCTransfer(w, t, null, 0, rc.rights().grant(), c);
            Deletion.cteDeleteOne(w, callerSlot);
            c.state = ThreadState.RUNNING;
            w.event(t.name() + " replied to " + c.name() + "; the reply capability is used up");
        } else {
            String f = c.fault;
            long label = t.pending == null ? 0 : t.pending.label();
            Deletion.cteDeleteOne(w, callerSlot);
            boolean restart = Faults.handleFaultReply(f, label);
            c.fault = null;
            c.state = restart ? ThreadState.RESTART : ThreadState.INACTIVE;
            w.event(t.name() + " answered " + c.name() + "'s " + f + " fault: " + c.name() + (restart ? " restarts" : " stays inactive"));
        }
    }
}
