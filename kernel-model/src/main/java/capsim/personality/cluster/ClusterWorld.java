package capsim.personality.cluster;

import capsim.kernel.CapAddress;
import capsim.kernel.CapPage;
import capsim.kernel.CapType;
import capsim.kernel.Capability;
import capsim.kernel.Kernel;
import capsim.kernel.KernelException;
import capsim.personality.NodeLink;
import capsim.personality.PersonalityException;
import capsim.personality.World;
import capsim.stream.Item;
import capsim.stream.KernelLink;
import capsim.stream.Message;
import capsim.stream.ProtocolException;
import capsim.stream.Transactions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Two simulated machines, {@code a} and {@code b}, each a kernel of its own, joined by a link of the
 * cluster stream protocol: every message between them is encoded, carried as bytes over a pipe or a
 * loopback TCP socket, framed and decoded. Threads send capabilities across (the far side gets a proxy,
 * charged to its link agent's activity) and make requests (transactions that live until both sides end
 * them); the link can be cut and brought up again.
 *
 * <p>The link's protocol state lives in the stream layer ({@link KernelLink}, {@link Transactions}), which
 * has no copy of its own, so this world copies itself by replaying its steps on two fresh kernels: the
 * model is deterministic, so the replay is the same world (the determinism invariant checks it).
 */
public final class ClusterWorld extends World<ClusterWorld> {
    /** The command code of a request (the link reserves 1 and 2 for capabilities and releases). */
    static final int REQUEST = 3;
    static final int TARGET_ITEM = 4;
    static final int ANSWER_ITEM = 5;
    /** Slots of an agent's page and of a thread's page: 0 holds the activity, 1.. are free. */
    static final int FIRST_FREE_SLOT = 1;

    /** What every copy of a world shares: the socket transport, made once when a scenario first asks for it. */
    static final class Shared {
        private final Supplier<Transport> sockets;
        private Transport tcp;

        Shared(Supplier<Transport> sockets) {
            this.sockets = sockets;
        }

        Transport tcp() throws PersonalityException {
            if (sockets == null) {
                throw new PersonalityException("ENOTSUP", "no socket transport here (the scenario runner provides one)");
            }
            if (tcp == null) {
                tcp = sockets.get();
            }
            return tcp;
        }
    }

    /** A thread of a node, with the capability page that is its address space and the activity that pays. */
    record Host(String name, int node, int thread, int page, int activity) {
    }

    /** An object a scenario declared, held by a thread in a slot of its page. */
    record Held(String name, int node, int oid, String holder, int slot) {
    }

    /** The link agent of a node: the thread that holds proxies, its page, and the activity that pays for them. */
    record Agent(int thread, int page, int activity) {
    }

    private final Shared shared;
    private final List<ClusterAction> applied = new ArrayList<>();
    final Node[] nodes;
    final Map<String, Host> threads = new TreeMap<>();
    final Map<String, Held> objects = new TreeMap<>();
    final Map<String, Request> requests = new LinkedHashMap<>();
    final Agent[] agents = new Agent[2];
    final KernelLink[] ends = new KernelLink[2];
    /** Per node: transactions of requests this side received, by msgid. */
    private final List<Map<Integer, Transactions.Transaction>> incoming = List.of(new TreeMap<>(), new TreeMap<>());
    /** Per node: transactions of requests this side started, by msgid. */
    private final List<Map<Integer, Transactions.Transaction>> outgoing = List.of(new TreeMap<>(), new TreeMap<>());
    Transport transport;
    boolean up;
    int generation;
    /** Bytes carried over the link, both ways, since the world began. */
    long bytesCarried;

    /** A world whose {@code link up over tcp} gets its transport from {@code sockets} (null: pipes only). */
    ClusterWorld(Supplier<Transport> sockets) {
        this(new Shared(sockets));
    }

    private ClusterWorld(Shared shared) {
        this.shared = shared;
        this.nodes = new Node[] {new Node("a", kernel()), new Node("b")};
    }

    @Override
    public ClusterWorld copy() {
        ClusterWorld w = new ClusterWorld(shared);
        for (ClusterAction a : applied) {
            try {
                w.run(a);
            } catch (PersonalityException e) {
                throw new IllegalStateException("replaying '" + a.text() + "' was refused: " + e.getMessage(), e);
            }
        }
        return w;
    }

    /** A copy replays every step applied so far: its work grows with the run (the stream layer has no copy). */
    @Override
    protected int copiedState() {
        return applied.size();
    }

    /** Runs {@code a} and remembers it for copies; a refused step is not remembered (its world is discarded). */
    String run(ClusterAction a) throws PersonalityException {
        String outcome = a.perform(this);
        applied.add(a);
        return outcome;
    }

