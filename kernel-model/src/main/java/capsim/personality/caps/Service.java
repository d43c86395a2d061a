package capsim.personality.caps;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A registered CAPS service, the rendezvous point (name, uid, gid) with its scope flags. Carried by a message queue
 * charged to the server's activity. Holds, in arrival order, the REQUESTs and DISPOSEs waiting for the server's
 * {@code get}, and the messages the server has read and not yet replied to.
 */
public final class Service {
    private final int id;
    private final String name;
    private final int uid;
    private final int gid;
    private final Set<Scope> flags;
    private final String owner;
    private final int queue;
    private final int slot;
    private final ArrayDeque<Integer> waiting;
    private final TreeSet<Integer> serving;
    private boolean open;

    Service(int id, String name, int uid, int gid, Set<Scope> flags, String owner, int queue, int slot) {
        this.id = id;
        this.name = name;
        this.uid = uid;
        this.gid = gid;
        this.flags = Set.copyOf(flags);
        this.owner = owner;
        this.queue = queue;
        this.slot = slot;
        this.waiting = new ArrayDeque<>();
        this.serving = new TreeSet<>();
        this.open = true;
    }

    Service copy() {
        Service s = new Service(id, name, uid, gid, flags, owner, queue, slot);
        s.waiting.addAll(waiting);
        s.serving.addAll(serving);
        s.open = open;
        return s;
    }

    /** The world's number for this registration (names may be registered again after a close). */
    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public int uid() {
        return uid;
    }

    public int gid() {
        return gid;
    }

    public Set<Scope> flags() {
        return flags;
    }

    /** The process that registered it. */
    public String owner() {
        return owner;
    }

    /** The oid of the message queue carrying it. */
    public int queue() {
        return queue;
    }

    int slot() {
        return slot;
    }

    public boolean open() {
        return open;
    }

    /** True when this is the open service (name, uid, gid). */
    boolean is(String n, int u, int g) {
        return open && name.equals(n) && uid == u && gid == g;
    }

    /** Messages waiting for the server's get (REQUEST and DISPOSE), oldest first. */
    public List<Integer> waiting() {
        return List.copyOf(waiting);
    }

    /** Messages the server has read and owes a reply, by number. */
    public List<Integer> serving() {
        return List.copyOf(serving);
    }

    /** "echo (uid 0 gid 0)". */
    public String title() {
        return name + " (uid " + uid + " gid " + gid + ")";
    }

    void enqueue(int msg) {
        requireOpen();
        waiting.addLast(msg);
    }

    Integer head() {
        return waiting.peekFirst();
    }

    int take() {
        return waiting.removeFirst();
    }

    /** Takes {@code msg} out of the waiting queue wherever it is (a flush by a closing port). */
    void remove(int msg) {
        if (!waiting.remove(msg)) {
            throw new IllegalStateException("msg " + msg + " is not waiting at " + name);
        }
    }

    void startServing(int msg) {
        requireOpen();
        serving.add(msg);
    }

    void stopServing(int msg) {
        if (!serving.remove(msg)) {
            throw new IllegalStateException("msg " + msg + " is not being served by " + name);
        }
    }

    /** Closes it: what was waiting and being served is handed back, in that order. */
    List<Integer> close() {
        requireOpen();
        List<Integer> out = new ArrayList<>(waiting);
        out.addAll(serving);
        waiting.clear();
        serving.clear();
        open = false;
        return out;
    }

    private void requireOpen() {
        if (!open) {
            throw new IllegalStateException("service " + title() + " is closed");
        }
    }

    String stateLine() {
        return "service " + id + " " + title() + " flags " + Scope.words(flags) + " owner " + owner + " queue #" + queue
                + " slot " + slot + (open ? " open" : " closed") + " waiting " + waiting + " serving " + serving;
    }
}
