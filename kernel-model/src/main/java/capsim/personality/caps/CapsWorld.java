package capsim.personality.caps;

import capsim.kernel.Activity;
import capsim.kernel.CapPage;
import capsim.kernel.CapType;
import capsim.kernel.Capability;
import capsim.kernel.Frame;
import capsim.kernel.KernelException;
import capsim.kernel.KernelObject;
import capsim.personality.History;
import capsim.personality.PersonalityException;
import capsim.personality.SharedLog;
import capsim.personality.World;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The DragonFly CAPS world: processes, services, client ports and messages, each carried by kernel objects charged
 * to the activity of the process that caused it, so storage accounting is the kernel's own. Every operation checks
 * everything it can before it changes anything and then either completes or throws a {@link PersonalityException}
 * with the CAPS error word.
 */
public final class CapsWorld extends World<CapsWorld> {
    /**
     * CAPS_MAXINPROG (sys/caps.h). caps_sys_put refuses with ENOBUFS when the port's count is already {@code >} this,
     * so a port can reach {@link #MAX_IN_FLIGHT} + 1 messages in flight.
     */
    public static final int MAX_IN_FLIGHT = 128;
    /** The largest message: one page less its header. */
    public static final int MAX_MESSAGE = Frame.PAGE_SIZE - Frame.HEADER_SIZE;
    /** The receive buffer a {@code get} has unless it says otherwise: one page. */
    public static final int DEFAULT_BUFFER = Frame.PAGE_SIZE;

    private final TreeMap<String, CapsProcess> processes;
    private final TreeMap<Integer, Service> services;
    private final TreeMap<String, ClientPort> ports;
    /** The messages not yet freed (copied with the world), by number. */
    private final TreeMap<Integer, CapsMessage> live;
    /**
     * Message number - 1 → the message once freed (null while it lives). A freed message never changes again, so
     * every copy of the world shares it and the log: a copy costs the live messages, not every message ever put.
     */
    private SharedLog<CapsMessage> gone;
    private final History<Integer> freed;
    private final Map<Integer, CapsMessage> everyMessage = new EveryMessage();
    private int nextService;
    private int nextMessage;

    /** An empty world. */
    public CapsWorld() {
        processes = new TreeMap<>();
        services = new TreeMap<>();
        ports = new TreeMap<>();
        live = new TreeMap<>();
        gone = SharedLog.empty();
        freed = new History<>();
        nextService = 1;
        nextMessage = 1;
    }

    private CapsWorld(CapsWorld o) {
        super(o);
        processes = new TreeMap<>();
        o.processes.forEach((k, v) -> processes.put(k, v.copy()));
        services = new TreeMap<>();
        o.services.forEach((k, v) -> services.put(k, v.copy()));
        ports = new TreeMap<>();
        o.ports.forEach((k, v) -> ports.put(k, v.copy()));
        live = new TreeMap<>();
        o.live.forEach((k, v) -> live.put(k, v.copy()));
        gone = o.gone;
        freed = new History<>(o.freed);
        nextService = o.nextService;
        nextMessage = o.nextMessage;
    }

    @Override
    public CapsWorld copy() {
        return new CapsWorld(this);
    }

    @Override
    protected int copiedState() {
        return processes.size() + services.size() + ports.size() + live.size();
    }

    // ------------------------------------------------------------------ reading

    public Map<String, CapsProcess> processes() {
        return Collections.unmodifiableMap(processes);
    }

    /** Every registration ever made, open and closed, by id. */
    public Map<Integer, Service> services() {
        return Collections.unmodifiableMap(services);
    }

    /** Every client port ever connected, open and closed, by name. */
    public Map<String, ClientPort> ports() {
        return Collections.unmodifiableMap(ports);
    }

    /** Every message ever put, freed ones included, by number. */
    public Map<Integer, CapsMessage> messages() {
        return everyMessage;
    }

    /** The messages not freed yet, by number (what a step can change; a freed message never changes). */
    public Map<Integer, CapsMessage> liveMessages() {
        return Collections.unmodifiableMap(live);
    }

    /** The numbers of the messages freed, in the order they were freed. */
    public List<Integer> freedLog() {
        return Collections.unmodifiableList(freed);
    }

    /** The number the next message will get. */
    public int nextMessage() {
        return nextMessage;
    }

