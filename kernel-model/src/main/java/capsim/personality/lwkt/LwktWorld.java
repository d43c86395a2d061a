package capsim.personality.lwkt;

import capsim.kernel.Activity;
import capsim.kernel.CapType;
import capsim.kernel.Capability;
import capsim.kernel.Frame;
import capsim.kernel.KernelObject;
import capsim.personality.PersonalityException;
import capsim.personality.World;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The state of the LWKT personality: threads, ports and messages (each carried by kernel objects its thread's
 * activity pays for), the kernel's system port, its table of armed persistent messages, its sleeping system
 * calls and the pages it took in a double-buffered hand-off, and the clock.
 *
 * <p>Every change to a message goes through {@link #touch} (its owner changes it) or {@link #hand} (its owner
 * gives it to someone else); both are logged for the step so the {@code lwkt-ownership} invariant can replay
 * them. Upcalls are logged with the critical-section depth at delivery for {@code lwkt-no-upcall-in-critical}.
 */
public final class LwktWorld extends World<LwktWorld> {
    /** The kernel's system port, and the owner name of what the kernel holds. */
    public static final String KERNEL = "kernel";
    /** Words that cannot name a thread, port or message (they start other statements). */
    public static final Set<String> RESERVED = Set.of(KERNEL, "thread", "expect", "check", "scenario", "variant", "none");

    /** One ownership fact of the current step: {@code by} touched the message ({@code to} null) or gave it to {@code to}. */
    public record Handling(String message, String by, String to) {
        public String text() {
            return to == null ? by + " touches " + message : by + " hands " + message + " to " + to;
        }
    }

    /** One upcall of the current step: to {@code thread}, whose critical-section depth was {@code depth}. */
    public record Upcall(String thread, String message, int depth) {
    }

    /** An armed persistent message: when a timer is next due (-1 for signals) and how many returns coalesced. */
    public record Armed(String message, long due, int overruns) {
    }

    /** A system call the kernel holds until tick {@code due}. */
    public record Sleeping(String message, long due) {
    }

    /** A page the kernel took from {@code thread}'s message in a hand-off: written out and freed at tick {@code due}. */
    public record Staged(Capability page, String thread, String message, long due) {
    }

    private final TreeMap<String, LwktThread> threads;
    private final TreeMap<String, MsgPort> ports;
    private final TreeMap<String, LwktMessage> messages;
    private final TreeSet<String> aborts;
    private final List<Armed> armed;
    private final List<Sleeping> sleeping;
    private final List<Staged> staged;
    private long now;
    private int step;
    private final List<Handling> handlings;
    private final List<Upcall> upcallLog;

    public LwktWorld() {
        super();
        threads = new TreeMap<>();
        ports = new TreeMap<>();
        messages = new TreeMap<>();
        aborts = new TreeSet<>();
        armed = new ArrayList<>();
        sleeping = new ArrayList<>();
        staged = new ArrayList<>();
        handlings = new ArrayList<>();
        upcallLog = new ArrayList<>();
        try {
            int q = allocate(CapType.MESSAGE_QUEUE, rootActivity(), KERNEL, LwktPersonality.ROLE_SYSTEM_PORT);
            ports.put(KERNEL, new MsgPort(KERNEL, null, cap(q), MsgPort.Agent.KERNEL, MsgPort.Arrival.QUEUE));
        } catch (PersonalityException e) {
            throw new IllegalStateException("the root activity cannot pay for the system port: " + e.getMessage(), e);
        }
    }

    private LwktWorld(LwktWorld o) {
        super(o);
        threads = new TreeMap<>();
        o.threads.forEach((k, v) -> threads.put(k, new LwktThread(v)));
        ports = new TreeMap<>();
        o.ports.forEach((k, v) -> ports.put(k, new MsgPort(v)));
        messages = new TreeMap<>();
        o.messages.forEach((k, v) -> messages.put(k, new LwktMessage(v)));
        aborts = new TreeSet<>(o.aborts);
        armed = new ArrayList<>(o.armed);
        sleeping = new ArrayList<>(o.sleeping);
        staged = new ArrayList<>(o.staged);
        now = o.now;
        step = o.step;
        handlings = new ArrayList<>(o.handlings);
        upcallLog = new ArrayList<>(o.upcallLog);
    }

    @Override
    public LwktWorld copy() {
        return new LwktWorld(this);
    }

    @Override
    protected int copiedState() {
        return threads.size() + ports.size() + messages.size() + aborts.size() + armed.size() + sleeping.size()
                + staged.size() + handlings.size() + upcallLog.size();
    }

