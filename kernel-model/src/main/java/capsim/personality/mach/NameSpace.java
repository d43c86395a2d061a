package capsim.personality.mach;

import capsim.kernel.CapPage;
import capsim.kernel.Capability;
import capsim.kernel.KernelException;
import capsim.kernel.Rights;
import capsim.personality.PersonalityException;

/**
 * A task's IPC name space: names, the slot each name mirrors in the task's capability page, and user references
 * (mach_port_deallocate, mach_port_mod_refs with MACH_PORT_UREFS_MAX, mach_port_insert_right).
 */
final class NameSpace {
    private NameSpace() {
    }

    /**
     * mach_port_insert_right: takes a right from {@code task}'s name {@code name} with disposition {@code d}
     * and puts it into the name space of {@code into} (null: the task's own), as a message would.
     */
    static String insertRight(MachWorld w, String task, String name, Disposition d, String into) throws PersonalityException {
        Task t = task(w, task, "KERN_INVALID_TASK");
        Task target = into == null ? t : task(w, into, "KERN_INVALID_TASK");
        RightEntry e = entry(t, name, "KERN_INVALID_NAME");
        RightCopy.checkDisposition(w, t, e, d, "KERN_INVALID_RIGHT");
        try {
            CarriedRight c = RightCopy.copyin(w, t, name, d, "KERN_INVALID_RIGHT");
            String got = RightCopy.copyout(w, target, c, false);
            w.event(t.name + " inserts " + d + " of " + name + " into " + target.name + " as " + got);
        } catch (PersonalityException x) {
            throw Shortage.shortage(x, "KERN_RESOURCE_SHORTAGE");
        }
        return "ok";
    }

    /** mach_port_deallocate: one user reference of a send, send-once or dead-name right. */
    static String deallocate(MachWorld w, String task, String name) throws PersonalityException {
        Task t = task(w, task, "KERN_INVALID_TASK");
        RightEntry e = entry(t, name, "KERN_INVALID_NAME");
        if (e.sendOnce != 0) {
            SendOnceRights.releaseSendOnceName(w, t, e);
        } else if (e.deadUrefs > 0) {
            e.deadUrefs--;
            if (e.empty()) {
                removeEntry(w, t, e);
            }
            w.event(t.name + " deallocates dead name " + name);
        } else if (e.sendUrefs > 0) {
            setSendUrefs(w, t, e, e.sendUrefs - 1);
            w.event(t.name + " deallocates a send reference of " + name);
        } else {
            throw new PersonalityException("KERN_INVALID_RIGHT", name + " of " + t.name + " is a " + e.type()
                    + " right, which mach_port_deallocate does not release");
        }
        return "ok";
    }

