package capsim.personality.sel4;

import capsim.personality.PersonalityException;

/** TCB invocations (TCB.lhs): Configure, SetSpace and the other install operations, Suspend, Resume, BindNotification. */
final class TcbInvocations {
    private TcbInvocations() {
    }

    /**
     * TCB_Configure (the parts given): fault handler CPtr, CSpace root (a CNode capability from the invoker's
     * CSpace, with an optional new guard), VSpace root (a paging structure), IPC buffer (a frame). The old root
     * capabilities are deleted and the new ones derived into the TCB's slots.
     */
    static String configure(Sel4World w, String thread, long target, Long faultEp, Long cspace, Long guard, Integer guardSize, Long vspace,
                     Long buffer) throws PersonalityException {
        Tcb t = w.caller(thread);
        Sel4World.Lookup l = CSpaceLookup.lookupCap(w, t, target);
        if (l.fault() != null) {
            return Faults.capFault(w, t, target, l.fault());
        }
        Tcb x = tcbService(w, l.cap(), target);
        Slot cs = null;
        Cap csCap = null;
        if (cspace != null) {
            cs = CSpaceLookup.lookupArg(w, t, cspace, "CSpace root");
            csCap = w.cap(cs);
            if (csCap.kind() != CapKind.CNODE) {
                throw new PersonalityException("IllegalOperation", "the CSpace root must be a CNode capability, not " + csCap.text());
            }
            if (guardSize != null) {
                csCap = CNodeInvocations.updateCapData(w, csCap, null, guard, guardSize, false);
                if (csCap == null) {
                    throw new PersonalityException("IllegalOperation", "guard size " + guardSize + " does not fit that CNode");
                }
            }
            CNodeInvocations.deriveCap(w, cs, csCap);
        }
        Slot vs = null;
        if (vspace != null) {
            vs = CSpaceLookup.lookupArg(w, t, vspace, "VSpace root");
            if (w.cap(vs).kind() != CapKind.PAGING) {
                throw new PersonalityException("IllegalOperation", "the VSpace root must be a paging structure, not " + w.cap(vs).text());
            }
        }
        Slot bs = null;
        if (buffer != null) {
            bs = CSpaceLookup.lookupArg(w, t, buffer, "IPC buffer");
            if (w.cap(bs).kind() != CapKind.FRAME) {
                throw new PersonalityException("IllegalOperation", "the IPC buffer must be a frame, not " + w.cap(bs).text());
            }
        }
        if (faultEp != null) {
            x.faultEp = faultEp;
        }
        install(w, x, Tcb.CTABLE, cs, csCap);
        install(w, x, Tcb.VTABLE, vs, vs == null ? null : w.cap(vs));
        install(w, x, Tcb.IPC_BUFFER, bs, bs == null ? null : w.cap(bs));
        w.event(thread + " configured " + x.name() + (faultEp != null ? " fault_ep " + faultEp : "")
                + (cs != null ? " cspace " + csCap.object() : "") + (vs != null ? " vspace " + w.cap(vs).object() : "")
                + (bs != null ? " ipc buffer " + w.cap(bs).object() : ""));
        w.done();
        return "ok";
    }

    private static void install(Sel4World w, Tcb x, long which, Slot src, Cap c) throws PersonalityException {
        if (src == null) {
            return;
        }
        Cap before = w.cap(src);
        Slot dest = new Slot(x.name(), which);
        Deletion.cteDelete(w, dest);
        // checkCapAt: install only if deleting the old root left the source as it was
        if (w.objects.containsKey(x.name()) && before != null && before.equals(w.cap(src)) && w.cap(dest) == null) {
            CNodeInvocations.cteInsert(w, c, src, dest);
        }
    }

    /** Suspend: cancelIPC, then inactive. */
    static String suspend(Sel4World w, String thread, long target) throws PersonalityException {
        Tcb t = w.caller(thread);
        Sel4World.Lookup l = CSpaceLookup.lookupCap(w, t, target);
        if (l.fault() != null) {
            return Faults.capFault(w, t, target, l.fault());
        }
        Tcb x = tcbService(w, l.cap(), target);
        Deletion.cancelIPC(w, x);
        x.state = ThreadState.INACTIVE;
        w.event(thread + " suspended " + x.name());
        w.done();
        return "ok";
    }

    /**
     * Resume (restart): a stopped thread (isStopped: inactive or blocked on anything) has its IPC cancelled and is
     * made to restart, redoing the call it was blocked in; a running or restarting thread is left alone.
     */
    static String resume(Sel4World w, String thread, long target) throws PersonalityException {
        Tcb t = w.caller(thread);
        Sel4World.Lookup l = CSpaceLookup.lookupCap(w, t, target);
        if (l.fault() != null) {
            return Faults.capFault(w, t, target, l.fault());
        }
        Tcb x = tcbService(w, l.cap(), target);
        if (!x.state.runnable()) {
            Deletion.cancelIPC(w, x);
            Slot master = new Slot(x.name(), Tcb.REPLY);
            if (w.cap(master) == null) {
                w.set(master, new Cap(CapKind.MASTER_REPLY, x.name(), CapRights.ALL, 0, 0, 0, null));
                w.original.add(master);
            }
            x.state = ThreadState.RESTART;
            w.event(thread + " resumed " + x.name());
        } else {
            w.event(thread + " resumed " + x.name() + ", which was not stopped: nothing changes");
        }
        w.done();
        return "ok";
    }

    /** TCB_BindNotification and TCB_UnbindNotification ({@code ntfn} null). */
    static String bind(Sel4World w, String thread, long target, Long ntfnCptr) throws PersonalityException {
        Tcb t = w.caller(thread);
        Sel4World.Lookup l = CSpaceLookup.lookupCap(w, t, target);
        if (l.fault() != null) {
            return Faults.capFault(w, t, target, l.fault());
        }
        Tcb x = tcbService(w, l.cap(), target);
        if (ntfnCptr == null) {
            if (x.boundNotification == null) {
                throw new PersonalityException("IllegalOperation", x.name() + " has no bound notification");
            }
            Notification n = (Notification) w.objects.get(x.boundNotification);
            n.boundTcb = null;
            x.boundNotification = null;
            w.event(thread + " unbound " + x.name() + " from " + n.name());
            w.done();
            return "ok";
        }
        if (x.boundNotification != null) {
            throw new PersonalityException("IllegalOperation", x.name() + " is already bound to " + x.boundNotification);
        }
        Cap nc = w.cap(CSpaceLookup.lookupArg(w, t, ntfnCptr, "notification"));
        if (nc.kind() != CapKind.NOTIFICATION) {
            throw new PersonalityException("IllegalOperation", "cptr " + ntfnCptr + " is not a notification capability");
        }
        if (!nc.rights().read()) {
            throw new PersonalityException("IllegalOperation", "binding needs a notification capability with R");
        }
        Notification n = w.ntfn(nc);
        if (n.boundTcb != null || n.state == Notification.State.WAITING) {
            throw new PersonalityException("IllegalOperation", n.name() + " is bound already or has waiters");
        }
        n.boundTcb = x.name();
        x.boundNotification = n.name();
        w.event(thread + " bound " + x.name() + " to " + n.name());
        w.done();
        return "ok";
    }

    private static Tcb tcbService(Sel4World w, Cap c, long cptr) throws PersonalityException {
        if (c.kind() != CapKind.TCB) {
            throw new PersonalityException("IllegalOperation", "cptr " + cptr + " is a " + c.kind().word() + " capability, not a TCB");
        }
        return w.tcb(c.object());
    }
}