    // ------------------------------------------------------------------ reading

    public Map<String, LwktThread> threads() {
        return java.util.Collections.unmodifiableMap(threads);
    }

    public Map<String, MsgPort> ports() {
        return java.util.Collections.unmodifiableMap(ports);
    }

    public Map<String, LwktMessage> messages() {
        return java.util.Collections.unmodifiableMap(messages);
    }

    public LwktThread thread(String name) {
        return threads.get(name);
    }

    public MsgPort port(String name) {
        return ports.get(name);
    }

    public LwktMessage message(String name) {
        return messages.get(name);
    }

    /** True when the sender of {@code message} has asked for an abort the holder has not acted on by returning it. */
    public boolean abortRequested(String message) {
        return aborts.contains(message);
    }

    /** The flags shown for {@code m}: its own and ABORT when requested. */
    public Set<MsgFlag> flags(LwktMessage m) {
        EnumSet<MsgFlag> f = EnumSet.noneOf(MsgFlag.class);
        f.addAll(m.ownFlags());
        if (aborts.contains(m.name())) {
            f.add(MsgFlag.ABORT);
        }
        return f;
    }

    public List<Armed> armed() {
        return List.copyOf(armed);
    }

    public Armed armed(String message) {
        for (Armed a : armed) {
            if (a.message().equals(message)) {
                return a;
            }
        }
        return null;
    }

    public List<Sleeping> sleeping() {
        return List.copyOf(sleeping);
    }

    public List<Staged> staged() {
        return List.copyOf(staged);
    }

    /** The kernel clock, in ticks. */
    public long now() {
        return now;
    }

    /** The step counter: each step of this personality starts a new one (see {@link #beginStep}). */
    public int step() {
        return step;
    }

    /** The ownership facts of the current step, in order. */
    public List<Handling> handlings() {
        return List.copyOf(handlings);
    }

    /** The upcalls of the current step, in order. */
    public List<Upcall> upcallLog() {
        return List.copyOf(upcallLog);
    }

    /** The usage of {@code thread}'s activity (its kernel thread, ports, messages and staged pages). */
    public long usage(String thread) {
        LwktThread t = threads.get(thread);
        return t == null ? 0 : ((Activity) kernel().heap().get(t.activity())).usage();
    }

    /** The ports whose queue holds {@code message}. */
    public List<String> queuesHolding(String message) {
        List<String> out = new ArrayList<>();
        for (MsgPort p : ports.values()) {
            for (String q : p.queue()) {
                if (q.equals(message)) {
                    out.add(p.name());
                }
            }
        }
        return out;
    }

    @Override
    public String stateText() {
        StringBuilder b = new StringBuilder();
        b.append("now ").append(now).append('\n');
        threads.values().forEach(t -> b.append(t.text()).append('\n'));
        ports.values().forEach(p -> b.append(p.text()).append('\n'));
        messages.values().forEach(m -> b.append(m.text(aborts.contains(m.name()))).append('\n'));
        armed.forEach(a -> b.append("armed ").append(a.message()).append(" due ").append(a.due())
                .append(" overruns ").append(a.overruns()).append('\n'));
        sleeping.forEach(s -> b.append("sleeping ").append(s.message()).append(" due ").append(s.due()).append('\n'));
        staged.forEach(s -> b.append("staged #").append(s.page().oid()).append(" of ").append(s.thread())
                .append(" from ").append(s.message()).append(" due ").append(s.due()).append('\n'));
        return b.toString();
    }