    /** mach_port_mod_refs. */
    static String modRefs(MachWorld w, String task, String name, RightKind right, int delta) throws PersonalityException {
        Task t = task(w, task, "KERN_INVALID_TASK");
        RightEntry e = entry(t, name, "KERN_INVALID_NAME");
        switch (right) {
            case SEND, DEAD_NAME -> {
                int had = right == RightKind.SEND ? e.sendUrefs : e.deadUrefs;
                if (had == 0) {
                    throw new PersonalityException("KERN_INVALID_RIGHT", name + " of " + t.name + " holds no " + right.word() + " right");
                }
                long n = (long) had + delta;
                if (n < 0) {
                    throw new PersonalityException("KERN_INVALID_VALUE", name + " has " + had + " user references, not " + -delta);
                }
                int max = right == RightKind.SEND ? MachWorld.SEND_UREFS_MAX : MachWorld.UREFS_MAX;
                if (n > max) {
                    throw new PersonalityException("KERN_UREFS_OVERFLOW", name + " would have " + n + " user references (at most "
                            + max + ")");
                }
                if (right == RightKind.SEND) {
                    setSendUrefs(w, t, e, (int) n);
                } else {
                    e.deadUrefs = (int) n;
                    if (e.empty()) {
                        removeEntry(w, t, e);
                    }
                }
            }
            case SEND_ONCE, RECEIVE, PORT_SET -> {
                boolean has = switch (right) {
                    case SEND_ONCE -> e.sendOnce != 0;
                    case RECEIVE -> e.receive;
                    default -> e.portSet;
                };
                if (!has) {
                    throw new PersonalityException("KERN_INVALID_RIGHT", name + " of " + t.name + " holds no " + right.word() + " right");
                }
                if (delta != 0 && delta != -1) {
                    throw new PersonalityException("KERN_INVALID_VALUE", "a " + right.word() + " right changes by 0 or -1, not " + delta);
                }
                if (delta == -1) {
                    switch (right) {
                        case SEND_ONCE -> SendOnceRights.releaseSendOnceName(w, t, e);
                        case RECEIVE -> {
                            Port p = w.ports.get(e.target);
                            e.receive = false;
                            if (e.empty()) {
                                removeEntry(w, t, e);
                            } else {
                                mirror(w, t, e);
                            }
                            w.event(t.name + " destroys the receive right of " + p.label);
                            PortDestruction.destroyReceive(w, p);
                        }
                        default -> PortDestruction.destroySet(w, t, e);
                    }
                }
            }
        }
        w.event(t.name + " mod-refs " + name + " " + right.word() + " " + (delta >= 0 ? "+" : "") + delta);
        return "ok";
    }

    /** Sets a name's send references; the space's send right goes at 0 (the port's count drops). */
    private static void setSendUrefs(MachWorld w, Task t, RightEntry e, int n) throws PersonalityException {
        e.sendUrefs = n;
        if (n == 0) {
            Notifications.cancelDeadNameRequests(w, t, e);
            if (e.empty()) {
                removeEntry(w, t, e);
            } else {
                mirror(w, t, e);
            }
            Notifications.adjustSend(w, w.ports.get(e.target), -1);
        }
    }

    static Task task(MachWorld w, String name, String code) throws PersonalityException {
        Task t = w.tasks.get(name);
        if (t == null) {
            throw new PersonalityException(code, "no task " + name);
        }
        return t;
    }

    static RightEntry entry(Task t, String name, String code) throws PersonalityException {
        RightEntry e = t.names.get(name);
        if (e == null) {
            throw new PersonalityException(code, t.name + " has no name " + name);
        }
        return e;
    }

    static int freeSlot(Task t) throws PersonalityException {
        int s = t.freeSlot();
        if (s < 0) {
            throw new PersonalityException("KERN_NO_SPACE", "the name space of " + t.name + " is full (" + CapPage.SLOTS + " names)");
        }
        return s;
    }

    static RightEntry newEntry(MachWorld w, Task t, String name, String target) throws PersonalityException {
        RightEntry e = new RightEntry(name, target, freeSlot(t));
        t.names.put(name, e);
        return e;
    }

    static void removeEntry(MachWorld w, Task t, RightEntry e) throws PersonalityException {
        t.names.remove(e.name);
        setSlot(w, t, e.slot, Capability.VOID);
    }

    /** Writes the name's slot: a capability to the port's (or set's) queue object, full for receive, else send-only. */
    static void mirror(MachWorld w, Task t, RightEntry e) throws PersonalityException {
        Capability c;
        if (e.portSet) {
            c = w.boot().cap(w.sets.get(e.target).queueObject);
        } else if (e.deadUrefs > 0) {
            c = Capability.VOID;
        } else {
            Port p = w.ports.get(e.target);
            c = w.boot().cap(p.queueObject, e.receive ? Rights.FULL : MachWorld.SEND_ONLY, e.sendOnce);
        }
        setSlot(w, t, e.slot, c);
    }

    private static void setSlot(MachWorld w, Task t, int slot, Capability c) throws PersonalityException {
        try {
            w.boot().setSlot(t.space, slot, c);
        } catch (KernelException x) {
            throw MachWorld.refusal(x);
        }
    }
}
