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
 *
 * <p>This class is the state and a thin front; the rules live one concern a file: {@link Lookup} (names and the
 * refusals of every operation), {@link Declarations} (threads, ports, messages), {@link Messages} (send, EASYNC,
 * reply, completion, wait, abort, free), {@link Ports} (queues and arrival dispositions), {@link SystemCalls}
 * (the system port, the clock, signals, persistent messages) and {@link CriticalSections} (upcalls and their
 * interlock).
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

    final TreeMap<String, LwktThread> threads;
    final TreeMap<String, MsgPort> ports;
    final TreeMap<String, LwktMessage> messages;
    final TreeSet<String> aborts;
    final List<Armed> armed;
    final List<Sleeping> sleeping;
    final List<Staged> staged;
    long now;
    int step;
    final List<Handling> handlings;
    final List<Upcall> upcallLog;

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

    /** Starts a step: the logs of the previous step are dropped. Every operation below calls it first. */
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

    // ------------------------------------------------------------------ helpers the rule classes share

    static PersonalityException err(String code, String message) {
        return new PersonalityException(code, message);
    }

    Capability cap(int oid) {
        return kernel().heap().get(oid).capability();
    }

    // ------------------------------------------------------------------ declarations (each operation is one step)

    void newThread(String name, long quota) throws PersonalityException {
        beginStep();
        Declarations.newThread(this, name, quota);
    }

    void newPort(String thread, String name, MsgPort.Agent agent, MsgPort.Arrival arrival) throws PersonalityException {
        beginStep();
        Declarations.newPort(this, thread, name, agent, arrival);
    }

    void newMessage(String thread, String name, Call call, String reply, boolean async, boolean abortable)
            throws PersonalityException {
        beginStep();
        Declarations.newMessage(this, thread, name, call, reply, async, abortable);
    }

    // ------------------------------------------------------------------ the owner's operations

    void write(String thread, String message, byte[] bytes) throws PersonalityException {
        beginStep();
        Messages.write(this, thread, message, bytes);
    }

    /** sendmsg ({@code sync} false) or domsg ({@code sync} true) to a user port. */
    String send(String thread, String message, String port, boolean sync) throws PersonalityException {
        beginStep();
        return Messages.send(this, thread, message, port, sync);
    }

    void getmsg(String thread, String port) throws PersonalityException {
        beginStep();
        Ports.getmsg(this, thread, port);
    }

    void reply(String thread, String message, String result) throws PersonalityException {
        beginStep();
        Messages.reply(this, thread, message, result);
    }

    String sendsys(String thread, String message) throws PersonalityException {
        beginStep();
        return SystemCalls.sendsys(this, thread, message);
    }

    String waitsys(String thread, String name) throws PersonalityException {
        beginStep();
        return Messages.waitsys(this, thread, name);
    }

    void flushsys(String thread) throws PersonalityException {
        beginStep();
        CriticalSections.flushsys(this, thread);
    }

    void enterCritical(String thread) throws PersonalityException {
        beginStep();
        CriticalSections.enterCritical(this, thread);
    }

    void exitCritical(String thread) throws PersonalityException {
        beginStep();
        CriticalSections.exitCritical(this, thread);
    }

    void abort(String thread, String message) throws PersonalityException {
        beginStep();
        Messages.abort(this, thread, message);
    }

    void free(String thread, String message) throws PersonalityException {
        beginStep();
        Messages.free(this, thread, message);
    }

    // ------------------------------------------------------------------ the kernel's operations

    void tick(int n) throws PersonalityException {
        beginStep();
        SystemCalls.tick(this, n);
    }

    void signal(String thread, String signal) throws PersonalityException {
        beginStep();
        SystemCalls.signal(this, thread, signal);
    }

    // ------------------------------------------------------------------ test hooks

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