    /** The open service {@code name} of process {@code owner}, or null. */
    public Service serviceOf(String owner, String name) {
        for (Service s : services.values()) {
            if (s.open() && s.owner().equals(owner) && s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** The open services named {@code name}, whoever registered them. */
    public List<Service> openServicesNamed(String name) {
        List<Service> out = new ArrayList<>();
        for (Service s : services.values()) {
            if (s.open() && s.name().equals(name)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * The open service (name, uid, gid), or null; of several, the newest, as lwkt_caps.c caps_find finds it
     * (caps_alloc inserts a registration at the head of its hash chain).
     */
    public Service registered(String name, int uid, int gid) {
        for (Service s : services.descendingMap().values()) {
            if (s.is(name, uid, gid)) {
                return s;
            }
        }
        return null;
    }

    /** Objects charged to the process's activity (its own activity object is charged to the root). */
    public long usage(String process) {
        CapsProcess p = processes.get(process);
        return p == null ? 0 : ((Activity) kernel().heap().get(p.activity())).usage();
    }

    // ------------------------------------------------------------------ operations

    void newProcess(String name, int uid, int gid, long quota) throws PersonalityException {
        if (processes.containsKey(name)) {
            throw new PersonalityException("EEXIST", "there is already a process " + name);
        }
        if (quota < 0 || uid < 0 || gid < 0) {
            throw new PersonalityException("EINVAL", "uid, gid and quota are not negative");
        }
        int act = activity(rootActivity(), quota, name, "process");
        int thread = allocate(CapType.THREAD, act, name + ".thread", "thread");
        int cspace = allocate(CapType.CAPPAGE, act, name + ".cspace", "cspace");
        try {
            boot().configureThread(thread, cspace, act);
            boot().setSlot(cspace, CapsProcess.THREAD_SLOT, boot().cap(thread));
            boot().setSlot(cspace, CapsProcess.ACTIVITY_SLOT, boot().cap(act));
        } catch (KernelException e) {
            throw refusal(e);
        }
        processes.put(name, new CapsProcess(name, uid, gid, quota, act, thread, cspace));
        event("process " + name + ": uid " + uid + " gid " + gid + (quota > 0 ? ", quota " + quota : ", no quota of its own")
                + " (activity #" + act + ", thread #" + thread + ", cspace #" + cspace + ")");
    }

    void register(String proc, String name, int uid, int gid, Set<Scope> flags) throws PersonalityException {
        CapsProcess p = process(proc);
        if (p.uid() != 0 && (uid != p.uid() || gid != p.gid())) {
            throw new PersonalityException("EPERM", proc + " (uid " + p.uid() + " gid " + p.gid()
                    + ") may register services only under its own uid and gid, not uid " + uid + " gid " + gid);
        }
        // kern_caps_sys_service: only CAPF_EXCL refuses a triple already registered; otherwise the new one shadows it.
        if (flags.contains(Scope.EXCL) && registered(name, uid, gid) != null) {
            throw new PersonalityException("EEXIST", "service " + name + " (uid " + uid + " gid " + gid
                    + ") is already registered and excl was asked");
        }
        if (serviceOf(proc, name) != null || ownPort(proc, name) != null) {
            throw new PersonalityException("EEXIST", proc + " already has a service or port named " + name);
        }
        int slot = freeSlot(p);
        int q = allocate(CapType.MESSAGE_QUEUE, p.activity(), name, "service");
        setSlot(p.cspace(), slot, capOf(q));
        Service s = new Service(nextService++, name, uid, gid, flags, proc, q, slot);
        services.put(s.id(), s);
        event(proc + " registered service " + s.title() + " flags " + Scope.words(flags) + " (queue #" + q
                + " charged to " + proc + ")");
    }

    void connect(String proc, String name, int uid, int gid, String as) throws PersonalityException {
        CapsProcess p = process(proc);
        if (ports.containsKey(as)) {
            throw new PersonalityException("EEXIST", "there is already a port named " + as);
        }
        if (serviceOf(proc, as) != null) {
            throw new PersonalityException("EEXIST", proc + " already has a service named " + as);
        }
        Service s = registered(name, uid, gid);
        if (s == null) {
            throw new PersonalityException("ENOENT", "no service " + name + " (uid " + uid + " gid " + gid + ") is registered");
        }
        if (!Scope.admits(s.flags(), s.uid(), s.gid(), p.uid(), p.gid())) {
            throw new PersonalityException("EACCES", "service " + s.title() + " has flags " + Scope.words(s.flags())
                    + ": " + p.credentials() + " may not connect");
        }
        int slot = freeSlot(p);
        int q = allocate(CapType.MESSAGE_QUEUE, p.activity(), as, "port");
        setSlot(p.cspace(), slot, capOf(q));
        ports.put(as, new ClientPort(as, proc, s.id(), q, slot));
        event(proc + " connected port " + as + " to service " + s.title() + " (queue #" + q + " charged to " + proc + ")");
    }

    void put(String proc, String portName, byte[] data, int times) throws PersonalityException {
        CapsProcess p = process(proc);
        if (times < 1) {
            throw new PersonalityException("EINVAL", "a put sends at least one message");
        }
        ClientPort port = openPort(proc, portName);
        Service s = services.get(port.service());
        // lwkt_caps.c caps_sys_put: the in-progress test (ci_cmsgcount > CAPS_MAXINPROG) comes before the closed-peer
        // test. A 'times N' put is all or nothing: its last message must pass the test too.
        if (port.inFlight() + times - 1 > MAX_IN_FLIGHT) {
            throw new PersonalityException("ENOBUFS", "port " + portName + " has " + port.inFlight()
                    + " messages whose replies it has not read" + (times > 1 ? ", and " + times + " more" : "")
                    + ": a put is refused while more than " + MAX_IN_FLIGHT + " are (CAPS_MAXINPROG)");
        }
        if (!s.open()) {
            throw new PersonalityException("ENOTCONN", "service " + s.title() + " of port " + portName + " is gone");
        }
        if (data.length > MAX_MESSAGE) {
            throw new PersonalityException("EMSGSIZE", data.length + " bytes is more than a message holds (" + MAX_MESSAGE + ")");
        }
        for (int i = 0; i < times; i++) {
            int id = nextMessage;
            int frame = allocate(CapType.FRAME, p.activity(), "msg" + id, "request");
            writeBytes(frame, data);
            nextMessage++;
            CapsMessage m = new CapsMessage(id, portName, s.id(), p.credentials(), capOf(frame), data.length);
            live.put(id, m);
            gone = gone.with((CapsMessage) null);
            port.sent();
            s.enqueue(id);
            event("msg " + id + ": " + proc + " put " + data.length + " bytes on " + portName + " to service " + s.title()
                    + " as " + p.credentials() + ", in frame #" + frame + " charged to " + proc + " (not copied)");
        }
    }

    String get(String proc, String name, int buffer) throws PersonalityException {
        CapsProcess p = process(proc);
        if (buffer < 0) {
            throw new PersonalityException("EINVAL", "a receive buffer is not negative");
        }
        ClientPort port = ownPort(proc, name);
        if (port != null && port.open()) {
            return getReply(p, port, buffer);
        }
        Service s = serviceOf(proc, name);
        if (s == null) {
            throw noSuchId(proc, name);
        }
        return getFromService(p, s, buffer);
    }

    private String getFromService(CapsProcess p, Service s, int buffer) throws PersonalityException {
        Integer head = s.head();
        if (head == null) {
            throw new PersonalityException("EWOULDBLOCK", "nothing is queued to service " + s.title());
        }
        CapsMessage m = message(head);
        if (m.state() == MsgState.DISPOSE) {
            s.take();
            p.setLastGet(new LastGet(m.id(), MsgState.DISPOSE, 0, true, "", m.client(), m.status(), null));
            event("msg " + m.id() + ": " + p.name() + " got DISPOSE from " + m.client() + ": its reply data may go");
            freeMessage(m);
            return "DISPOSE";
        }
        if (m.requestLength() > buffer) {
            return tooBig(p, m, MsgState.REQUEST, m.requestLength(), buffer, m.client());
        }
        byte[] bytes = read(m.request());
        s.take();
        m.serve();
        s.startServing(m.id());
        p.setLastGet(new LastGet(m.id(), MsgState.REQUEST, bytes.length, true, latin1(bytes), m.client(), null, m.request()));
        event("msg " + m.id() + ": " + p.name() + " got REQUEST from " + m.client() + ", read " + bytes.length
                + " bytes from frame #" + m.request().oid() + ", the one the client filled");
        return "REQUEST";
    }

    private String getReply(CapsProcess p, ClientPort port, int buffer) throws PersonalityException {
        Service s = services.get(port.service());
        Integer head = port.head();
        if (head == null) {
            // lwkt_caps.c caps_sys_get: an empty pending queue is EWOULDBLOCK whether or not the service is still there.
            throw new PersonalityException("EWOULDBLOCK", "no reply is queued to port " + port.name()
                    + (s.open() ? "" : " (its service " + s.title() + " is gone)"));
        }
        CapsMessage m = message(head);
        if (m.replyLength() > buffer) {
            return tooBig(p, m, MsgState.REPLY, m.replyLength(), buffer, m.server());
        }
        byte[] bytes = m.reply() == null ? new byte[0] : read(m.reply());
        port.take();
        // lwkt_caps.c caps_process_msg: reading a REPLY is what lowers the client's ci_cmsgcount.
        port.replyRead();
        p.setLastGet(new LastGet(m.id(), MsgState.REPLY, bytes.length, true, latin1(bytes), m.server(), m.status(), m.reply()));
        event("msg " + m.id() + ": " + p.name() + " got REPLY (" + m.status() + ") from " + m.server() + ", read "
                + bytes.length + " bytes" + (m.reply() == null ? "" : " from frame #" + m.reply().oid()));
        if (s.open()) {
            m.disposed();
            s.enqueue(m.id());
            event("msg " + m.id() + ": DISPOSE queued back to service " + s.title());
        } else {
            event("msg " + m.id() + ": service " + s.title() + " is gone, so no DISPOSE");
            freeMessage(m);
        }
        return "REPLY";
    }

    private String tooBig(CapsProcess p, CapsMessage m, MsgState state, int length, int buffer, Credentials from) {
        p.setLastGet(new LastGet(m.id(), state, length, false, "", from, m.status(), null));
        event("msg " + m.id() + ": " + length + " bytes do not fit " + p.name() + "'s " + buffer
                + "-byte buffer: it stays queued, length " + length + " reported");
        return "TOOBIG";
    }

    void reply(String proc, int id, byte[] data) throws PersonalityException {
        CapsProcess p = process(proc);
        CapsMessage m = message(id);
        if (m == null || m.state() == MsgState.FREED) {
            throw new PersonalityException("EINVAL", "there is no message msg" + id);
        }
        Service s = services.get(m.service());
        // lwkt_caps.c caps_sys_reply: the message is looked up in the replier's own port (caps_find_msg), so a
        // message of someone else's service is simply not found: EINVAL.
        if (!s.owner().equals(proc) || !s.open()) {
            throw new PersonalityException("EINVAL", "msg" + id + " is not held by a service of " + proc
                    + " (it was put to " + s.title() + " of " + s.owner() + ")");
        }
        // caps_sys_reply: a message not on the user queue (not read, or already answered) is not replyable: EINVAL.
        if (m.state() != MsgState.SERVING) {
            throw new PersonalityException("EINVAL", "msg" + id + " is " + m.state() + ", not a request " + proc + " has read");
        }
        if (data.length > MAX_MESSAGE) {
            throw new PersonalityException("EMSGSIZE", data.length + " bytes is more than a message holds (" + MAX_MESSAGE + ")");
        }
        int frame = allocate(CapType.FRAME, p.activity(), "msg" + id + ".reply", "reply");
        writeBytes(frame, data);
        s.stopServing(id);
        m.replied(capOf(frame), data.length, p.credentials(), "ok");
        ClientPort port = ports.get(m.port());
        event("msg " + id + ": " + proc + " replied " + data.length + " bytes as " + p.credentials() + ", in frame #"
                + frame + " charged to " + proc + " (not copied)");
        // A request being served whose port closed was turned into a DISPOSE by the close, so the port is open here.
        port.queueReply(id);
    }

    void close(String proc, String name) throws PersonalityException {
        CapsProcess p = process(proc);
        ClientPort port = ownPort(proc, name);
        if (port != null && port.open()) {
            closePort(p, port);
            return;
        }
        Service s = serviceOf(proc, name);
        if (s == null) {
            throw noSuchId(proc, name);
        }
        closeService(p, s);
    }

    /**
     * lwkt_caps.c caps_sys_close, caps_term(CAPKF_TDLIST|CAPKF_HLIST|CAPKF_FLUSH|CAPKF_RCAPS): the port's unread REPLYs
     * become DISPOSEs to the service, then the service is flushed of every message of this port (caps_term with
     * cflush = the port): unread REQUESTs and queued DISPOSEs (those just made included) are freed, and REQUESTs the
     * server is serving become DISPOSEs at the tail of its queue at once (a later reply finds them not replyable).
     */
    private void closePort(CapsProcess p, ClientPort port) throws PersonalityException {
        Service s = services.get(port.service());
        List<Integer> replies = port.close();
        int freedHere = 0;
        int disposes = 0;
        if (s.open()) {
            for (int id : s.waiting()) {
                CapsMessage m = message(id);
                if (m.port().equals(port.name())) {
                    s.remove(id);
                    event("msg " + id + ": " + (m.state() == MsgState.DISPOSE ? "its queued DISPOSE" : "the unread REQUEST")
                            + " is flushed from service " + s.title());
                    freeMessage(m);
                    freedHere++;
                }
            }
        }
        for (int id : replies) {
            event("msg " + id + ": the unread REPLY is flushed");
            freeMessage(message(id));
            freedHere++;
        }
        if (s.open()) {
            for (int id : s.serving()) {
                CapsMessage m = message(id);
                if (m.port().equals(port.name())) {
                    s.stopServing(id);
                    m.abandoned();
                    s.enqueue(id);
                    disposes++;
                    event("msg " + id + ": being served by " + s.owner() + ": it turns into a DISPOSE back to service "
                            + s.title() + " at once");
                }
            }
        }
        setSlot(p.cspace(), port.slot(), Capability.VOID);
        free(port.queue());
        event(p.name() + " closed port " + port.name() + " (" + freedHere + " unread messages freed, " + disposes
                + " being served turned into disposes)");
    }

    private void closeService(CapsProcess p, Service s) throws PersonalityException {
        List<Integer> pending = s.close();
        int replied = 0;
        int disposed = 0;
        for (int id : pending) {
            CapsMessage m = message(id);
            if (m.state() == MsgState.DISPOSE) {
                disposed++;
                freeMessage(m);
                continue;
            }
            replied++;
            m.replied(null, 0, p.credentials(), "ENOTCONN");
            ClientPort port = ports.get(m.port());
            if (port.open()) {
                port.queueReply(id);
                event("msg " + id + ": replied ENOTCONN to " + port.name() + " (the service is closing)");
            } else {
                event("msg " + id + ": port " + port.name() + " is closed too");
                freeMessage(m);
            }
        }
        setSlot(p.cspace(), s.slot(), Capability.VOID);
        free(s.queue());
        event(p.name() + " closed service " + s.title() + ": " + replied + " pending requests replied ENOTCONN, "
                + disposed + " disposes freed");
    }

    // ------------------------------------------------------------------ internals

    /** Frees both frames of {@code m}, counts it out of its port, and logs it. */
    void freeMessage(CapsMessage m) throws PersonalityException {
        List<String> frames = new ArrayList<>();
        for (Capability c : new Capability[] {m.request(), m.reply()}) {
            if (c != null) {
                free(c.oid());
                frames.add("#" + c.oid());
            }
        }
        m.freed();
        recordFreed(m.id());
        live.remove(m.id());
        gone = gone.with(m.id() - 1, m);
        event("msg " + m.id() + ": freed (frames " + String.join(", ", frames) + ")");
    }

    /** Notes that message {@code id} was freed (the log the freed-once invariant reads). */
    void recordFreed(int id) {
        freed.add(id);
    }

    /** Message {@code id}, live or freed, or null. */
    private CapsMessage message(int id) {
        CapsMessage m = live.get(id);
        return m != null || id < 1 || id > gone.size() ? m : gone.get(id - 1);
    }

    /** {@link #messages()}: the live and the freed messages as one read-only map, in number order. */
    private final class EveryMessage extends AbstractMap<Integer, CapsMessage> {
        @Override
        public CapsMessage get(Object key) {
            return key instanceof Integer id ? message(id) : null;
        }

        @Override
        public boolean containsKey(Object key) {
            return get(key) != null;
        }

        @Override
        public Set<Entry<Integer, CapsMessage>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<Integer, CapsMessage>> iterator() {
                    return IntStream.rangeClosed(1, gone.size()).filter(id -> message(id) != null)
                            .mapToObj(id -> Map.entry(id, message(id))).iterator();
                }

                @Override
                public int size() {
                    return (int) IntStream.rangeClosed(1, gone.size()).filter(id -> message(id) != null).count();
                }
            };
        }
    }

    private CapsProcess process(String name) throws PersonalityException {
        CapsProcess p = processes.get(name);
        if (p == null) {
            throw new PersonalityException("ESRCH", "there is no process " + name);
        }
        return p;
    }

    private ClientPort ownPort(String proc, String name) {
        ClientPort port = ports.get(name);
        return port != null && port.owner().equals(proc) ? port : null;
    }

    /**
     * The open client port {@code name} of {@code proc}. lwkt_caps.c caps_sys_put: a port id the thread does not hold
     * (caps_find_id) and a service's id (no ci_rcaps) are both EINVAL.
     */
    private ClientPort openPort(String proc, String name) throws PersonalityException {
        ClientPort port = ownPort(proc, name);
        if (port != null && port.open()) {
            return port;
        }
        if (serviceOf(proc, name) != null) {
            throw new PersonalityException("EINVAL", name + " is a service of " + proc + ", not a client port");
        }
        throw noSuchId(proc, name);
    }

    /** lwkt_caps.c caps_find_id: a port id the calling thread does not hold (never had, or closed) is EINVAL. */
    private static PersonalityException noSuchId(String proc, String name) {
        return new PersonalityException("EINVAL", proc + " has no open port or service named " + name);
    }

    private int freeSlot(CapsProcess p) throws PersonalityException {
        CapPage page = (CapPage) kernel().heap().get(p.cspace());
        for (int i = CapsProcess.FIRST_FREE_SLOT; i < CapPage.SLOTS; i++) {
            if (page.slot(i).isVoid()) {
                return i;
            }
        }
        throw new PersonalityException("EMFILE", p.name() + " holds " + (CapPage.SLOTS - CapsProcess.FIRST_FREE_SLOT)
                + " services and ports already");
    }

    private void setSlot(int page, int slot, Capability c) throws PersonalityException {
        try {
            boot().setSlot(page, slot, c);
        } catch (KernelException e) {
            throw refusal(e);
        }
    }

    private Capability capOf(int oid) {
        return boot().cap(oid);
    }

    private byte[] read(Capability frame) {
        KernelObject o = kernel().heap().lookup(frame);
        if (!(o instanceof Frame f)) {
            throw new IllegalStateException("the frame " + frame + " of a live message is gone");
        }
        return f.data();
    }

    static String latin1(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ text

    @Override
    public String stateText() {
        StringBuilder b = new StringBuilder();
        processes.values().forEach(p -> b.append(p.stateLine()).append('\n'));
        services.values().forEach(s -> b.append(s.stateLine()).append('\n'));
        ports.values().forEach(p -> b.append(p.stateLine()).append('\n'));
        everyMessage.values().forEach(m -> b.append(m.stateLine()).append('\n'));
        b.append("freed ").append(freed).append('\n');
        b.append("next-service ").append(nextService).append(" next-msg ").append(nextMessage).append('\n');
        return b.toString();
    }

    @Override
    public List<String> details(int oid) {
        List<String> out = new ArrayList<>();
        for (CapsProcess p : processes.values()) {
            if (p.activity() == oid) {
                out.add("uid " + p.uid() + " gid " + p.gid());
                out.add("usage " + usage(p.name()) + (p.quota() > 0 ? " of " + p.quota() : ""));
            }
        }
        for (Service s : services.values()) {
            if (s.open() && s.queue() == oid) {
                out.add("uid " + s.uid() + " gid " + s.gid() + " flags " + Scope.words(s.flags()));
                out.add("queued: " + names(s.waiting()));
                out.add("serving: " + names(s.serving()));
            }
        }
        for (ClientPort p : ports.values()) {
            if (p.open() && p.queue() == oid) {
                out.add("to " + services.get(p.service()).title());
                out.add(p.inFlight() + " in flight");
                out.add("replies: " + names(p.replies()));
            }
        }
        for (CapsMessage m : live.values()) {
            if (m.state() == MsgState.FREED) {
                continue;
            }
            if (m.request().oid() == oid) {
                out.add(m.state() + ", " + m.requestLength() + " bytes");
                out.add("from " + m.client());
            } else if (m.reply() != null && m.reply().oid() == oid) {
                out.add("reply to " + m.name() + ", " + m.replyLength() + " bytes");
                out.add("from " + m.server());
            }
        }
        return out;
    }

    private String names(List<Integer> ids) {
        if (ids.isEmpty()) {
            return "-";
        }
        List<String> out = new ArrayList<>();
        for (int id : ids) {
            out.add("msg" + id + " " + message(id).state());
        }
        return String.join(", ", out);
    }
}
