package capsim.personality.mach;

import java.util.ArrayList;
import java.util.List;

/**
 * A Mach port: a message queue object charged to the activity of the task holding its receive right (while
 * the receive right travels in a message, to the task that sent it). Counts its send and send-once rights,
 * holds the queue of messages with its limit, its port set, and the notifications requested on it.
 */
public final class Port {
    /** Mach's default queue limit (MACH_PORT_QLIMIT_DEFAULT). */
    public static final int DEFAULT_LIMIT = 5;
    /** The largest queue limit (MACH_PORT_QLIMIT_MAX in Mach 3). */
    public static final int MAX_LIMIT = 16;

    final String label;
    int queueObject;
    /** The task holding the receive right, or null while it travels in message {@link #carrier} (or when dead). */
    String receiver;
    int carrier;
    boolean alive;
    int srights;
    int sorights;
    int mscount;
    int limit;
    /** The port set it is a member of, or null. */
    String set;
    final List<MachMessage> queue;
    NotificationRequest noSenders;
    NotificationRequest portDestroyed;
    final List<NotificationRequest> deadName;

    Port(String label, int queueObject, String receiver, int limit) {
        this.label = label;
        this.queueObject = queueObject;
        this.receiver = receiver;
        this.alive = true;
        this.limit = limit;
        this.queue = new ArrayList<>();
        this.deadName = new ArrayList<>();
    }

    Port copy() {
        Port p = new Port(label, queueObject, receiver, limit);
        p.carrier = carrier;
        p.alive = alive;
        p.srights = srights;
        p.sorights = sorights;
        p.mscount = mscount;
        p.set = set;
        p.queue.addAll(queue);
        p.noSenders = noSenders;
        p.portDestroyed = portDestroyed;
        p.deadName.addAll(deadName);
        return p;
    }

    public String label() {
        return label;
    }

    public int queueObject() {
        return queueObject;
    }

    public String receiver() {
        return receiver;
    }

    public int carrier() {
        return carrier;
    }

    public boolean alive() {
        return alive;
    }

    /** Send rights: one per name space holding send rights for it, plus one per right carried in a queued message. */
    public int srights() {
        return srights;
    }

    public int sorights() {
        return sorights;
    }

    /** Make-send count: send rights made from the receive right so far. */
    public int mscount() {
        return mscount;
    }

    public int limit() {
        return limit;
    }

    public String set() {
        return set;
    }

    public List<MachMessage> queue() {
        return java.util.Collections.unmodifiableList(queue);
    }

    public NotificationRequest noSenders() {
        return noSenders;
    }

    public NotificationRequest portDestroyed() {
        return portDestroyed;
    }

    public List<NotificationRequest> deadName() {
        return java.util.Collections.unmodifiableList(deadName);
    }

    /** Every request registered on this port. */
    List<NotificationRequest> requests() {
        List<NotificationRequest> r = new ArrayList<>();
        if (noSenders != null) {
            r.add(noSenders);
        }
        if (portDestroyed != null) {
            r.add(portDestroyed);
        }
        r.addAll(deadName);
        return r;
    }

    String state() {
        if (!alive) {
            return "dead";
        }
        return receiver == null ? "in-transit" : "alive";
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("port ").append(label).append(' ').append(state());
        if (alive) {
            b.append(" queue#").append(queueObject).append(" receiver=").append(receiver == null ? "msg " + carrier : receiver)
                    .append(" srights=").append(srights).append(" sorights=").append(sorights).append(" mscount=").append(mscount)
                    .append(" limit=").append(limit).append(" set=").append(set).append(" queued=[");
            for (int i = 0; i < queue.size(); i++) {
                b.append(i == 0 ? "" : ",").append(queue.get(i).id());
            }
            b.append(']');
            for (NotificationRequest r : requests()) {
                b.append(' ').append(r);
            }
        }
        return b.toString();
    }
}
