package capsim.personality.mach;

import capsim.kernel.CapType;
import capsim.personality.PersonalityException;

/**
 * Ports and port sets as objects: allocation (a message queue charged to the receiver), the queue limit
 * (mach_port_set_attributes QLIMIT) and port-set membership (mach_port_move_member).
 */
final class Ports {
    private Ports() {
    }

    /** mach_port_allocate(RECEIVE): a new port whose receive right {@code task} holds under the name {@code label}. */
    static String allocatePort(MachWorld w, String task, String label, int limit) throws PersonalityException {
        Task t = NameSpace.task(w, task, "KERN_INVALID_TASK");
        labelFree(w, t, label);
        checkLimit(limit);
        int slot = NameSpace.freeSlot(t);
        int q = Shortage.alloc(w, CapType.MESSAGE_QUEUE, t.activity, label, "port", "KERN_RESOURCE_SHORTAGE");
        Port p = new Port(label, q, t.name, limit);
        w.ports.put(label, p);
        RightEntry e = new RightEntry(label, label, slot);
        e.receive = true;
        t.names.put(label, e);
        NameSpace.mirror(w, t, e);
        w.event(t.name + " allocates port " + label + " (limit " + limit + ")");
        return "ok";
    }

    /** mach_port_allocate(PORT_SET). */
    static String allocatePortSet(MachWorld w, String task, String label) throws PersonalityException {
        Task t = NameSpace.task(w, task, "KERN_INVALID_TASK");
        labelFree(w, t, label);
        int slot = NameSpace.freeSlot(t);
        int q = Shortage.alloc(w, CapType.MESSAGE_QUEUE, t.activity, label, "port-set", "KERN_RESOURCE_SHORTAGE");
        w.sets.put(label, new PortSet(label, t.name, q));
        RightEntry e = new RightEntry(label, label, slot);
        e.portSet = true;
        t.names.put(label, e);
        NameSpace.mirror(w, t, e);
        w.event(t.name + " allocates port set " + label);
        return "ok";
    }

    /** mach_port_set_attributes(QLIMIT). */
    static String setLimit(MachWorld w, String task, String name, int limit) throws PersonalityException {
        Task t = NameSpace.task(w, task, "KERN_INVALID_TASK");
        RightEntry e = NameSpace.entry(t, name, "KERN_INVALID_NAME");
        if (!e.receive) {
            throw new PersonalityException("KERN_INVALID_RIGHT", name + " is not a receive right of " + t.name);
        }
        checkLimit(limit);
        w.ports.get(e.target).limit = limit;
        w.event(t.name + " sets the queue limit of " + e.target + " to " + limit);
        return "ok";
    }

    /** mach_port_move_member: puts a receive right into a port set ({@code set} null: takes it out of its set). */
    static String moveMember(MachWorld w, String task, String name, String set) throws PersonalityException {
        Task t = NameSpace.task(w, task, "KERN_INVALID_TASK");
        RightEntry e = NameSpace.entry(t, name, "KERN_INVALID_NAME");
        if (!e.receive) {
            throw new PersonalityException("KERN_INVALID_RIGHT", name + " is not a receive right of " + t.name);
        }
        Port p = w.ports.get(e.target);
        if (set == null) {
            if (p.set == null) {
                throw new PersonalityException("KERN_NOT_IN_SET", p.label + " is in no port set");
            }
            leaveSet(w, p);
            return "ok";
        }
        RightEntry se = NameSpace.entry(t, set, "KERN_INVALID_NAME");
        if (!se.portSet) {
            throw new PersonalityException("KERN_INVALID_RIGHT", set + " is not a port set of " + t.name);
        }
        leaveSet(w, p);
        PortSet s = w.sets.get(se.target);
        s.members.add(p.label);
        p.set = s.label;
        w.event(t.name + " moves " + p.label + " into port set " + s.label);
        return "ok";
    }

    static void leaveSet(MachWorld w, Port p) {
        if (p.set != null) {
            w.sets.get(p.set).members.remove(p.label);
            w.event(p.label + " leaves port set " + p.set);
            p.set = null;
        }
    }

    private static void labelFree(MachWorld w, Task t, String label) throws PersonalityException {
        if (w.ports.containsKey(label) || w.sets.containsKey(label)) {
            throw new PersonalityException("KERN_NAME_EXISTS", "a port or port set is already called " + label);
        }
        if (t.names.containsKey(label)) {
            throw new PersonalityException("KERN_NAME_EXISTS", t.name + " already has a name " + label);
        }
    }

    private static void checkLimit(int limit) throws PersonalityException {
        if (limit < 0 || limit > Port.MAX_LIMIT) {
            throw new PersonalityException("KERN_INVALID_VALUE", "a queue limit is 0.." + Port.MAX_LIMIT + ", not " + limit);
        }
    }
}
