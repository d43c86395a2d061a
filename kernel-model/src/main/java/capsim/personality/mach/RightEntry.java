package capsim.personality.mach;

/**
 * One name in a task's IPC name space: what it denotes (a port or port set, by label), which rights, and
 * their user references. Mirrors Mach's ipc_entry: a name holds a receive right and/or send rights (one send
 * right with {@code sendUrefs} user references), or one send-once right, or a port set, or a dead name.
 * The name's capability page slot holds a capability to the object's kernel object (void or stale when dead).
 */
public final class RightEntry {
    final String name;
    /** The port or port set the name denotes (a dead name keeps the label of the port that died). */
    final String target;
    final int slot;
    boolean receive;
    int sendUrefs;
    /** The send-once right's id, or 0. */
    int sendOnce;
    int deadUrefs;
    boolean portSet;

    RightEntry(String name, String target, int slot) {
        this.name = name;
        this.target = target;
        this.slot = slot;
    }

    RightEntry copy() {
        RightEntry e = new RightEntry(name, target, slot);
        e.receive = receive;
        e.sendUrefs = sendUrefs;
        e.sendOnce = sendOnce;
        e.deadUrefs = deadUrefs;
        e.portSet = portSet;
        return e;
    }

    public String name() {
        return name;
    }

    public String target() {
        return target;
    }

    public int slot() {
        return slot;
    }

    public boolean receive() {
        return receive;
    }

    public int sendUrefs() {
        return sendUrefs;
    }

    public int sendOnce() {
        return sendOnce;
    }

    public int deadUrefs() {
        return deadUrefs;
    }

    public boolean portSet() {
        return portSet;
    }

    /** True when the name denotes nothing any more (it is then removed). */
    boolean empty() {
        return !receive && sendUrefs == 0 && sendOnce == 0 && deadUrefs == 0 && !portSet;
    }

    /** The type word as mach_port_type reports it: send, receive, send-receive, send-once, port-set, dead-name. */
    public String type() {
        if (portSet) {
            return "port-set";
        }
        if (sendOnce != 0) {
            return "send-once";
        }
        if (deadUrefs > 0) {
            return "dead-name";
        }
        if (receive && sendUrefs > 0) {
            return "send-receive";
        }
        return receive ? "receive" : "send";
    }

    /** User references of the name's right (receive and send-once rights count one, as mach_port_get_refs says). */
    public int urefs() {
        if (portSet || sendOnce != 0) {
            return 1;
        }
        if (deadUrefs > 0) {
            return deadUrefs;
        }
        return sendUrefs > 0 ? sendUrefs : 1;
    }

    @Override
    public String toString() {
        String t = type();
        String refs = switch (t) {
            case "send", "send-receive", "dead-name" -> " urefs " + urefs();
            case "send-once" -> " #" + sendOnce;
            default -> "";
        };
        return name + " -> " + target + " " + t + refs + " slot " + slot;
    }
}