    // ------------------------------------------------------------------ what diagrams and invariants see

    @Override
    public List<Kernel> kernels() {
        return List.of(nodes[0].kernel, nodes[1].kernel);
    }

    @Override
    public List<String> nodeNames() {
        return List.of("node a", "node b");
    }

    @Override
    public Map<Integer, String> names(int node) {
        return java.util.Collections.unmodifiableMap(nodes[node].names);
    }

    @Override
    public Map<Integer, String> roles(int node) {
        return java.util.Collections.unmodifiableMap(nodes[node].roles);
    }

    @Override
    public List<String> details(int node, int oid) {
        List<String> d = new ArrayList<>();
        Agent ag = agents[node];
        if (ag != null && oid == ag.thread() && ends[node] != null) {
            d.add(ends[node].proxyCount() + " proxies, " + ends[node].transactions().openCount() + " open transactions");
            d.add("link " + generation + (up ? " up over " + transport.word() : " down"));
        }
        if (ends[node] != null && ends[node].proxies().containsKey(oid)) {
            long remote = ends[node].proxies().get(oid);
            String n = nodes[1 - node].names.get((int) remote);
            d.add("stands for " + (n != null ? n : "#" + remote) + " on " + nodes[1 - node].name);
        }
        for (Request r : requests.values()) {
            Host from = threads.get(r.from);
            if (from.node() == node && from.thread() == oid && r.state == Request.State.WAITING) {
                d.add("waits for " + r.name);
            }
        }
        return d;
    }

