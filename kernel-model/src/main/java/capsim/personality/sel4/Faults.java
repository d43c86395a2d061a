package capsim.personality.sel4;

import capsim.personality.PersonalityException;

/** Faults (Fault.lhs / FaultHandler.lhs): a thread's fault sent to its fault endpoint as a call; the reply that restarts it. */
final class Faults {
    private Faults() {
    }

    /** The thread raises a fault of {@code kind} (vm, cap, unknown-syscall, user): handleFault. */
    static String fault(Sel4World w, String thread, String kind) throws PersonalityException {
        Tcb t = w.caller(thread);
        if (faultLabel(kind) < 0) {
            throw new PersonalityException("InvalidArgument", "no fault kind " + kind);
        }
        handleFault(w, t, kind);
        w.done();
        return "ok";
    }

    /** handleFaultReply: VM and capability faults always restart; the others when the reply's label is 0. */
    static boolean handleFaultReply(String fault, long label) {
        return fault.equals("vm") || fault.equals("cap") || label == 0;
    }

    /** The fault's message label (seL4_Fault_CapFault 1, UnknownSyscall 2, UserException 3, VMFault 5), or -1. */
    static long faultLabel(String kind) {
        return switch (kind) {
            case "cap" -> 1;
            case "unknown-syscall" -> 2;
            case "user" -> 3;
            case "vm" -> 5;
            default -> -1;
        };
    }

    /** A capability lookup of the invoked CPtr failed: the thread takes a cap fault (handleFault). */
    static String capFault(Sel4World w, Tcb t, long cptr, String why) throws PersonalityException {
        w.event(t.name() + ": cptr " + cptr + " " + why + ": cap fault");
        handleFault(w, t, "cap");
        w.done();
        return "CapFault";
    }

    /**
     * handleFault (non-MCS): the fault goes as a Call through the fault handler CPtr, looked up in the faulting
     * thread's CSpace; it must be an endpoint capability with W and Grant or GrantReply, else the thread is left
     * inactive (handleDoubleFault).
     */
    private static void handleFault(Sel4World w, Tcb t, String kind) throws PersonalityException {
        t.fault = kind;
        Sel4World.Lookup l = CSpaceLookup.lookupCap(w, t, t.faultEp);
        Cap c = l.cap();
        if (l.fault() != null || c.kind() != CapKind.ENDPOINT || !c.rights().write()
                || !(c.rights().grant() || c.rights().grantReply())) {
            t.fault = null;
            t.state = ThreadState.INACTIVE;
            Deletion.cancelIPC(w, t);
            w.event(t.name() + " has no usable fault handler (cptr " + t.faultEp + "): it is left inactive");
            return;
        }
        Deletion.cancelIPC(w, t);
        w.event(t.name() + " faults (" + kind + "): the fault goes to " + c.object());
        Ipc.sendIPC(w, t, w.ep(c), true, true, c.badge(), c.rights().grant(), c.rights().grantReply());
    }
}
