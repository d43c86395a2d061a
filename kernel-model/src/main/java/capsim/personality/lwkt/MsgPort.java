package capsim.personality.lwkt;

import capsim.kernel.Capability;
import java.util.ArrayList;
import java.util.List;

/**
 * An LWKT message port: a kernel message queue charged to its owner thread's activity. Its agent says what a
 * send does (queue the message and return EASYNC, or complete it at once); its arrival action says what
 * happens when a message lands on it (a reply coming back, or a request): queue silently, or queue and upcall
 * the owner (held back while the owner is in a critical section, until {@code flushsys}). The kernel's own
 * port ({@value LwktWorld#KERNEL}) is the system port {@code sendsys} talks to; it has no owner thread.
 */
public final class MsgPort {
    /** How the port's agent treats a message sent to it. */
    public enum Agent {
        /** Queue it for the owner thread and return EASYNC. */
        QUEUE,
        /** Complete it at once (a synchronous result) and reply it. */
        SYNC,
        /** The kernel's system-call agent (the system port only). */
        KERNEL;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What happens when a message arrives on the port. */
    public enum Arrival {
        /** Queue it without notification: the owner polls ({@code getmsg}) or waits ({@code waitsys}). */
        QUEUE,
        /** Queue it and upcall the owner, unless the owner is in a critical section: then only flag it. */
        UPCALL;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String name;
    private final String owner;
    private final Capability queueCap;
    private final Agent agent;
    private final Arrival arrival;
    private final List<String> queue;

    MsgPort(String name, String owner, Capability queueCap, Agent agent, Arrival arrival) {
        this.name = name;
        this.owner = owner;
        this.queueCap = queueCap;
        this.agent = agent;
        this.arrival = arrival;
        this.queue = new ArrayList<>();
    }

    MsgPort(MsgPort o) {
        this.name = o.name;
        this.owner = o.owner;
        this.queueCap = o.queueCap;
        this.agent = o.agent;
        this.arrival = o.arrival;
        this.queue = new ArrayList<>(o.queue);
    }

    public String name() {
        return name;
    }

    /** The owner thread's name, or null for the kernel's system port. */
    public String owner() {
        return owner;
    }

    /** The capability naming the kernel message queue that carries the port. */
    public Capability queueCap() {
        return queueCap;
    }

    public Agent agent() {
        return agent;
    }

    public Arrival arrival() {
        return arrival;
    }

    /** The messages queued on the port, oldest first. */
    public List<String> queue() {
        return List.copyOf(queue);
    }

    List<String> queueMutable() {
        return queue;
    }

    String text() {
        return "port " + name + " owner " + (owner == null ? "-" : owner) + " queue #" + queueCap.oid()
                + " agent " + agent.word() + " arrival " + arrival.word() + " queued " + queue;
    }
}