    @Override
    public List<NodeLink> nodeLinks() {
        List<NodeLink> out = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            if (ends[i] != null && up) {
                for (Map.Entry<Integer, Long> e : ends[i].proxies().entrySet()) {
                    out.add(new NodeLink(i, e.getKey(), 1 - i, (int) (long) e.getValue(), "proxy for"));
                }
            }
        }
        for (Request r : requests.values()) {
            if (r.state == Request.State.WAITING && requesterOpen(r)) {
                Host from = threads.get(r.from);
                Host to = threads.get(r.to);
                out.add(new NodeLink(from.node(), from.thread(), to.node(), to.thread(),
                        "request " + r.name + " (msgid " + Integer.toHexString(r.msgId) + ")"));
            }
        }
        return out;
    }

    @Override
    public String stateText() {
        StringBuilder b = new StringBuilder();
        threads.values().forEach(h -> b.append(h).append('\n'));
        objects.values().forEach(o -> b.append(o).append('\n'));
        requests.values().forEach(r -> b.append(r).append('\n'));
        b.append("link ").append(generation).append(up ? " up" : " down").append(" bytes ").append(bytesCarried).append('\n');
        for (int i = 0; i < 2; i++) {
            if (ends[i] != null) {
                b.append(nodes[i].name).append(": open ").append(ends[i].transactions().openCount()).append(" refs ")
                        .append(ends[i].references().outstanding()).append(" proxies ").append(ends[i].proxies()).append('\n');
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ what scenarios ask

    /** Whether the link is up. */
    public boolean linkUp() {
        return up;
    }

    /** Open transactions on node {@code node}'s end (0 before the link first came up). */
    public int openTransactions(int node) {
        return ends[node] == null ? 0 : ends[node].transactions().openCount();
    }

    /** Proxies node {@code node} holds for objects of the other. */
    public int proxies(int node) {
        return ends[node] == null ? 0 : ends[node].proxyCount();
    }

    /** References either way that node {@code node} counts. */
    public int references(int node) {
        return ends[node] == null ? 0 : ends[node].references().outstanding();
    }

    /** How request {@code name} stands ("waiting", "answered", "ended", "aborted", "lost"), or null if none. */
    public String requestState(String name) {
        Request r = requests.get(name);
        return r == null ? null : r.state.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** What slot {@code slot} of thread {@code thread}'s page holds: "void", "proxy", or an object's name. */
    public String slotHolds(String thread, int slot) throws PersonalityException {
        Host h = host(thread);
        Node n = nodes[h.node()];
        Capability c = page(n, h.page()).slot(slot);
        if (!n.kernel.designates(c)) {
            return "void";
        }
        if (ends[h.node()] != null && ends[h.node()].proxies().containsKey(c.oid())) {
            return "proxy";
        }
        String name = n.names.get(c.oid());
        return name != null ? name : "#" + c.oid();
    }

    /** The link end on node {@code node}, or null before the link first came up. */
    KernelLink end(int node) {
        return ends[node];
    }

    /** Whether the requester's transaction of {@code r} is still open on its side. */
    boolean requesterOpen(Request r) {
        return r.link == generation && up && outgoing.get(r.side).containsKey(r.msgId);
    }

    // ------------------------------------------------------------------ operations

    void thread(String name, int node, long quota) throws PersonalityException {
        requireNewName(name);
        Node n = nodes[node];
        int act = n.activity(quota, name + "-act", "account");
        int page = n.allocate(CapType.CAPPAGE, act, name + "-space", null);
        int thr = n.allocate(CapType.THREAD, act, name, "thread");
        try {
            n.kernel.boot().configureThread(thr, page, act);
            n.kernel.boot().setSlot(page, 0, n.kernel.boot().cap(act));
        } catch (KernelException e) {
            throw refusal(e);
        }
        threads.put(name, new Host(name, node, thr, page, act));
        event(n.name + ": thread " + name + " (quota " + (quota == 0 ? "none" : quota) + ")");
    }

    void frame(String name, String holder, byte[] bytes) throws PersonalityException {
        requireNewName(name);
        Host h = host(holder);
        Node n = nodes[h.node()];
        int slot = freeSlot(n, h.page());
        if (slot < 0) {
            throw new PersonalityException("EBUSY", holder + "'s page is full");
        }
        int f = n.allocate(CapType.FRAME, h.activity(), name, "object");
        try {
            n.kernel.boot().writeFrame(f, new int[0], bytes);
            n.kernel.boot().setSlot(h.page(), slot, n.kernel.boot().cap(f));
        } catch (KernelException e) {
            throw refusal(e);
        }
        objects.put(name, new Held(name, h.node(), f, holder, slot));
        event(n.name + ": frame " + name + " (" + bytes.length + " bytes) for " + holder + " in slot " + slot);
    }

    void linkUp(String transportWord, long quota) throws PersonalityException {
        if (up) {
            throw new PersonalityException("EISCONN", "the link is already up");
        }
        for (int i = 0; i < 2; i++) {
            if (agents[i] == null) {
                Node n = nodes[i];
                int act = n.activity(quota, "link-" + n.name, "account");
                int page = n.allocate(CapType.CAPPAGE, act, "agent-" + n.name + "-space", null);
                int thr = n.allocate(CapType.THREAD, act, "agent-" + n.name, "agent");
                try {
                    n.kernel.boot().configureThread(thr, page, act);
                    n.kernel.boot().setSlot(page, 0, n.kernel.boot().cap(act));
                } catch (KernelException e) {
                    throw refusal(e);
                }
                agents[i] = new Agent(thr, page, act);
            }
        }
        transport = transportWord.equals("tcp") ? shared.tcp() : new Transport.Pipe();
        generation++;
        up = true;
        for (int i = 0; i < 2; i++) {
            final int side = i;
            ends[i] = new KernelLink(nodes[i].kernel, agents[i].thread(), i == 0 ? Transactions.Side.A : Transactions.Side.B,
                    generation, m -> deliver(side, m), app(side));
        }
        event("link " + generation + " up over " + transport.word());
    }

    void cut() throws PersonalityException {
        requireUp();
        up = false;
        event("link " + generation + " cut");
        for (int i = 0; i < 2; i++) {
            int proxies = ends[i].proxyCount();
            int open = ends[i].transactions().openCount();
            ends[i].linkLost();
            nodes[i].prune();
            event(nodes[i].name + ": link lost: " + open + " open transactions ended, " + proxies + " proxies freed");
        }
        incoming.forEach(Map::clear);
        outgoing.forEach(Map::clear);
    }

    /** Sends the capability {@code src} (an object's name, or "slot N" of the sender's page) to {@code to}'s slot. */
    String send(String from, String src, String to, int slot) throws PersonalityException {
        Host a = host(from);
        Host b = host(to);
        if (a.node() == b.node()) {
            throw new PersonalityException("EINVAL", from + " and " + to + " are on the same node; nothing crosses the link");
        }
        requireUp();
        int srcSlot = sourceSlot(a, src);
        Node there = nodes[b.node()];
        if (slot < FIRST_FREE_SLOT || slot >= CapPage.SLOTS) {
            throw new PersonalityException("EINVAL", "slot " + slot + " is outside " + FIRST_FREE_SLOT + ".." + (CapPage.SLOTS - 1));
        }
        if (there.kernel.designates(page(there, b.page()).slot(slot))) {
            throw new PersonalityException("EBUSY", to + "'s slot " + slot + " is in use");
        }
        KernelLink far = ends[b.node()];
        java.util.Set<Integer> before = new java.util.HashSet<>(far.proxies().keySet());
        event(nodes[a.node()].name + ": " + from + " sends " + src + " to " + to + " slot " + slot);
        ends[a.node()].sendCapability(a.thread(), CapAddress.of(srcSlot), b.page(), slot);
        for (int proxy : far.proxies().keySet()) {
            if (!before.contains(proxy)) {
                there.label(proxy, "proxy of " + src, "proxy");
                event(there.name + ": proxy frame#" + proxy + " in " + to + " slot " + slot);
                return "ok";
            }
        }
        event(there.name + ": no room for a proxy; the reference went back");
        return "RETURNED";
    }

    void release(String who, int slot) throws PersonalityException {
        Host h = host(who);
        Node n = nodes[h.node()];
        if (slot < 0 || slot >= CapPage.SLOTS) {
            throw new PersonalityException("EINVAL", "slot " + slot + " is outside 0.." + (CapPage.SLOTS - 1));
        }
        Capability c = page(n, h.page()).slot(slot);
        if (!n.kernel.designates(c) || ends[h.node()] == null || !ends[h.node()].proxies().containsKey(c.oid())) {
            throw new PersonalityException("EINVAL", who + "'s slot " + slot + " holds no proxy");
        }
        ends[h.node()].releaseProxy(c.oid());
        n.prune();
        event(n.name + ": " + who + " released the proxy in slot " + slot);
    }

    void request(String name, String from, String to, String parent) throws PersonalityException {
        if (requests.containsKey(name)) {
            throw new PersonalityException("EEXIST", "request " + name + " exists");
        }
        Host a = host(from);
        Host b = host(to);
        if (a.node() == b.node()) {
            throw new PersonalityException("EINVAL", from + " and " + to + " are on the same node");
        }
        requireUp();
        Transactions.Transaction parentTx = null;
        if (parent != null) {
            Request p = requests.get(parent);
            if (p == null || p.side != a.node() || !requesterOpen(p)) {
                throw new PersonalityException("EINVAL", "request " + parent + " is not open on " + from + "'s side");
            }
            parentTx = outgoing.get(p.side).get(p.msgId);
        }
        Request r = new Request(name, from, to, parent, a.node());
        requests.put(name, r);
        event(nodes[a.node()].name + ": " + from + " requests " + name + " from " + to + (parent != null ? " in " + parent : ""));
        Transactions.Transaction t = ends[a.node()].transactions().start(REQUEST,
                List.of(Item.Leaf.of(TARGET_ITEM, to.getBytes(StandardCharsets.UTF_8))), parentTx);
        r.link = generation;
        r.msgId = t.msgId();
        outgoing.get(a.node()).put(t.msgId(), t);
    }

    void answer(String who, String name) throws PersonalityException {
        Request r = request(name);
        if (!r.to.equals(who)) {
            throw new PersonalityException("EPERM", name + " was sent to " + r.to + ", not " + who);
        }
        requireUp();
        Transactions.Transaction t = r.link == generation ? incoming.get(1 - r.side).get(r.msgId) : null;
        if (t == null) {
            throw new PersonalityException("EINVAL", name + " is no longer open on " + who + "'s side");
        }
        event(nodes[1 - r.side].name + ": " + who + " answers " + name);
        Transactions tx = ends[1 - r.side].transactions();
        tx.send(t, REQUEST, true, List.of(Item.Leaf.of(ANSWER_ITEM, "done".getBytes(StandardCharsets.UTF_8))));
        tx.end(t);
    }

    void abort(String who, String name) throws PersonalityException {
        Request r = request(name);
        if (!r.from.equals(who)) {
            throw new PersonalityException("EPERM", name + " was made by " + r.from + ", not " + who);
        }
        requireUp();
        if (r.state != Request.State.WAITING || !requesterOpen(r)) {
            throw new PersonalityException("EINVAL", name + " is not waiting");
        }
        r.state = Request.State.ABORTED;
        r.told++;
        event(nodes[r.side].name + ": " + who + " aborts " + name);
        ends[r.side].transactions().abort(outgoing.get(r.side).get(r.msgId));
    }

    // ------------------------------------------------------------------ the wire and the application

    private void deliver(int from, Message m) {
        int to = 1 - from;
        bytesCarried += capsim.stream.Codec.size(m);
        event(nodes[from].name + "->" + nodes[to].name + ": " + describe(m) + ", " + capsim.stream.Codec.size(m) + " bytes");
        try {
            for (Message got : transport.carry(m, from == 0)) {
                ends[to].receive(got);
            }
        } catch (ProtocolException e) {
            throw new IllegalStateException("the link broke its own protocol: " + e.getMessage(), e);
        }
    }

    private Transactions.Listener app(int node) {
        return new Transactions.Listener() {
            @Override
            public void message(Transactions.Transaction t, Message m) {
                int code = m.command() & Transactions.CODE_MASK;
                if ((m.command() & Transactions.CREATE) != 0 && code == REQUEST) {
                    incoming.get(node).put(t.msgId(), t);
                } else if (code == REQUEST && m.response()) {
                    Request r = requestAt(node, t.msgId());
                    if (r != null && r.state == Request.State.WAITING) {
                        r.state = Request.State.ANSWERED;
                        r.told++;
                        event(nodes[node].name + ": " + r.from + " told: " + r.name + " answered");
                    }
                }
            }

            @Override
            public void ended(Transactions.Transaction t, int error) {
                incoming.get(node).remove(t.msgId());
                if (outgoing.get(node).remove(t.msgId()) == null) {
                    return;
                }
                Request r = requestAt(node, t.msgId());
                if (r != null && r.state == Request.State.WAITING) {
                    r.state = error == Transactions.LOST_LINK ? Request.State.LOST : Request.State.ENDED;
                    r.told++;
                    event(nodes[node].name + ": " + r.from + " told: " + r.name
                            + (error == Transactions.LOST_LINK ? " lost with the link" : " ended without an answer"));
                }
            }
        };
    }

    private Request requestAt(int side, int msgId) {
        for (Request r : requests.values()) {
            if (r.side == side && r.link == generation && r.msgId == msgId) {
                return r;
            }
        }
        return null;
    }

    private static String describe(Message m) {
        int c = m.command();
        List<String> flags = new ArrayList<>();
        if ((c & Transactions.CREATE) != 0) {
            flags.add("CREATE");
        }
        if ((c & Transactions.DELETE) != 0) {
            flags.add("DELETE");
        }
        if ((c & Transactions.ABORT) != 0) {
            flags.add("ABORT");
        }
        String code = switch (c & Transactions.CODE_MASK) {
            case 0 -> "";
            case KernelLink.SEND_CAPABILITY -> "SEND_CAPABILITY";
            case KernelLink.RELEASE -> "RELEASE";
            case REQUEST -> "REQUEST";
            default -> "code " + (c & Transactions.CODE_MASK);
        };
        if (!code.isEmpty()) {
            flags.add(code);
        }
        return String.join("|", flags) + (m.response() ? " reply" : "") + " msgid " + Integer.toHexString(m.msgId());
    }

    // ------------------------------------------------------------------ checks

    private void requireNewName(String name) throws PersonalityException {
        if (threads.containsKey(name) || objects.containsKey(name)) {
            throw new PersonalityException("EEXIST", "the name " + name + " is taken");
        }
    }

    private void requireUp() throws PersonalityException {
        if (!up) {
            throw new PersonalityException("ENOTCONN", generation == 0 ? "the link has not come up" : "the link is down");
        }
    }

    Host host(String name) throws PersonalityException {
        Host h = threads.get(name);
        if (h == null) {
            throw new PersonalityException("ENOENT", "no thread " + name);
        }
        return h;
    }

    private Request request(String name) throws PersonalityException {
        Request r = requests.get(name);
        if (r == null) {
            throw new PersonalityException("ENOENT", "no request " + name);
        }
        return r;
    }

    private int sourceSlot(Host a, String src) throws PersonalityException {
        Node n = nodes[a.node()];
        int slot;
        if (src.startsWith("slot ")) {
            slot = Integer.parseInt(src.substring(5));
        } else {
            Held o = objects.get(src);
            if (o == null) {
                throw new PersonalityException("ENOENT", "no object " + src);
            }
            if (!o.holder().equals(a.name())) {
                throw new PersonalityException("EPERM", src + " is held by " + o.holder() + ", not " + a.name());
            }
            slot = o.slot();
        }
        if (slot < FIRST_FREE_SLOT || slot >= CapPage.SLOTS || !n.kernel.designates(page(n, a.page()).slot(slot))) {
            throw new PersonalityException("EINVAL", a.name() + "'s slot " + slot + " holds no live capability");
        }
        return slot;
    }

    private static CapPage page(Node n, int oid) {
        return (CapPage) n.kernel.heap().get(oid);
    }

    private static int freeSlot(Node n, int page) {
        CapPage p = page(n, page);
        for (int s = FIRST_FREE_SLOT; s < CapPage.SLOTS; s++) {
            if (!n.kernel.designates(p.slot(s))) {
                return s;
            }
        }
        return -1;
    }
}
