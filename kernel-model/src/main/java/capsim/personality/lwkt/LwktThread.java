package capsim.personality.lwkt;

import capsim.kernel.Capability;
import java.util.ArrayList;
import java.util.List;

/**
 * An LWKT thread: an activity of its own (which pays for everything the thread creates) and a kernel thread
 * charged to it. The kernel sees the depth of its userland critical section, counts the upcalls it has
 * delivered, keeps the list of upcalls it held back while the thread was in a critical section (the flag
 * {@code flushsys} clears), and knows what the thread is blocked on, if anything.
 */
public final class LwktThread {
    /** What a blocked thread waits for: {@code kind} is domsg, sendsys or waitsys; {@code on} a message or port. */
    public record Wait(String kind, String on) {
        public String text() {
            return kind + " " + on;
        }
    }

    private final String name;
    private final int activity;
    private final Capability thread;
    private final long quota;
    private int critical;
    private int upcalls;
    private final List<String> deferred;
    private Wait wait;

    LwktThread(String name, int activity, Capability thread, long quota) {
        this.name = name;
        this.activity = activity;
        this.thread = thread;
        this.quota = quota;
        this.deferred = new ArrayList<>();
    }

    LwktThread(LwktThread o) {
        this.name = o.name;
        this.activity = o.activity;
        this.thread = o.thread;
        this.quota = o.quota;
        this.critical = o.critical;
        this.upcalls = o.upcalls;
        this.deferred = new ArrayList<>(o.deferred);
        this.wait = o.wait;
    }

    public String name() {
        return name;
    }

    /** The oid of the activity that pays for the thread and everything it creates. */
    public int activity() {
        return activity;
    }

    /** The capability naming the kernel thread that carries it. */
    public Capability thread() {
        return thread;
    }

    public long quota() {
        return quota;
    }

    /** Depth of the userland critical section (0: outside). */
    public int critical() {
        return critical;
    }

    /** Upcalls delivered so far. */
    public int upcalls() {
        return upcalls;
    }

    /** Messages whose upcall is held back until {@code flushsys}, oldest first. */
    public List<String> deferred() {
        return List.copyOf(deferred);
    }

    /** What the thread is blocked on, or null when it runs. */
    public Wait waiting() {
        return wait;
    }

    void setCritical(int depth) {
        critical = depth;
    }

    void countUpcall() {
        upcalls++;
    }

    List<String> deferredMutable() {
        return deferred;
    }

    void setWait(Wait w) {
        wait = w;
    }

    String text() {
        return "thread " + name + " activity #" + activity + " thread #" + thread.oid() + " quota " + quota
                + " critical " + critical + " upcalls " + upcalls + " deferred " + deferred
                + (wait == null ? " running" : " blocked in " + wait.text());
    }
}
