package capsim.personality.mach;

import java.util.ArrayList;
import java.util.List;

/**
 * A port set: a receive point for the ports whose receive rights its owner put into it (each receive right
 * in at most one set). Carried by a message queue object charged to the owner's activity.
 */
public final class PortSet {
    final String label;
    final String owner;
    final int queueObject;
    boolean alive;
    final List<String> members;

    PortSet(String label, String owner, int queueObject) {
        this.label = label;
        this.owner = owner;
        this.queueObject = queueObject;
        this.alive = true;
        this.members = new ArrayList<>();
    }

    PortSet copy() {
        PortSet s = new PortSet(label, owner, queueObject);
        s.alive = alive;
        s.members.addAll(members);
        return s;
    }

    public String label() {
        return label;
    }

    public String owner() {
        return owner;
    }

    public int queueObject() {
        return queueObject;
    }

    public boolean alive() {
        return alive;
    }

    public List<String> members() {
        return java.util.Collections.unmodifiableList(members);
    }

    @Override
    public String toString() {
        return "set " + label + (alive ? " owner=" + owner + " queue#" + queueObject + " members=" + members : " dead");
    }
}
