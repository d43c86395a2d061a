package capsim.personality.caps;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A client's connection to a service: a port carried by a message queue charged to the client's activity, where the
 * service's REPLYs wait for the client's {@code get}. Counts the messages put on it whose reply the client has not
 * read (in flight; lwkt_caps.c's ci_cmsgcount, raised by caps_sys_put and lowered by caps_process_msg when a REPLY is
 * read), which CAPS bounds: past {@link CapsWorld#MAX_IN_FLIGHT} a further put is refused with ENOBUFS. A closed
 * port's count no longer changes.
 */
public final class ClientPort {
    private final String name;
    private final String owner;
    private final int service;
    private final int queue;
    private final int slot;
    private final ArrayDeque<Integer> replies;
    private int inFlight;
    private boolean open;

    ClientPort(String name, String owner, int service, int queue, int slot) {
        this.name = name;
        this.owner = owner;
        this.service = service;
        this.queue = queue;
        this.slot = slot;
        this.replies = new ArrayDeque<>();
        this.open = true;
    }

    ClientPort copy() {
        ClientPort p = new ClientPort(name, owner, service, queue, slot);
        p.replies.addAll(replies);
        p.inFlight = inFlight;
        p.open = open;
        return p;
    }

    public String name() {
        return name;
    }

    /** The client process. */
    public String owner() {
        return owner;
    }

    /** The id of the service it connects to. */
    public int service() {
        return service;
    }

    /** The oid of the message queue carrying it (freed when it closes). */
    public int queue() {
        return queue;
    }

    int slot() {
        return slot;
    }

    public boolean open() {
        return open;
    }

    /** Messages put on this port whose reply the client has not read. */
    public int inFlight() {
        return inFlight;
    }

    /** REPLYs waiting for the client, oldest first. */
    public List<Integer> replies() {
        return List.copyOf(replies);
    }

    /** Counts one more message in flight (the world refuses the put with ENOBUFS before it gets here at the limit). */
    void sent() {
        inFlight++;
    }

    /** The client has read a REPLY from this port: one message fewer in flight. */
    void replyRead() {
        if (inFlight <= 0) {
            throw new IllegalStateException("port " + name + " has no message in flight");
        }
        inFlight--;
    }

    void queueReply(int msg) {
        if (!open) {
            throw new IllegalStateException("port " + name + " is closed");
        }
        replies.addLast(msg);
    }

    Integer head() {
        return replies.peekFirst();
    }

    int take() {
        return replies.removeFirst();
    }

    /** Closes it, handing back the replies that were waiting, oldest first. */
    List<Integer> close() {
        if (!open) {
            throw new IllegalStateException("port " + name + " is already closed");
        }
        List<Integer> out = new ArrayList<>(replies);
        replies.clear();
        open = false;
        return out;
    }

    String stateLine() {
        return "port " + name + " owner " + owner + " service " + service + " queue #" + queue + " slot " + slot
                + (open ? " open" : " closed") + " in-flight " + inFlight + " replies " + replies;
    }
}
