package capsim.personality.caps;

/**
 * A CAPS process: a name with credentials, carried by an activity (which pays for everything the process puts,
 * registers and connects), a thread, and a capability page (the thread's address-space root, holding capabilities
 * to the process's thread, activity, services and ports). Remembers what its last {@code get} returned.
 */
public final class CapsProcess {
    /** Slot of the capability page that holds the process's thread. */
    static final int THREAD_SLOT = 0;
    /** Slot that holds the process's activity. */
    static final int ACTIVITY_SLOT = 1;
    /** The first slot for services and ports. */
    static final int FIRST_FREE_SLOT = 2;

    private final String name;
    private final int uid;
    private final int gid;
    private final long quota;
    private final int activity;
    private final int thread;
    private final int cspace;
    private LastGet got;

    CapsProcess(String name, int uid, int gid, long quota, int activity, int thread, int cspace) {
        this.name = name;
        this.uid = uid;
        this.gid = gid;
        this.quota = quota;
        this.activity = activity;
        this.thread = thread;
        this.cspace = cspace;
    }

    CapsProcess copy() {
        CapsProcess p = new CapsProcess(name, uid, gid, quota, activity, thread, cspace);
        p.got = got;
        return p;
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

    /** The activity's quota (0: none of its own). */
    public long quota() {
        return quota;
    }

    /** The oid of the activity that pays for the process's objects. */
    public int activity() {
        return activity;
    }

    public int thread() {
        return thread;
    }

    /** The oid of the capability page naming what the process holds. */
    public int cspace() {
        return cspace;
    }

    /** The credentials the kernel attaches to what this process sends. */
    public Credentials credentials() {
        return new Credentials(name, uid, gid);
    }

    /** What the last {@code get} returned, or null before the first. */
    public LastGet lastGet() {
        return got;
    }

    void setLastGet(LastGet g) {
        got = g;
    }

    String stateLine() {
        return "process " + name + " uid " + uid + " gid " + gid + " quota " + quota + " activity #" + activity
                + " thread #" + thread + " cspace #" + cspace + " got " + got;
    }
}
