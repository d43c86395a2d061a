package capsim.personality.lwkt;

import capsim.kernel.Capability;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An LWKT message: a data page (a kernel frame) charged to the activity of the thread that created it, so the
 * sender pays for its messages wherever they are queued. Exactly one party owns it at a time: a thread (the
 * sender before send and after the reply, or the target thread that took it off its port), a port (while
 * queued on it or while its agent works on it), or the kernel (a system call in progress, an armed signal or
 * timer). Only the owner changes it; ownership passes only from the owner (see {@link LwktWorld#hand}).
 */
public final class LwktMessage {
    private final String name;
    private final String creator;
    private final String replyPort;
    private final Call call;
    private Capability frame;
    private String owner;
    private String target;
    private String waiter;
    private final EnumSet<MsgFlag> flags;
    private String result;
    private int returned;

    LwktMessage(String name, String creator, Capability frame, String replyPort, Call call, boolean async,
            boolean abortable) {
        this.name = name;
        this.creator = creator;
        this.frame = frame;
        this.owner = creator;
        this.replyPort = replyPort;
        this.call = call;
        this.flags = EnumSet.noneOf(MsgFlag.class);
        if (async || (call != null && call.persistent())) {
            flags.add(MsgFlag.ASYNC);
        }
        if (call != null && call.persistent()) {
            flags.add(MsgFlag.PERSISTENT);
        }
        if (abortable) {
            flags.add(MsgFlag.ABORTABLE);
        }
    }

    LwktMessage(LwktMessage o) {
        this.name = o.name;
        this.creator = o.creator;
        this.frame = o.frame;
        this.owner = o.owner;
        this.replyPort = o.replyPort;
        this.call = o.call;
        this.target = o.target;
        this.waiter = o.waiter;
        this.flags = EnumSet.copyOf(o.flags.isEmpty() ? EnumSet.noneOf(MsgFlag.class) : o.flags);
        this.result = o.result;
        this.returned = o.returned;
    }

    public String name() {
        return name;
    }

    /** The thread that created it (and pays for it); only it may ask for an abort. */
    public String creator() {
        return creator;
    }

    /** The capability naming the frame that holds its data. */
    public Capability frame() {
        return frame;
    }

    /** Who owns it now: a thread, a port, or {@value LwktWorld#KERNEL}. */
    public String owner() {
        return owner;
    }

    /** The port replies go to, or null (the sender then waits for it or polls). */
    public String replyPort() {
        return replyPort;
    }

    /** The system call it carries, or null. */
    public Call call() {
        return call;
    }

    /** The port it was last sent to, or null when never sent. */
    public String target() {
        return target;
    }

    /** The thread blocked until it is done (domsg, synchronous sendsys), or null. */
    public String waiter() {
        return waiter;
    }

    /** The flags kept in the message itself (ABORT, a request, is the world's). */
    public Set<MsgFlag> ownFlags() {
        return EnumSet.copyOf(flags.isEmpty() ? EnumSet.noneOf(MsgFlag.class) : flags);
    }

    public boolean has(MsgFlag f) {
        return flags.contains(f);
    }

    public boolean persistent() {
        return flags.contains(MsgFlag.PERSISTENT);
    }

    /** The result its last completion or return carried (ok, ECANCELED, ...), or null. */
    public String result() {
        return result;
    }

    /** How often it has been returned since it was last sent. */
    public int returned() {
        return returned;
    }

    void setOwner(String o) {
        owner = o;
    }

    void setTarget(String t) {
        target = t;
    }

    void setWaiter(String w) {
        waiter = w;
    }

    void setFrame(Capability f) {
        frame = f;
    }

    void set(MsgFlag f, boolean on) {
        if (on) {
            flags.add(f);
        } else {
            flags.remove(f);
        }
    }

    void setResult(String r) {
        result = r;
    }

    void countReturn() {
        returned++;
    }

    void resetReturns() {
        returned = 0;
    }

    static String flagText(Set<MsgFlag> fs) {
        return fs.isEmpty() ? "none" : fs.stream().map(Enum::name).collect(Collectors.joining(","));
    }

    String text(boolean abortRequested) {
        EnumSet<MsgFlag> shown = EnumSet.noneOf(MsgFlag.class);
        shown.addAll(flags);
        if (abortRequested) {
            shown.add(MsgFlag.ABORT);
        }
        return "message " + name + " creator " + creator + " frame #" + frame.oid() + " owner " + owner
                + " reply " + (replyPort == null ? "-" : replyPort) + " target " + (target == null ? "-" : target)
                + " call " + (call == null ? "-" : call.text()) + " waiter " + (waiter == null ? "-" : waiter)
                + " flags " + flagText(shown) + " result " + (result == null ? "-" : result) + " returned " + returned;
    }
}