    @Override
    public List<String> details(int oid) {
        List<String> out = new ArrayList<>();
        for (LwktThread t : threads.values()) {
            if (t.thread().oid() == oid) {
                out.add(t.critical() > 0 ? "critical depth " + t.critical() : "not in a critical section");
                out.add("upcalls " + t.upcalls() + (t.deferred().isEmpty() ? "" : ", held " + t.deferred()));
                out.add(t.waiting() == null ? "running" : "blocked in " + t.waiting().text());
            }
            if (t.activity() == oid) {
                out.add("pays for " + t.name() + ": usage " + usage(t.name())
                        + (t.quota() > 0 ? " of " + t.quota() : ""));
            }
        }
        for (MsgPort p : ports.values()) {
            if (p.queueCap().oid() == oid) {
                out.add(p.owner() == null ? "the system port" : "owner: " + p.owner());
                if (p.owner() != null) {
                    out.add("agent " + p.agent().word() + ", arrival " + p.arrival().word());
                }
                out.add("queued: " + (p.queue().isEmpty() ? "none" : String.join(", ", p.queue())));
            }
        }
        for (LwktMessage m : messages.values()) {
            if (m.frame().oid() == oid) {
                out.add("owner: " + m.owner());
                out.add("flags: " + LwktMessage.flagText(flags(m)));
                if (m.call() != null) {
                    out.add(m.call().text());
                }
                Armed a = armed(m.name());
                if (a != null) {
                    out.add("armed in the kernel" + (a.overruns() > 0 ? ", overruns " + a.overruns() : ""));
                }
                if (m.result() != null) {
                    out.add("result " + m.result() + (m.returned() > 1 ? ", returned " + m.returned() + " times" : ""));
                }
            }
        }
        for (Staged s : staged) {
            if (s.page().oid() == oid) {
                out.add("kernel's alone until tick " + s.due());
                out.add("charged to " + s.thread());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ the ownership log

    /** Starts a step: the logs of the previous step are dropped. Every action calls it first. */
    void beginStep() {
        step++;
        handlings.clear();
        upcallLog.clear();
    }

    /** {@code by} (the owner) changes {@code m}. */
    void touch(LwktMessage m, String by) {
        handlings.add(new Handling(m.name(), by, null));
    }

    /** {@code by} (the owner) gives {@code m} to {@code to}. */
    void hand(LwktMessage m, String by, String to) {
        handlings.add(new Handling(m.name(), by, to));
        m.setOwner(to);
    }

    // ------------------------------------------------------------------ checks

    private static PersonalityException err(String code, String message) {
        return new PersonalityException(code, message);
    }

    private void freeName(String name) throws PersonalityException {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            throw err("EINVAL", "'" + name + "' is not a name (a letter, then letters, digits, '_', '.', '-')");
        }
        if (RESERVED.contains(name)) {
            throw err("EINVAL", "'" + name + "' is reserved");
        }
        if (threads.containsKey(name) || ports.containsKey(name) || messages.containsKey(name)) {
            throw err("EEXIST", "the name " + name + " is taken");
        }
    }

    private LwktThread running(String name) throws PersonalityException {
        LwktThread t = threads.get(name);
        if (t == null) {
            throw err("ENOENT", "no thread " + name);
        }
        if (t.waiting() != null) {
            throw err("EBUSY", name + " is blocked in " + t.waiting().text());
        }
        return t;
    }

    private LwktMessage msg(String name) throws PersonalityException {
        LwktMessage m = messages.get(name);
        if (m == null) {
            throw err("ENOENT", "no message " + name);
        }
        return m;
    }

    private MsgPort portNamed(String name) throws PersonalityException {
        MsgPort p = ports.get(name);
        if (p == null) {
            throw err("ENOENT", "no port " + name);
        }
        return p;
    }

    private static void owned(LwktMessage m, LwktThread t) throws PersonalityException {
        if (!m.owner().equals(t.name())) {
            throw err("EPERM", t.name() + " does not own " + m.name() + " (owner: " + m.owner()
                    + "): only the owner touches a message");
        }
    }

    private Capability cap(int oid) {
        return kernel().heap().get(oid).capability();
    }

    // ------------------------------------------------------------------ declarations

    void newThread(String name, long quota) throws PersonalityException {
        freeName(name);
        if (quota < 0) {
            throw err("EINVAL", "a quota is at least 0 (0: no limit of its own), not " + quota);
        }
        int act = activity(rootActivity(), quota, name, LwktPersonality.ROLE_ACTIVITY);
        int th = allocate(CapType.THREAD, act, name, LwktPersonality.ROLE_THREAD);
        threads.put(name, new LwktThread(name, act, cap(th), quota));
        event("thread " + name + ": activity #" + act + (quota > 0 ? " (quota " + quota + ")" : " (no quota of its own)")
                + " pays for kernel thread #" + th);
    }

    void newPort(String thread, String name, MsgPort.Agent agent, MsgPort.Arrival arrival) throws PersonalityException {
        LwktThread t = running(thread);
        freeName(name);
        if (agent == MsgPort.Agent.KERNEL) {
            throw err("EINVAL", "only the kernel's system port has the kernel agent");
        }
        int q = allocate(CapType.MESSAGE_QUEUE, t.activity(), name, LwktPersonality.ROLE_PORT);
        ports.put(name, new MsgPort(name, thread, cap(q), agent, arrival));
        event("port " + name + " of " + thread + ": queue #" + q + " charged to " + thread + "; agent " + agent.word()
                + ", arrival " + arrival.word());
    }

    void newMessage(String thread, String name, Call call, String reply, boolean async, boolean abortable)
            throws PersonalityException {
        LwktThread t = running(thread);
        freeName(name);
        if (reply != null) {
            portNamed(reply);
            if (reply.equals(KERNEL)) {
                throw err("EINVAL", "the system port is not a reply port");
            }
        }
        if (call != null && call.persistent() && reply == null) {
            throw err("EINVAL", "a " + call.text().split(" ")[0] + " message needs a reply port: the kernel returns it there");
        }
        int f = allocate(CapType.FRAME, t.activity(), name, LwktPersonality.ROLE_MESSAGE);
        LwktMessage m = new LwktMessage(name, thread, cap(f), reply, call, async, abortable);
        messages.put(name, m);
        event("message " + name + " of " + thread + ": page #" + f + " charged to " + thread
                + (call == null ? "" : ", " + call.text()) + (reply == null ? ", no reply port" : ", reply port " + reply)
                + (m.persistent() ? " (persistent)" : "") + (abortable ? " (abortable)" : ""));
    }

    // ------------------------------------------------------------------ the owner's operations

    void write(String thread, String message, byte[] bytes) throws PersonalityException {
        LwktThread t = running(thread);
        LwktMessage m = msg(message);
        owned(m, t);
        if (!Frame.fits(0, bytes.length)) {
            throw err("EINVAL", bytes.length + " bytes do not fit in a page");
        }
        touch(m, thread);
        writeBytes(m.frame().oid(), bytes);
        event(thread + " writes " + bytes.length + " bytes into " + message);
    }

    /** Clears what a previous trip left and points the message at {@code target}. */
    private void prepareSend(LwktMessage m, String by, String target, boolean sync) {
        touch(m, by);
        m.set(MsgFlag.DONE, false);
        m.set(MsgFlag.REPLY, false);
        m.set(MsgFlag.SYNC, sync);
        m.setWaiter(sync ? by : null);
        m.setResult(null);
        m.resetReturns();
        m.setTarget(target);
        aborts.remove(m.name());
    }

    /** sendmsg ({@code sync} false) or domsg ({@code sync} true) to a user port. */
    String send(String thread, String message, String port, boolean sync) throws PersonalityException {
        LwktThread t = running(thread);
        LwktMessage m = msg(message);
        MsgPort p = portNamed(port);
        owned(m, t);
        if (p.agent() == MsgPort.Agent.KERNEL) {
            throw err("EINVAL", "the system port takes system calls: use sendsys");
        }
        if (m.persistent()) {
            throw err("EINVAL", message + " is persistent: only the kernel returns it again and again (use sendsys)");
        }
        if (sync && p.agent() == MsgPort.Agent.QUEUE && thread.equals(p.owner())) {
            throw err("EDEADLK", thread + " would wait forever for its own port " + port + " to reply");
        }
        String verb = sync ? "domsg" : "send";
        prepareSend(m, thread, port, sync);
        hand(m, thread, port);
        if (p.agent() == MsgPort.Agent.SYNC) {
            touch(m, port);
            event(thread + " " + verb + " " + message + " to " + port + ": the agent completes it at once (synchronous result ok)");
            complete(m, port, "ok");
            return "ok";
        }
        enqueue(p, m);
        event("msg " + message + ": EASYNC, queued on port " + port + " (owner now " + port + ")");
        if (sync) {
            t.setWait(new LwktThread.Wait("domsg", message));
            event(thread + " blocks in domsg " + message + " until it is replied");
        }
        arrival(p, m);
        return sync && t.waiting() != null ? "BLOCKED" : sync ? "ok" : "EASYNC";
    }

    void getmsg(String thread, String port) throws PersonalityException {
        LwktThread t = running(thread);
        MsgPort p = portNamed(port);
        if (!thread.equals(p.owner())) {
            throw err("EPERM", "only the owner of " + port + " (" + (p.owner() == null ? "the kernel" : p.owner())
                    + ") takes messages off it");
        }
        if (p.queue().isEmpty()) {
            throw err("EWOULDBLOCK", "nothing is queued on " + port);
        }
        LwktMessage m = messages.get(p.queue().get(0));
        takeOff(p, m);
        hand(m, port, thread);
        event(thread + " takes " + m.name() + " off " + port + describeResult(m));
        afterTake(t, m);
    }

    private static String describeResult(LwktMessage m) {
        if (!m.has(MsgFlag.REPLY)) {
            return " (a request)";
        }
        return " (returned, result " + m.result() + (m.returned() > 1 ? ", return " + m.returned() : "") + ")";
    }

    void reply(String thread, String message, String result) throws PersonalityException {
        LwktThread t = running(thread);
        LwktMessage m = msg(message);
        owned(m, t);
        if (m.target() == null || m.has(MsgFlag.DONE)) {
            throw err("EINVAL", message + " is not in flight: there is nothing to reply");
        }
        if (m.persistent()) {
            throw err("EINVAL", message + " is persistent: only the kernel returns it");
        }
        event(thread + " replies " + message + " (result " + result + ")");
        complete(m, thread, result);
    }

    String sendsys(String thread, String message) throws PersonalityException {
        LwktThread t = running(thread);
        LwktMessage m = msg(message);
        owned(m, t);
        if (m.call() == null) {
            throw err("EINVAL", message + " carries no system call");
        }
        boolean async = m.has(MsgFlag.ASYNC);
        Capability fresh = null;
        if (m.call() instanceof Call.Stage) {
            // The fresh page first: an exhausted quota refuses the call before anything changes.
            LwktThread payer = threads.get(m.creator());
            fresh = cap(allocate(CapType.FRAME, payer.activity(), message, LwktPersonality.ROLE_MESSAGE));
        }
        prepareSend(m, thread, KERNEL, !async);
        hand(m, thread, KERNEL);
        MsgPort sys = ports.get(KERNEL);
        switch (m.call()) {
            case Call.Getpid g -> {
                touch(m, KERNEL);
                event(thread + " sendsys " + message + ": the kernel completes getpid at once (synchronous result ok)");
                complete(m, KERNEL, "ok");
                return "ok";
            }
            case Call.Stage s -> {
                touch(m, KERNEL);
                Capability old = m.frame();
                m.setFrame(fresh);
                staged.add(new Staged(old, m.creator(), message, now + 1));
                label(old.oid(), message + " (staged)", LwktPersonality.ROLE_STAGED);
                event(thread + " sendsys " + message + ": the kernel takes page #" + old.oid()
                        + " (its alone until written out at tick " + (now + 1) + ", still charged to " + m.creator()
                        + ") and gives " + message + " fresh page #" + fresh.oid());
                complete(m, KERNEL, "ok");
                return "ok";
            }
            case Call.Sleep s -> {
                enqueue(sys, m);
                sleeping.add(new Sleeping(message, now + s.ticks()));
                if (async) {
                    event("msg " + message + ": EASYNC, the kernel holds it until tick " + (now + s.ticks()));
                    return "EASYNC";
                }
                t.setWait(new LwktThread.Wait("sendsys", message));
                event(thread + " blocks in sendsys " + message + " until tick " + (now + s.ticks()));
                return "BLOCKED";
            }
            case Call.Signal s -> {
                armed.add(new Armed(message, -1, 0));
                event("msg " + message + ": EASYNC, the kernel arms signal " + s.signal() + " for " + m.creator()
                        + " (live in the kernel until aborted)");
                return "EASYNC";
            }
            case Call.Timer tm -> {
                armed.add(new Armed(message, now + tm.period(), 0));
                event("msg " + message + ": EASYNC, the kernel arms a timer every " + tm.period() + " ticks (first at tick "
                        + (now + tm.period()) + ", live until aborted)");
                return "EASYNC";
            }
        }
    }

    String waitsys(String thread, String name) throws PersonalityException {
        LwktThread t = running(thread);
        MsgPort p = ports.get(name);
        if (p != null) {
            if (!thread.equals(p.owner())) {
                throw err("EPERM", "only the owner of " + name + " waits on it");
            }
            if (!p.queue().isEmpty()) {
                LwktMessage m = messages.get(p.queue().get(0));
                takeOff(p, m);
                hand(m, name, thread);
                event(thread + " waitsys " + name + ": " + m.name() + " is already there" + describeResult(m));
                afterTake(t, m);
                return "ok";
            }
            t.setWait(new LwktThread.Wait("waitsys", name));
            event(thread + " blocks in waitsys " + name + " until a message arrives on it");
            return "BLOCKED";
        }
        LwktMessage m = messages.get(name);
        if (m == null) {
            throw err("ENOENT", "no port or message " + name);
        }
        if (m.owner().equals(thread)) {
            if (m.has(MsgFlag.DONE)) {
                event(thread + " waitsys " + name + ": already back (result " + m.result() + ")");
                return "ok";
            }
            throw err("EINVAL", name + " is not in flight: nothing to wait for");
        }
        MsgPort r = m.replyPort() == null ? null : ports.get(m.replyPort());
        if (r != null && m.owner().equals(r.name())) {
            if (!thread.equals(r.owner())) {
                throw err("EPERM", name + " is on " + r.name() + ", which " + r.owner() + " owns");
            }
            takeOff(r, m);
            hand(m, r.name(), thread);
            event(thread + " waitsys " + name + ": already returned" + describeResult(m));
            afterTake(t, m);
            return "ok";
        }
        if (!m.creator().equals(thread)) {
            throw err("EPERM", "only " + name + "'s sender (" + m.creator() + ") waits for it");
        }
        if (r != null && !thread.equals(r.owner())) {
            throw err("EPERM", name + " returns to " + r.name() + ", which " + r.owner() + " owns");
        }
        if (m.target() == null) {
            throw err("EINVAL", name + " was never sent: nothing to wait for");
        }
        t.setWait(new LwktThread.Wait("waitsys", name));
        event(thread + " blocks in waitsys " + name + " until it is returned");
        return "BLOCKED";
    }

    void flushsys(String thread) throws PersonalityException {
        LwktThread t = running(thread);
        if (t.critical() > 0) {
            throw err("EBUSY", thread + " is in a critical section (depth " + t.critical()
                    + "): flushsys would deliver upcalls inside it");
        }
        List<String> held = new ArrayList<>(t.deferred());
        if (held.isEmpty()) {
            event(thread + " flushsys: nothing held");
            return;
        }
        event(thread + " flushsys: " + held.size() + " held upcall" + (held.size() == 1 ? "" : "s"));
        for (String name : held) {
            LwktMessage m = messages.get(name);
            if (m == null || !t.deferred().contains(name)) {
                continue;
            }
            upcall(t, ports.get(m.owner()), m);
        }
    }

    void enterCritical(String thread) throws PersonalityException {
        LwktThread t = running(thread);
        t.setCritical(t.critical() + 1);
        event(thread + " enters a critical section (depth " + t.critical() + ")");
    }

    void exitCritical(String thread) throws PersonalityException {
        LwktThread t = running(thread);
        if (t.critical() == 0) {
            throw err("EINVAL", thread + " is not in a critical section");
        }
        t.setCritical(t.critical() - 1);
        if (t.critical() == 0 && !t.deferred().isEmpty()) {
            event(thread + " leaves its last critical section with " + t.deferred().size()
                    + " upcall(s) flagged: it should call flushsys");
        } else {
            event(thread + " leaves a critical section (depth " + t.critical() + ")");
        }
    }

    void abort(String thread, String message) throws PersonalityException {
        LwktThread t = running(thread);
        LwktMessage m = msg(message);
        if (!m.creator().equals(thread)) {
            throw err("EPERM", "only " + message + "'s sender (" + m.creator() + ") may ask for an abort");
        }
        // lwkt_msgport.c lwkt_abortmsg: nothing happens unless the message is MSGF_ABORTABLE and not yet DONE or
        // REPLY (a message never sent is DONE from lwkt_initmsg); the call itself never fails.
        if (!m.has(MsgFlag.ABORTABLE)) {
            event("abort " + message + ": not ABORTABLE, so lwkt_abortmsg does nothing");
            return;
        }
        if (m.target() == null) {
            event("abort " + message + ": never sent, so nothing to abort");
            return;
        }
        if (m.has(MsgFlag.DONE)) {
            event("abort " + message + ": already done, so nothing to abort");
            return;
        }
        if (aborts.contains(message)) {
            event("abort " + message + ": already requested; " + m.owner() + " still decides");
            return;
        }
        if (m.persistent()) {
            Armed a = armed(message);
            if (a != null) {
                armed.remove(a);
            }
            if (m.owner().equals(KERNEL)) {
                event("abort " + message + ": the kernel disarms it and returns it a last time (ECANCELED)");
                complete(m, KERNEL, "ECANCELED");
            } else {
                aborts.add(message);
                event("abort " + message + ": disarmed; the return already on " + m.owner() + " is its last");
            }
            return;
        }
        String owner = m.owner();
        MsgPort p = ports.get(owner);
        if (owner.equals(KERNEL)) {
            sleeping.removeIf(s -> s.message().equals(message));
            takeOff(p, m);
            event("abort " + message + ": the kernel stops the call and returns it (ECANCELED)");
            touch(m, KERNEL);
            complete(m, KERNEL, "ECANCELED");
        } else if (p != null && p.queue().contains(message)) {
            takeOff(p, m);
            event("abort " + message + ": port " + owner + " dequeues it before " + p.owner()
                    + " took it and returns it (ECANCELED)");
            complete(m, owner, "ECANCELED");
        } else {
            aborts.add(message);
            event("abort " + message + ": requested; " + owner + " holds it and decides (advisory)");
        }
    }

    void free(String thread, String message) throws PersonalityException {
        LwktThread t = running(thread);
        LwktMessage m = msg(message);
        owned(m, t);
        if (!m.creator().equals(thread)) {
            throw err("EPERM", "only " + message + "'s creator (" + m.creator() + ") frees it");
        }
        touch(m, thread);
        int page = m.frame().oid();
        free(page);
        messages.remove(message);
        aborts.remove(message);
        event(thread + " frees " + message + " (page #" + page + " no longer charged to " + thread + ")");
    }

    // ------------------------------------------------------------------ the kernel's operations

    void tick(int n) throws PersonalityException {
        if (n < 1) {
            throw err("EINVAL", "a tick count is at least 1, not " + n);
        }
        for (int i = 0; i < n; i++) {
            now++;
            event("tick " + now);
            for (Staged s : new ArrayList<>(staged)) {
                if (s.due() <= now) {
                    staged.remove(s);
                    free(s.page().oid());
                    event("kernel wrote page #" + s.page().oid() + " of " + s.message() + " out and freed it ("
                            + s.thread() + " pays for it no more)");
                }
            }
            for (Sleeping s : new ArrayList<>(sleeping)) {
                if (s.due() <= now) {
                    sleeping.remove(s);
                    LwktMessage m = messages.get(s.message());
                    takeOff(ports.get(KERNEL), m);
                    touch(m, KERNEL);
                    event("kernel completes " + s.message() + " (sleep over)");
                    complete(m, KERNEL, "ok");
                }
            }
            for (Armed a : new ArrayList<>(armed)) {
                if (a.due() >= 0 && a.due() <= now && armed.contains(a)) {
                    Call.Timer tm = (Call.Timer) messages.get(a.message()).call();
                    Armed next = new Armed(a.message(), a.due() + tm.period(), a.overruns());
                    armed.set(armed.indexOf(a), next);
                    fire(next, "timer");
                }
            }
        }
    }

    void signal(String thread, String signal) throws PersonalityException {
        if (!threads.containsKey(thread)) {
            throw err("ESRCH", "no thread " + thread);
        }
        boolean any = false;
        for (Armed a : new ArrayList<>(armed)) {
            LwktMessage m = messages.get(a.message());
            if (m.creator().equals(thread) && m.call() instanceof Call.Signal s && s.signal().equals(signal)
                    && armed.contains(a)) {
                any = true;
                fire(a, "signal " + signal);
            }
        }
        if (!any) {
            event("signal " + signal + " to " + thread + ": no signal message armed: ignored");
        }
    }

    /** The kernel returns an armed persistent message, or counts an overrun while the last return is still out. */
    private void fire(Armed a, String why) {
        LwktMessage m = messages.get(a.message());
        if (!m.owner().equals(KERNEL)) {
            Armed more = new Armed(a.message(), a.due(), a.overruns() + 1);
            armed.set(armed.indexOf(a), more);
            event(why + ": " + m.name() + " is still out (owner " + m.owner() + "): coalesced, overrun " + more.overruns());
            return;
        }
        touch(m, KERNEL);
        m.set(MsgFlag.REPLY, true);
        m.setResult("ok");
        m.countReturn();
        MsgPort r = ports.get(m.replyPort());
        hand(m, KERNEL, r.name());
        enqueue(r, m);
        event(why + ": the kernel returns " + m.name() + " onto " + r.name() + " (return " + m.returned()
                + "; it stays armed)");
        arrival(r, m);
    }

    // ------------------------------------------------------------------ moving messages

    /** Puts {@code m} (which {@code p} owns) on {@code p}'s queue. */
    private void enqueue(MsgPort p, LwktMessage m) {
        touch(m, p.name());
        m.set(MsgFlag.QUEUED, true);
        p.queueMutable().add(m.name());
    }

    /** Takes {@code m} off {@code p}'s queue ({@code p} still owns it); a held upcall for it is dropped. */
    private void takeOff(MsgPort p, LwktMessage m) {
        touch(m, p.name());
        m.set(MsgFlag.QUEUED, false);
        p.queueMutable().remove(m.name());
        if (p.owner() != null) {
            threads.get(p.owner()).deferredMutable().remove(m.name());
        }
    }

    /**
     * Returns {@code m} (owned by {@code by}) with {@code result}: straight to a thread waiting in domsg or a
     * synchronous sendsys, else onto its reply port, else back to its creator (who polls or waits).
     */
    private void complete(LwktMessage m, String by, String result) {
        touch(m, by);
        m.setResult(result);
        m.set(MsgFlag.DONE, true);
        m.set(MsgFlag.REPLY, true);
        m.countReturn();
        if (m.has(MsgFlag.SYNC)) {
            String w = m.waiter();
            m.set(MsgFlag.SYNC, false);
            m.setWaiter(null);
            hand(m, by, w);
            LwktThread t = threads.get(w);
            if (t.waiting() != null && t.waiting().on().equals(m.name())) {
                t.setWait(null);
                event(w + " wakes: " + m.name() + " is done (result " + result + ")");
            } else {
                event(m.name() + " is done and back with " + w + " (result " + result + ")");
            }
            return;
        }
        if (m.replyPort() != null) {
            MsgPort r = ports.get(m.replyPort());
            hand(m, by, r.name());
            enqueue(r, m);
            event(m.name() + " returned onto " + r.name() + " (result " + result + ")");
            arrival(r, m);
            return;
        }
        hand(m, by, m.creator());
        LwktThread c = threads.get(m.creator());
        if (c.waiting() != null && c.waiting().kind().equals("waitsys") && c.waiting().on().equals(m.name())) {
            c.setWait(null);
            event(m.creator() + " wakes: " + m.name() + " is back (result " + result + ")");
        } else {
            event(m.name() + " is done and back with " + m.creator() + ", no reply port (result " + result + ")");
        }
    }

    /** {@code m} just landed on {@code p}: a waiting owner takes it, else the port's arrival action runs. */
    private void arrival(MsgPort p, LwktMessage m) {
        LwktThread t = threads.get(p.owner());
        LwktThread.Wait w = t.waiting();
        if (w != null && w.kind().equals("waitsys") && (w.on().equals(p.name()) || w.on().equals(m.name()))) {
            takeOff(p, m);
            hand(m, p.name(), t.name());
            t.setWait(null);
            event(t.name() + " wakes: waitsys " + w.on() + " gets " + m.name() + describeResult(m));
            afterTake(t, m);
            return;
        }
        if (p.arrival() != MsgPort.Arrival.UPCALL) {
            return;
        }
        if (t.critical() > 0) {
            t.deferredMutable().add(m.name());
            event(t.name() + " is in a critical section (depth " + t.critical() + "): upcall for " + m.name()
                    + " flagged, not delivered");
            return;
        }
        upcall(t, p, m);
    }

    private void upcall(LwktThread t, MsgPort p, LwktMessage m) {
        takeOff(p, m);
        hand(m, p.name(), t.name());
        t.countUpcall();
        upcallLog.add(new Upcall(t.name(), m.name(), t.critical()));
        event("upcall: " + t.name() + " runs the handler of port " + p.name() + " with " + m.name() + describeResult(m));
        afterTake(t, m);
    }

    /** After a thread took a returned persistent message: re-armed (back to the kernel) unless its abort is pending. */
    private void afterTake(LwktThread t, LwktMessage m) {
        if (!m.persistent() || m.has(MsgFlag.DONE)) {
            return;
        }
        if (aborts.contains(m.name())) {
            touch(m, t.name());
            m.set(MsgFlag.DONE, true);
            event(m.name() + " was aborted: this return was its last; " + t.name() + " keeps it");
            return;
        }
        hand(m, t.name(), KERNEL);
        Armed a = armed(m.name());
        if (a != null && a.overruns() > 0) {
            armed.set(armed.indexOf(a), new Armed(a.message(), a.due(), 0));
            event(m.name() + " goes back to the kernel, armed; " + t.name() + " learns of " + a.overruns()
                    + " overrun(s) coalesced into this return");
        } else {
            event(m.name() + " goes back to the kernel, armed (it may be returned again)");
        }
    }

    /** For tests: an unchecked hand-over, as a broken design would do it. */
    void forceOwner(String message, String owner) {
        messages.get(message).setOwner(owner);
    }

    /** For tests: a raw queue insertion, as a broken design would do it. */
    void forceEnqueue(String port, String message) {
        ports.get(port).queueMutable().add(message);
    }

    /** For tests: an upcall delivered whatever the depth, as a design without the interlock would. */
    void forceUpcall(String thread, String message) {
        LwktThread t = threads.get(thread);
        t.countUpcall();
        upcallLog.add(new Upcall(thread, message, t.critical()));
    }

    /** For tests: the frame of a message freed behind the personality's back. */
    void forceFreeFrame(String message) throws PersonalityException {
        free(messages.get(message).frame().oid());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The kernel object carrying {@code cap} if it is live and of the capability's type, else null. */
    KernelObject carrier(Capability cap) {
        return kernel().heap().lookup(cap);
    }
}
