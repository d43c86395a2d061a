package capsim.personality.mach;

import capsim.kernel.CapPage;
import capsim.kernel.CapType;
import capsim.kernel.Capability;
import capsim.kernel.Frame;
import capsim.kernel.KernelException;
import capsim.kernel.Rights;
import capsim.personality.History;
import capsim.personality.PersonalityException;
import capsim.personality.World;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state of the Mach personality: tasks with their name spaces, ports, port sets, the live send-once
 * rights, and the logs the invariants read (how each send-once right ended, every change of a port's send
 * count, every no-senders notification). Every object sits on kernel objects charged to an activity:
 * a task is an activity with a thread and a capability page (its name space, one slot a name); a port or
 * port set is a message queue charged to its receiver; a queued message is a frame charged to its sender,
 * or for a reply or notification the frame its send-once right prepaid; an out-of-line region is a frame.
 *
 * <p>Operations check what they can before changing anything and refuse with Mach's return codes; a refusal
 * half-way (an exhausted quota) leaves a world the {@link capsim.personality.Session} throws away.
 */
public final class MachWorld extends World<MachWorld> {
    /** MACH_PORT_UREFS_MAX. */
    public static final int UREFS_MAX = 65535;
    /**
     * The most user references a send right reaches: GNU Mach ipc_right.c keeps one in reserve (ipc_right_delta
     * tests MACH_PORT_UREFS_OVERFLOW(urefs+1, delta); ipc_right_copyout refuses, or pegs, at urefs+1 == MAX).
     */
    public static final int SEND_UREFS_MAX = UREFS_MAX - 1;
    /** The most inline bytes a message (one page) holds. */
    public static final int MAX_INLINE = Frame.PAGE_SIZE - Frame.HEADER_SIZE;
    /** The writer of send and send-once capabilities in a name space: write-only (send) or full (receive). */
    private static final Rights SEND_ONLY = Rights.of(false, true);

    /** One change of a port's send-right count, and whether a no-senders request was armed at that moment. */
    public record SendTransition(String port, int from, int to, boolean armed) {
    }

    final TreeMap<String, Task> tasks;
    final TreeMap<String, Port> ports;
    final TreeMap<String, PortSet> sets;
    final TreeMap<Integer, SendOnceRight> sendOnces;
    /** Send-once right id → how it ended: used, notified, died (joined with '+' if it ended twice). */
    final TreeMap<Integer, String> soEnded;
    final History<SendTransition> sendLog;
    /** Port labels, one per no-senders notification generated, in order. */
    final History<String> noSendersFired;
    int nextSo;
    int nextMsg;
    long nextSeq;

    public MachWorld() {
        super();
        tasks = new TreeMap<>();
        ports = new TreeMap<>();
        sets = new TreeMap<>();
        sendOnces = new TreeMap<>();
        soEnded = new TreeMap<>();
        sendLog = new History<>();
        noSendersFired = new History<>();
        nextSo = 1;
        nextMsg = 1;
        nextSeq = 1;
    }

    private MachWorld(MachWorld o) {
        super(o);
        tasks = new TreeMap<>();
        o.tasks.forEach((k, v) -> tasks.put(k, v.copy()));
        ports = new TreeMap<>();
        o.ports.forEach((k, v) -> ports.put(k, v.copy()));
        sets = new TreeMap<>();
        o.sets.forEach((k, v) -> sets.put(k, v.copy()));
        sendOnces = new TreeMap<>(o.sendOnces);
        soEnded = new TreeMap<>(o.soEnded);
        sendLog = new History<>(o.sendLog);
        noSendersFired = new History<>(o.noSendersFired);
        nextSo = o.nextSo;
        nextMsg = o.nextMsg;
        nextSeq = o.nextSeq;
    }

    @Override
    public MachWorld copy() {
        return new MachWorld(this);
    }

    @Override
    protected int copiedState() {
        int rights = 0;
        for (Task t : tasks.values()) {
            rights += t.names.size();
        }
        return tasks.size() + rights + ports.size() + sets.size() + sendOnces.size() + soEnded.size();
    }

    // ------------------------------------------------------------------ read-only views

    public Map<String, Task> tasks() {
        return Collections.unmodifiableMap(tasks);
    }

    public Map<String, Port> ports() {
        return Collections.unmodifiableMap(ports);
    }

    public Map<String, PortSet> sets() {
        return Collections.unmodifiableMap(sets);
    }

    /** The live send-once rights by id. */
    public Map<Integer, SendOnceRight> sendOnces() {
        return Collections.unmodifiableMap(sendOnces);
    }

    /** How each ended send-once right ended. */
    public Map<Integer, String> soEnded() {
        return Collections.unmodifiableMap(soEnded);
    }

    /** Send-once rights made so far (ids 1 .. madeSendOnces()). */
    public int madeSendOnces() {
        return nextSo - 1;
    }

    public List<SendTransition> sendLog() {
        return Collections.unmodifiableList(sendLog);
    }

    public List<String> noSendersFired() {
        return Collections.unmodifiableList(noSendersFired);
    }

    public Task task(String name) {
        return tasks.get(name);
    }

    public Port port(String label) {
        return ports.get(label);
    }

    /** Every queued message, port by port. */
    public List<MachMessage> queuedMessages() {
        List<MachMessage> out = new ArrayList<>();
        for (Port p : ports.values()) {
            out.addAll(p.queue);
        }
        return out;
    }

    /** The queued message {@code id}, or null. */
    public MachMessage message(int id) {
        for (Port p : ports.values()) {
            for (MachMessage m : p.queue) {
                if (m.id() == id) {
                    return m;
                }
            }
        }
        return null;
    }

    /** The kernel view, for invariants and tests. */
    public capsim.kernel.Kernel k() {
        return kernel();
    }

    // ------------------------------------------------------------------ text

    @Override
    public String stateText() {
        StringBuilder b = new StringBuilder();
        for (Task t : tasks.values()) {
            b.append("task ").append(t.name).append(" activity#").append(t.activity).append(" thread#").append(t.thread)
                    .append(" space#").append(t.space).append('\n');
            for (RightEntry e : t.names.values()) {
                b.append("  name ").append(e).append('\n');
            }
            t.regions.forEach((r, f) -> b.append("  region ").append(r).append(" frame#").append(f).append('\n'));
            for (Received r : t.received) {
                b.append("  got ").append(r).append('\n');
            }
        }
        for (Port p : ports.values()) {
            b.append(p).append('\n');
            for (MachMessage m : p.queue) {
                b.append("  ").append(m).append('\n');
            }
        }
        for (PortSet s : sets.values()) {
            b.append(s).append('\n');
        }
        for (SendOnceRight so : sendOnces.values()) {
            b.append(so).append('\n');
        }
        soEnded.forEach((id, how) -> b.append("send-once #").append(id).append(' ').append(how).append('\n'));
        b.append("next-so=").append(nextSo).append(" next-msg=").append(nextMsg).append(" next-seq=").append(nextSeq)
                .append(" send-log=").append(sendLog.size()).append(" no-senders=").append(noSendersFired).append('\n');
        return b.toString();
    }

    @Override
    public List<String> details(int oid) {
        List<String> out = new ArrayList<>();
        for (Task t : tasks.values()) {
            if (t.activity == oid) {
                out.add("task " + t.name);
                out.add(t.names.size() + " names, " + t.regions.size() + " regions");
            } else if (t.space == oid) {
                for (RightEntry e : t.names.values()) {
                    if (out.size() < 6) {
                        out.add("[" + e.slot + "] " + e.name + " " + e.type() + (e.type().equals("send-once") ? "" : " " + e.urefs()));
                    }
                }
            }
            t.regions.forEach((r, f) -> {
                if (f == oid) {
                    out.add("region " + r + " of " + t.name);
                }
            });
        }
        for (Port p : ports.values()) {
            if (p.alive && p.queueObject == oid) {
                out.add(p.receiver != null ? "receiver " + p.receiver : "in transit in msg " + p.carrier);
                out.add("send " + p.srights + ", send-once " + p.sorights);
                out.add("queued " + p.queue.size() + "/" + p.limit);
                if (p.set != null) {
                    out.add("in set " + p.set);
                }
                for (NotificationRequest r : p.requests()) {
                    out.add(r.kind().word() + " -> " + r.notifyPort());
                }
            }
            for (MachMessage m : p.queue) {
                if (m.frame() == oid) {
                    out.add("msg " + m.id() + " to " + m.dest() + " from " + m.sender());
                    out.add(m.kernel() ? m.notification().word() + " " + m.subject() : MachText.quote(m.data()));
                    for (CarriedRight c : m.rights()) {
                        out.add("carries " + c);
                    }
                }
                for (OolPage o : m.ool()) {
                    if (o.frame() == oid) {
                        out.add("ool " + o.region() + " (" + o.mode().word() + ") in msg " + m.id());
                    }
                }
            }
        }
        for (PortSet s : sets.values()) {
            if (s.alive && s.queueObject == oid) {
                out.add("owner " + s.owner);
                out.add("members " + String.join(", ", s.members));
            }
        }
        for (SendOnceRight so : sendOnces.values()) {
            if (so.frame() == oid) {
                out.add("prepaid for send-once #" + so.id() + " to " + so.port());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ operations: declarations

    /** A task: an activity under the root (quota 0: none of its own), a thread, and its name space. */
    public String createTask(String name, long quota) throws PersonalityException {
        if (tasks.containsKey(name)) {
            throw new PersonalityException("KERN_NAME_EXISTS", "there is already a task " + name);
        }
        if (quota < 0) {
            throw new PersonalityException("KERN_INVALID_ARGUMENT", "a quota is at least 0, not " + quota);
        }
        try {
            int act = activity(rootActivity(), quota, name, "task");
            int thread = allocate(CapType.THREAD, act, name + ".thread", "thread");
            int space = allocate(CapType.CAPPAGE, act, name + ".space", "ipc-space");
            try {
                boot().configureThread(thread, space, act);
            } catch (KernelException e) {
                throw refusal(e);
            }
            tasks.put(name, new Task(name, act, thread, space));
        } catch (PersonalityException e) {
            throw shortage(e, "KERN_RESOURCE_SHORTAGE");
        }
        event("task " + name + " created" + (quota > 0 ? " (quota " + quota + ")" : ""));
        return "ok";
    }

    /** mach_port_allocate(RECEIVE): a new port whose receive right {@code task} holds under the name {@code label}. */
    public String allocatePort(String task, String label, int limit) throws PersonalityException {
        Task t = task(task, "KERN_INVALID_TASK");
        labelFree(t, label);
        checkLimit(limit);
        int slot = freeSlot(t);
        int q = alloc(CapType.MESSAGE_QUEUE, t.activity, label, "port", "KERN_RESOURCE_SHORTAGE");
        Port p = new Port(label, q, t.name, limit);
        ports.put(label, p);
        RightEntry e = new RightEntry(label, label, slot);
        e.receive = true;
        t.names.put(label, e);
        mirror(t, e);
        event(t.name + " allocates port " + label + " (limit " + limit + ")");
        return "ok";
    }

    /** mach_port_allocate(PORT_SET). */
    public String allocatePortSet(String task, String label) throws PersonalityException {
        Task t = task(task, "KERN_INVALID_TASK");
        labelFree(t, label);
        int slot = freeSlot(t);
        int q = alloc(CapType.MESSAGE_QUEUE, t.activity, label, "port-set", "KERN_RESOURCE_SHORTAGE");
        sets.put(label, new PortSet(label, t.name, q));
        RightEntry e = new RightEntry(label, label, slot);
        e.portSet = true;
        t.names.put(label, e);
        mirror(t, e);
        event(t.name + " allocates port set " + label);
        return "ok";
    }

    /** An out-of-line region: one frame charged to the task, holding {@code data}. */
    public String region(String task, String region, String data) throws PersonalityException {
        Task t = task(task, "KERN_INVALID_TASK");
        if (t.regions.containsKey(region)) {
            throw new PersonalityException("KERN_NAME_EXISTS", t.name + " already has a region " + region);
        }
        checkPage(data);
        int f = alloc(CapType.FRAME, t.activity, region, "ool-page", "KERN_RESOURCE_SHORTAGE");
        writeBytes(f, MachText.bytes(data));
        t.regions.put(region, f);
        event(t.name + " allocates region " + region + " " + MachText.quote(data));
        return "ok";
    }

    public String write(String task, String region, String data) throws PersonalityException {
        Task t = task(task, "KERN_INVALID_TASK");
        Integer f = t.regions.get(region);
        if (f == null) {
            throw new PersonalityException("KERN_INVALID_ADDRESS", t.name + " has no region " + region);
        }
        checkPage(data);
        writeBytes(f, MachText.bytes(data));
        event(t.name + " writes region " + region + " " + MachText.quote(data));
        return "ok";
    }

    public String freeRegion(String task, String region) throws PersonalityException {
        Task t = task(task, "KERN_INVALID_TASK");
        Integer f = t.regions.get(region);
        if (f == null) {
            throw new PersonalityException("KERN_INVALID_ADDRESS", t.name + " has no region " + region);
        }
        t.regions.remove(region);
        free(f);
        event(t.name + " deallocates region " + region);
        return "ok";
    }

    // ------------------------------------------------------------------ operations: name space

    /** mach_port_set_attributes(QLIMIT). */
    public String setLimit(String task, String name, int limit) throws PersonalityException {
        Task t = task(task, "KERN_INVALID_TASK");
        RightEntry e = entry(t, name, "KERN_INVALID_NAME");
        if (!e.receive) {
            throw new PersonalityException("KERN_INVALID_RIGHT", name + " is not a receive right of " + t.name);
        }
        checkLimit(limit);
        ports.get(e.target).limit = limit;
        event(t.name + " sets the queue limit of " + e.target + " to " + limit);
        return "ok";
    }

    /** mach_port_move_member: puts a receive right into a port set ({@code set} null: takes it out of its set). */
    public String moveMember(String task, String name, String set) throws PersonalityException {
        Task t = task(task, "KERN_INVALID_TASK");
        RightEntry e = entry(t, name, "KERN_INVALID_NAME");
        if (!e.receive) {
            throw new PersonalityException("KERN_INVALID_RIGHT", name + " is not a receive right of " + t.name);
        }
        Port p = ports.get(e.target);
        if (set == null) {
            if (p.set == null) {
                throw new PersonalityException("KERN_NOT_IN_SET", p.label + " is in no port set");
            }
            leaveSet(p);
            return "ok";
        }
        RightEntry se = entry(t, set, "KERN_INVALID_NAME");
        if (!se.portSet) {
            throw new PersonalityException("KERN_INVALID_RIGHT", set + " is not a port set of " + t.name);
        }
        leaveSet(p);
        PortSet s = sets.get(se.target);
        s.members.add(p.label);
        p.set = s.label;
        event(t.name + " moves " + p.label + " into port set " + s.label);
        return "ok";
    }

    /**
     * mach_port_insert_right: takes a right from {@code task}'s name {@code name} with disposition {@code d}
     * and puts it into the name space of {@code into} (null: the task's own), as a message would.
     */
    public String insertRight(String task, String name, Disposition d, String into) throws PersonalityException {
        Task t = task(task, "KERN_INVALID_TASK");
        Task target = into == null ? t : task(into, "KERN_INVALID_TASK");
        RightEntry e = entry(t, name, "KERN_INVALID_NAME");
        checkDisposition(t, e, d, "KERN_INVALID_RIGHT");
        try {
            CarriedRight c = copyin(t, name, d, "KERN_INVALID_RIGHT");
            String got = copyout(target, c, false);
            event(t.name + " inserts " + d + " of " + name + " into " + target.name + " as " + got);
        } catch (PersonalityException x) {
            throw shortage(x, "KERN_RESOURCE_SHORTAGE");
        }
        return "ok";
    }

    /** mach_port_deallocate: one user reference of a send, send-once or dead-name right. */
    public String deallocate(String task, String name) throws PersonalityException {
        Task t = task(task, "KERN_INVALID_TASK");
        RightEntry e = entry(t, name, "KERN_INVALID_NAME");
        if (e.sendOnce != 0) {
            releaseSendOnceName(t, e);
        } else if (e.deadUrefs > 0) {
            e.deadUrefs--;
            if (e.empty()) {
                removeEntry(t, e);
            }
            event(t.name + " deallocates dead name " + name);
        } else if (e.sendUrefs > 0) {
            setSendUrefs(t, e, e.sendUrefs - 1);
            event(t.name + " deallocates a send reference of " + name);
        } else {
            throw new PersonalityException("KERN_INVALID_RIGHT", name + " of " + t.name + " is a " + e.type()
                    + " right, which mach_port_deallocate does not release");
        }
        return "ok";
    }

    /** mach_port_destroy: every right under the name. */
    public String destroy(String task, String name) throws PersonalityException {
        Task t = task(task, "KERN_INVALID_TASK");
        RightEntry e = entry(t, name, "KERN_INVALID_NAME");
        event(t.name + " destroys " + name + " (" + e.type() + ")");
        if (e.portSet) {
            destroySet(t, e);
            return "ok";
        }
        removeEntry(t, e);
        Port p = ports.get(e.target);
        if (e.sendOnce != 0) {
            cancelDeadNameRequests(t, e);
            releaseUnused(e.sendOnce);
        }
        if (e.sendUrefs > 0) {
            cancelDeadNameRequests(t, e);
            adjustSend(p, -1);
        }
        if (e.receive) {
            destroyReceive(p);
        }
        return "ok";
    }

    /** mach_port_mod_refs. */
    public String modRefs(String task, String name, RightKind right, int delta) throws PersonalityException {
        Task t = task(task, "KERN_INVALID_TASK");
        RightEntry e = entry(t, name, "KERN_INVALID_NAME");
        switch (right) {
            case SEND, DEAD_NAME -> {
                int had = right == RightKind.SEND ? e.sendUrefs : e.deadUrefs;
                if (had == 0) {
                    throw new PersonalityException("KERN_INVALID_RIGHT", name + " of " + t.name + " holds no " + right.word() + " right");
                }
                long n = (long) had + delta;
                if (n < 0) {
                    throw new PersonalityException("KERN_INVALID_VALUE", name + " has " + had + " user references, not " + -delta);
                }
                int max = right == RightKind.SEND ? SEND_UREFS_MAX : UREFS_MAX;
                if (n > max) {
                    throw new PersonalityException("KERN_UREFS_OVERFLOW", name + " would have " + n + " user references (at most "
                            + max + ")");
                }
                if (right == RightKind.SEND) {
                    setSendUrefs(t, e, (int) n);
                } else {
                    e.deadUrefs = (int) n;
                    if (e.empty()) {
                        removeEntry(t, e);
                    }
                }
            }
            case SEND_ONCE, RECEIVE, PORT_SET -> {
                boolean has = switch (right) {
                    case SEND_ONCE -> e.sendOnce != 0;
                    case RECEIVE -> e.receive;
                    default -> e.portSet;
                };
                if (!has) {
                    throw new PersonalityException("KERN_INVALID_RIGHT", name + " of " + t.name + " holds no " + right.word() + " right");
                }
                if (delta != 0 && delta != -1) {
                    throw new PersonalityException("KERN_INVALID_VALUE", "a " + right.word() + " right changes by 0 or -1, not " + delta);
                }
                if (delta == -1) {
                    switch (right) {
                        case SEND_ONCE -> releaseSendOnceName(t, e);
                        case RECEIVE -> {
                            Port p = ports.get(e.target);
                            e.receive = false;
                            if (e.empty()) {
                                removeEntry(t, e);
                            } else {
                                mirror(t, e);
                            }
                            event(t.name + " destroys the receive right of " + p.label);
                            destroyReceive(p);
                        }
                        default -> destroySet(t, e);
                    }
                }
            }
        }
        event(t.name + " mod-refs " + name + " " + right.word() + " " + (delta >= 0 ? "+" : "") + delta);
        return "ok";
    }

    /**
     * mach_port_request_notification: when {@code kind} happens to the port {@code name} denotes, the kernel
     * sends a notification to {@code notify} (a receive right of the task) through a send-once right it makes
     * now, whose page the task pays for now. A new request replaces the old one, whose right is released.
     */
    public String requestNotification(String task, NotificationKind kind, String name, String notify) throws PersonalityException {
        return requestNotification(task, kind, name, notify, null);
    }

    /**
     * The same with a no-senders {@code sync} count (null: none given). GNU Mach ipc_port.c ipc_port_nsrequest:
     * when the port has no send rights and {@code sync <= ip_mscount} the notification is sent at once. Without a
     * count the model waits for the next time the send-right count falls to 0 (a decision, personality-mach.md).
     */
    public String requestNotification(String task, NotificationKind kind, String name, String notify, Integer sync)
            throws PersonalityException {
        Task t = task(task, "KERN_INVALID_TASK");
        if (!kind.requestable()) {
            throw new PersonalityException("KERN_INVALID_VALUE", "send-once notifications come unasked");
        }
        // mach_port_request_notification: a port-destroyed request with a non-zero sync is KERN_INVALID_VALUE; for a
        // dead-name request a non-zero sync asks for 'immediate', which the model does not offer.
        if (sync != null && (sync < 0 || (kind != NotificationKind.NO_SENDERS && sync != 0))) {
            throw new PersonalityException("KERN_INVALID_VALUE", "sync " + sync + " does not go with a "
                    + kind.word() + " request");
        }
        RightEntry e = entry(t, name, "KERN_INVALID_NAME");
        RightEntry ne = entry(t, notify, "KERN_INVALID_NAME");
        if (!ne.receive) {
            throw new PersonalityException("KERN_INVALID_RIGHT", "the notify port " + notify + " is not a receive right of " + t.name);
        }
        Port p;
        if (kind == NotificationKind.DEAD_NAME) {
            // GNU Mach ipc_right.c ipc_right_dnrequest: a dead name (without 'immediate', which the model has not)
            // is KERN_INVALID_ARGUMENT; a name with no port right is KERN_INVALID_RIGHT.
            if (e.deadUrefs > 0) {
                throw new PersonalityException("KERN_INVALID_ARGUMENT", name + " of " + t.name
                        + " is a dead name: the port is already dead");
            }
            if (e.portSet || (e.sendUrefs == 0 && e.sendOnce == 0)) {
                throw new PersonalityException("KERN_INVALID_RIGHT", name + " of " + t.name + " is a " + e.type()
                        + " right; dead-name requests need a send or send-once right");
            }
            p = ports.get(e.target);
        } else {
            if (!e.receive) {
                throw new PersonalityException("KERN_INVALID_RIGHT", name + " is not a receive right of " + t.name);
            }
            p = ports.get(e.target);
            if (kind == NotificationKind.PORT_DESTROYED && ne.target.equals(p.label)) {
                throw new PersonalityException("KERN_INVALID_ARGUMENT", "a port cannot be its own backup");
            }
        }
        int so = alloc(() -> makeSendOnce(ports.get(ne.target), t), "KERN_RESOURCE_SHORTAGE");
        NotificationRequest r = new NotificationRequest(kind, t.name, name, ne.target, so);
        NotificationRequest old = null;
        switch (kind) {
            case NO_SENDERS -> {
                old = p.noSenders;
                p.noSenders = r;
            }
            case PORT_DESTROYED -> {
                old = p.portDestroyed;
                p.portDestroyed = r;
            }
            default -> {
                for (NotificationRequest x : p.deadName) {
                    if (x.requester().equals(t.name) && x.name().equals(name)) {
                        old = x;
                    }
                }
                p.deadName.remove(old);
                p.deadName.add(r);
            }
        }
        event(t.name + " requests " + kind.word() + " notification for " + p.label + " to port " + ne.target
                + " (send-once #" + so + ")");
        if (old != null) {
            event("the previous " + kind.word() + " request for " + p.label + " is replaced");
            releaseUnused(old.sendOnce());
        }
        if (sync != null && p.srights == 0 && sync <= p.mscount) {
            event(p.label + " has no senders and sync " + sync + " <= make-send count " + p.mscount + ": notified at once");
            p.noSenders = null;
            fire(r, NotificationKind.NO_SENDERS, p.label, List.of());
        }
        return "ok";
    }

    // ------------------------------------------------------------------ operations: messages

    /** A port right a message carries: the sender's name and the disposition. */
    public record PortItem(String name, Disposition disposition) {
    }

    /** An out-of-line region a message carries. */
    public record OolItem(String region, OolMode mode) {
    }

    /**
     * mach_msg(SEND) with a zero timeout: {@code dest} with disposition {@code destDisposition} (null: copy-send
     * for a send right, move-send-once for a send-once right, make-send for a bare receive right), inline
     * {@code data}, the reply port, the port rights and out-of-line regions of the body.
     */
    public String send(String task, String dest, Disposition destDisposition, String data, PortItem reply,
                       List<PortItem> body, List<OolItem> ool) throws PersonalityException {
        Task t = task(task, "KERN_INVALID_TASK");
        // The order of the checks is GNU Mach's: the message is taken in (its size: a page here, a decision), then
        // ipc_kmsg_copyin checks the header (destination, reply) and the body (rights, memory), and only then does
        // ipc_mqueue_send look at the queue limit.
        if (data.length() > MAX_INLINE) {
            throw new PersonalityException("MACH_SEND_TOO_LARGE", data.length() + " inline bytes do not fit in a page");
        }
        RightEntry de = t.names.get(dest);
        if (de == null) {
            throw new PersonalityException("MACH_SEND_INVALID_DEST", t.name + " has no name " + dest);
        }
        if (de.portSet || de.deadUrefs > 0) {
            throw new PersonalityException("MACH_SEND_INVALID_DEST", dest + " of " + t.name + " is a " + de.type());
        }
        Disposition d = destDisposition != null ? destDisposition
                : de.sendOnce != 0 ? Disposition.MOVE_SEND_ONCE : de.sendUrefs > 0 ? Disposition.COPY_SEND : Disposition.MAKE_SEND;
        if (d == Disposition.MOVE_RECEIVE) {
            throw new PersonalityException("MACH_SEND_INVALID_HEADER", "a destination is sent to, not moved (move-receive)");
        }
        checkDisposition(t, de, d, "MACH_SEND_INVALID_DEST");
        Port p = ports.get(de.target);
        RightKind destRight = d.carries();
        if (reply != null) {
            RightEntry re = t.names.get(reply.name());
            if (re == null) {
                throw new PersonalityException("MACH_SEND_INVALID_REPLY", t.name + " has no name " + reply.name());
            }
            if (reply.disposition() == Disposition.MOVE_RECEIVE) {
                throw new PersonalityException("MACH_SEND_INVALID_REPLY", "a reply port is a send or send-once right");
            }
            checkDisposition(t, re, reply.disposition(), "MACH_SEND_INVALID_REPLY");
        }
        for (PortItem it : body) {
            RightEntry be = t.names.get(it.name());
            if (be == null) {
                throw new PersonalityException("MACH_SEND_INVALID_RIGHT", t.name + " has no name " + it.name());
            }
            checkDisposition(t, be, it.disposition(), "MACH_SEND_INVALID_RIGHT");
            if (it.disposition() == Disposition.MOVE_RECEIVE) {
                Port q = ports.get(be.target);
                if (wouldCycle(q, p)) {
                    throw new PersonalityException("MACH_SEND_INVALID_RIGHT", "carrying the receive right of " + q.label
                            + " into " + p.label + (q == p ? " (itself)" : " (which travels inside it)") + " would make a receive-right cycle");
                }
            }
        }
        List<String> moved = new ArrayList<>();
        for (OolItem o : ool) {
            if (!t.regions.containsKey(o.region())) {
                throw new PersonalityException("MACH_SEND_INVALID_MEMORY", t.name + " has no region " + o.region());
            }
            if (moved.contains(o.region())) {
                throw new PersonalityException("MACH_SEND_INVALID_MEMORY", "region " + o.region() + " was already moved");
            }
            if (o.mode() != OolMode.COPY) {
                moved.add(o.region());
            }
        }
        // ipc_mqueue.c ipc_mqueue_send: with a zero timeout a full queue is MACH_SEND_TIMED_OUT, unless the message
        // goes through a send-once right (a reply or notification always gets in).
        if (destRight == RightKind.SEND && p.queue.size() >= p.limit) {
            throw new PersonalityException("MACH_SEND_TIMED_OUT", "the queue of " + p.label + " is full (" + p.queue.size()
                    + " of " + p.limit + ")");
        }
        // Everything named exists with the rights asked for: now the message is built.
        int id = nextMsg++;
        try {
            int frame = -1;
            if (destRight == RightKind.SEND) {
                frame = allocate(CapType.FRAME, t.activity, "msg " + id, "message");
            }
            CarriedRight dc = copyin(t, dest, d, "MACH_SEND_INVALID_DEST");
            if (destRight == RightKind.SEND_ONCE) {
                frame = endSendOnce(dc.sendOnce(), "used").frame();
                label(frame, "msg " + id, "message");
            }
            writeBytes(frame, MachText.bytes(data));
            List<CarriedRight> carried = new ArrayList<>();
            if (reply != null) {
                CarriedRight c = copyin(t, reply.name(), reply.disposition(), "MACH_SEND_INVALID_REPLY");
                carried.add(new CarriedRight(c.kind(), c.port(), c.sendOnce(), true));
            }
            for (PortItem it : body) {
                CarriedRight c = copyin(t, it.name(), it.disposition(), "MACH_SEND_INVALID_RIGHT");
                if (c.kind() == RightKind.RECEIVE) {
                    ports.get(c.port()).carrier = id;
                }
                carried.add(c);
            }
            List<OolPage> pages = new ArrayList<>();
            for (OolItem o : ool) {
                int f0 = t.regions.get(o.region());
                int f = switch (o.mode()) {
                    case COPY -> {
                        int c = allocate(CapType.FRAME, t.activity, o.region() + " (copy)", "ool-page");
                        writeBytes(c, frameBytes(f0));
                        yield c;
                    }
                    case MOVE -> {
                        t.regions.remove(o.region());
                        yield f0;
                    }
                    case SWAP -> {
                        int fresh = allocate(CapType.FRAME, t.activity, o.region(), "ool-page");
                        t.regions.put(o.region(), fresh);
                        event("the kernel gives " + t.name + " a fresh page for region " + o.region());
                        yield f0;
                    }
                };
                pages.add(new OolPage(o.region(), f, o.mode()));
            }
            if (destRight == RightKind.SEND && p.queue.size() >= p.limit) {
                // Taking the rights in released a right whose notification filled the queue meanwhile.
                throw new PersonalityException("MACH_SEND_TIMED_OUT", "the queue of " + p.label + " filled while the message was built");
            }
            MachMessage m = new MachMessage(id, nextSeq++, p.label, destRight, d, t.name, frame, data, carried, pages, null, null);
            p.queue.add(m);
            event(describeSend(m));
        } catch (PersonalityException x) {
            throw shortage(x, "MACH_SEND_NO_BUFFER");
        }
        return "ok";
    }

    /** mach_msg(RECEIVE) with a zero timeout, on a receive right or a port set. */
    public String receive(String task, String name) throws PersonalityException {
        Task t = task(task, "KERN_INVALID_TASK");
        RightEntry e = t.names.get(name);
        if (e == null || (!e.receive && !e.portSet)) {
            throw new PersonalityException("MACH_RCV_INVALID_NAME", name + " is not a receive right or port set of " + t.name);
        }
        MachMessage m = null;
        if (e.receive) {
            Port p = ports.get(e.target);
            if (p.set != null) {
                throw new PersonalityException("MACH_RCV_IN_SET", p.label + " is in port set " + p.set + "; receive on the set");
            }
            m = p.queue.isEmpty() ? null : p.queue.get(0);
        } else {
            for (String member : sets.get(e.target).members) {
                Port p = ports.get(member);
                if (!p.queue.isEmpty() && (m == null || p.queue.get(0).seq() < m.seq())) {
                    m = p.queue.get(0);
                }
            }
        }
        if (m == null) {
            throw new PersonalityException("MACH_RCV_TIMED_OUT", "no message on " + name);
        }
        Port p = ports.get(m.dest());
        p.queue.remove(0);
        try {
            List<String> rights = new ArrayList<>();
            for (CarriedRight c : m.rights()) {
                rights.add(copyout(t, c, true));
            }
            List<String> regions = new ArrayList<>();
            for (OolPage o : m.ool()) {
                int f = o.frame();
                if (o.mode() == OolMode.COPY) {
                    f = allocate(CapType.FRAME, t.activity, o.region(), "ool-page");
                    writeBytes(f, frameBytes(o.frame()));
                    free(o.frame());
                }
                String rn = t.freshRegion(o.region());
                label(f, rn, "ool-page");
                t.regions.put(rn, f);
                regions.add(rn);
            }
            String data = m.kernel() ? "" : MachText.string(frameBytes(m.frame()));
            free(m.frame());
            t.received.add(new Received(m.id(), m.sender(), p.label, data, m.notification(), m.subject(), rights, regions));
            event("msg " + m.id() + ": " + t.name + " receives from port " + p.label
                    + (m.kernel() ? ": " + m.notification().word() + " notification for " + m.subject() : ": " + MachText.quote(data))
                    + (rights.isEmpty() ? "" : ", rights " + String.join(" ", rights))
                    + (regions.isEmpty() ? "" : ", regions " + String.join(" ", regions)));
            if (m.destRight() == RightKind.SEND) {
                adjustSend(p, -1);
            }
        } catch (PersonalityException x) {
            throw shortage(x, "KERN_RESOURCE_SHORTAGE");
        }
        return "ok";
    }

    // ------------------------------------------------------------------ rights in and out of messages

    /** Refuses with {@code code} unless the name holds what disposition {@code d} takes. */
    private void checkDisposition(Task t, RightEntry e, Disposition d, String code) throws PersonalityException {
        if (e.portSet || e.deadUrefs > 0) {
            throw new PersonalityException(code, e.name + " of " + t.name + " is a " + e.type() + ", not a port right");
        }
        boolean ok = switch (d) {
            case MOVE_RECEIVE, MAKE_SEND, MAKE_SEND_ONCE -> e.receive;
            case MOVE_SEND, COPY_SEND -> e.sendUrefs > 0;
            case MOVE_SEND_ONCE -> e.sendOnce != 0;
        };
        if (!ok) {
            String needs = switch (d) {
                case MOVE_RECEIVE, MAKE_SEND, MAKE_SEND_ONCE -> "a receive right";
                case MOVE_SEND, COPY_SEND -> "a send right";
                case MOVE_SEND_ONCE -> "a send-once right";
            };
            throw new PersonalityException(code, d + " needs " + needs + "; " + e.name + " of " + t.name + " is a " + e.type() + " right");
        }
    }

    /** Takes a right out of {@code t}'s name {@code name} as disposition {@code d} says; returns what travels. */
    private CarriedRight copyin(Task t, String name, Disposition d, String code) throws PersonalityException {
        RightEntry e = t.names.get(name);
        if (e == null) {
            throw new PersonalityException(code, t.name + " has no name " + name + " any more");
        }
        checkDisposition(t, e, d, code);
        Port p = ports.get(e.target);
        switch (d) {
            case MOVE_RECEIVE -> {
                leaveSet(p);
                e.receive = false;
                p.receiver = null;
                if (e.empty()) {
                    removeEntry(t, e);
                } else {
                    mirror(t, e);
                }
                return new CarriedRight(RightKind.RECEIVE, p.label, 0, false);
            }
            case COPY_SEND -> {
                adjustSend(p, 1);
                return new CarriedRight(RightKind.SEND, p.label, 0, false);
            }
            case MAKE_SEND -> {
                p.mscount++;
                adjustSend(p, 1);
                return new CarriedRight(RightKind.SEND, p.label, 0, false);
            }
            case MOVE_SEND -> {
                // The last reference moves the space's right itself; with references left the space keeps its
                // right and the message carries a new one (Mach counts it then).
                e.sendUrefs--;
                if (e.sendUrefs > 0) {
                    adjustSend(p, 1);
                } else {
                    cancelDeadNameRequests(t, e);
                    if (e.empty()) {
                        removeEntry(t, e);
                    } else {
                        mirror(t, e);
                    }
                }
                return new CarriedRight(RightKind.SEND, p.label, 0, false);
            }
            case MOVE_SEND_ONCE -> {
                int so = e.sendOnce;
                cancelDeadNameRequests(t, e);
                removeEntry(t, e);
                return new CarriedRight(RightKind.SEND_ONCE, p.label, so, false);
            }
            case MAKE_SEND_ONCE -> {
                return new CarriedRight(RightKind.SEND_ONCE, p.label, makeSendOnce(p, t), false);
            }
        }
        throw new IllegalStateException();
    }

    /**
     * Puts a travelling right into {@code t}'s space; returns {@code name:type}, or DEAD for a right to a dead port.
     * {@code overflow}: a send right that would take its name past {@link #SEND_UREFS_MAX} is merged with the
     * count pegged (a received message, as ipc_kmsg_copyout asks) instead of refused (mach_port_insert_right).
     */
    private String copyout(Task t, CarriedRight c, boolean overflow) throws PersonalityException {
        Port q = ports.get(c.port());
        switch (c.kind()) {
            case RECEIVE -> {
                q.receiver = t.name;
                q.carrier = 0;
                rehome(q, t);
                RightEntry e = t.coalescing(q.label);
                if (e == null) {
                    e = newEntry(t, t.freshName(q.label), q.label);
                }
                e.receive = true;
                mirror(t, e);
                return e.name + ":receive";
            }
            case SEND -> {
                if (!q.alive) {
                    return "DEAD";
                }
                RightEntry e = t.coalescing(q.label);
                if (e != null && e.sendUrefs > 0) {
                    // GNU Mach ipc_right.c ipc_right_copyout: at urefs+1 == MACH_PORT_UREFS_MAX the right is refused,
                    // or with overflow allowed merged leaving the count pegged.
                    if (e.sendUrefs >= SEND_UREFS_MAX) {
                        if (!overflow) {
                            throw new PersonalityException("KERN_UREFS_OVERFLOW", e.name + " of " + t.name + " is at "
                                    + SEND_UREFS_MAX + " user references");
                        }
                        adjustSend(q, -1);
                        event(e.name + " of " + t.name + " stays pegged at " + SEND_UREFS_MAX + " user references");
                        return e.name + ":send";
                    }
                    e.sendUrefs++;
                    adjustSend(q, -1); // two send rights in one space are one right with more references
                } else {
                    if (e == null) {
                        e = newEntry(t, t.freshName(q.label), q.label);
                    }
                    e.sendUrefs = 1;
                    mirror(t, e);
                }
                return e.name + ":send";
            }
            case SEND_ONCE -> {
                if (!sendOnces.containsKey(c.sendOnce())) {
                    return "DEAD";
                }
                RightEntry e = newEntry(t, t.freshName(q.label), q.label);
                e.sendOnce = c.sendOnce();
                mirror(t, e);
                return e.name + ":send-once";
            }
            default -> throw new IllegalStateException(c.toString());
        }
    }

    /** Would carrying {@code q}'s receive right into {@code dest} put a port inside itself? */
    boolean wouldCycle(Port q, Port dest) {
        Port cur = dest;
        for (int hops = 0; hops <= ports.size(); hops++) {
            if (cur == q) {
                return true;
            }
            if (cur.receiver != null || !cur.alive || cur.carrier == 0) {
                return false;
            }
            MachMessage m = message(cur.carrier);
            if (m == null) {
                return false;
            }
            cur = ports.get(m.dest());
        }
        return true;
    }

    /** Moves a port's queue object to the activity of its new receiver: a new object, the old freed, slots rewritten. */
    private void rehome(Port q, Task t) throws PersonalityException {
        if (kernel().heap().get(q.queueObject).chargedTo() == t.activity) {
            return;
        }
        int fresh = allocate(CapType.MESSAGE_QUEUE, t.activity, q.label, "port");
        free(q.queueObject);
        q.queueObject = fresh;
        for (Task x : tasks.values()) {
            for (RightEntry e : x.names.values()) {
                if (e.target.equals(q.label) && !e.portSet && e.deadUrefs == 0) {
                    mirror(x, e);
                }
            }
        }
        event("port " + q.label + " is now charged to " + t.name);
    }

    // ------------------------------------------------------------------ send counts, send-once rights, notifications

    /** Changes a port's send-right count, logging it; the count reaching 0 fires an armed no-senders request. */
    private void adjustSend(Port p, int delta) throws PersonalityException {
        int from = p.srights;
        p.srights += delta;
        boolean armed = p.noSenders != null;
        sendLog.add(new SendTransition(p.label, from, p.srights, armed));
        if (armed && from > 0 && p.srights == 0) {
            NotificationRequest r = p.noSenders;
            p.noSenders = null;
            fire(r, NotificationKind.NO_SENDERS, p.label, List.of());
        }
    }

    private int makeSendOnce(Port p, Task maker) throws PersonalityException {
        int id = nextSo;
        int frame = allocate(CapType.FRAME, maker.activity, "send-once #" + id, "reply-page");
        nextSo++;
        sendOnces.put(id, new SendOnceRight(id, p.label, frame, maker.name));
        p.sorights++;
        return id;
    }

    /** Ends send-once right {@code id} ({@code used}, {@code notified} or {@code died}); returns it. */
    private SendOnceRight endSendOnce(int id, String how) {
        SendOnceRight so = sendOnces.remove(id);
        if (so == null) {
            throw new IllegalStateException("send-once #" + id + " is not live");
        }
        Port p = ports.get(so.port());
        if (p.alive) {
            p.sorights--;
        }
        soEnded.merge(id, how, (a, b) -> a + "+" + b);
        return so;
    }

    /** The kernel uses a request's send-once right to send notification {@code kind}; returns the message id. */
    private int fire(NotificationRequest r, NotificationKind kind, String subject, List<CarriedRight> rights)
            throws PersonalityException {
        SendOnceRight so = endSendOnce(r.sendOnce(), "used");
        return notify(so, kind, subject, rights);
    }

    /** A send-once right destroyed unused: the kernel sends a send-once notification to its port with it. */
    private void releaseUnused(int id) throws PersonalityException {
        if (!sendOnces.containsKey(id)) {
            return; // it died with its port
        }
        SendOnceRight so = endSendOnce(id, "notified");
        notify(so, NotificationKind.SEND_ONCE, so.port(), List.of());
    }

    private int notify(SendOnceRight so, NotificationKind kind, String subject, List<CarriedRight> rights) throws PersonalityException {
        Port n = ports.get(so.port());
        int id = nextMsg++;
        label(so.frame(), "msg " + id, "message");
        writeBytes(so.frame(), MachText.bytes(kind.word() + " " + subject));
        n.queue.add(new MachMessage(id, nextSeq++, n.label, RightKind.SEND_ONCE, null, "kernel", so.frame(), "", rights,
                List.of(), kind, subject));
        if (kind == NotificationKind.NO_SENDERS) {
            noSendersFired.add(subject);
        }
        event("msg " + id + ": notify " + kind.word() + " for " + subject + " to port " + n.label
                + (n.receiver != null ? " (of " + n.receiver + ")" : "")
                + (rights.isEmpty() ? "" : " carrying " + rights.get(0)));
        return id;
    }

    /** A name's send-once right is released unused (deallocate, mod-refs -1). */
    private void releaseSendOnceName(Task t, RightEntry e) throws PersonalityException {
        int so = e.sendOnce;
        cancelDeadNameRequests(t, e);
        removeEntry(t, e);
        event(t.name + " deallocates send-once right " + e.name);
        releaseUnused(so);
    }

    /** Sets a name's send references; the space's send right goes at 0 (the port's count drops). */
    private void setSendUrefs(Task t, RightEntry e, int n) throws PersonalityException {
        e.sendUrefs = n;
        if (n == 0) {
            cancelDeadNameRequests(t, e);
            if (e.empty()) {
                removeEntry(t, e);
            } else {
                mirror(t, e);
            }
            adjustSend(ports.get(e.target), -1);
        }
    }

    /** The task's dead-name requests for this name go with the right: their send-once rights are released. */
    private void cancelDeadNameRequests(Task t, RightEntry e) throws PersonalityException {
        Port p = ports.get(e.target);
        if (p == null || !p.alive) {
            return;
        }
        List<NotificationRequest> gone = new ArrayList<>();
        for (NotificationRequest r : p.deadName) {
            if (r.requester().equals(t.name) && r.name().equals(e.name)) {
                gone.add(r);
            }
        }
        for (NotificationRequest r : gone) {
            p.deadName.remove(r);
            // GNU Mach ipc_right_dealloc / ipc_right_destroy / ipc_right_delta (and copyin of the last reference):
            // the request's send-once right carries a port-deleted notification naming the name.
            event("the dead-name request of " + t.name + " for " + e.name + " goes with the right: port-deleted");
            fire(r, NotificationKind.PORT_DELETED, r.name(), List.of());
        }
    }

    // ------------------------------------------------------------------ destruction

    /** A receive right is destroyed: the port goes to its backup (port-destroyed request) or dies. */
    private void destroyReceive(Port p) throws PersonalityException {
        leaveSet(p);
        p.receiver = null;
        p.carrier = 0;
        NotificationRequest r = p.portDestroyed;
        if (r != null) {
            p.portDestroyed = null;
            if (sendOnces.containsKey(r.sendOnce())) {
                Port backup = ports.get(r.notifyPort());
                if (!wouldCycle(p, backup)) {
                    int id = fire(r, NotificationKind.PORT_DESTROYED, p.label, List.of(new CarriedRight(RightKind.RECEIVE, p.label, 0, false)));
                    p.carrier = id;
                    return;
                }
                event("the backup port of " + p.label + " travels inside it: no port-destroyed notification");
                releaseUnused(r.sendOnce());
            }
        }
        die(p);
    }

    /** The port dies: rights to it become dead names, its requests and queued messages are dealt with. */
    private void die(Port p) throws PersonalityException {
        p.alive = false;
        p.receiver = null;
        p.carrier = 0;
        event("port " + p.label + " dies");
        // Send-once rights to it die with it (their prepaid pages freed); names holding them become dead names.
        for (SendOnceRight so : new ArrayList<>(sendOnces.values())) {
            if (!so.port().equals(p.label)) {
                continue;
            }
            endSendOnce(so.id(), "died");
            free(so.frame());
            for (Task t : tasks.values()) {
                for (RightEntry e : t.names.values()) {
                    if (e.sendOnce == so.id()) {
                        e.sendOnce = 0;
                        e.deadUrefs = 1;
                    }
                }
            }
            for (Port x : ports.values()) {
                for (NotificationRequest r : x.requests()) {
                    if (r.sendOnce() == so.id()) {
                        dropRequest(x, r);
                        event("the " + r.kind().word() + " request for " + x.label + " is dropped: its notify port " + p.label + " died");
                    }
                }
            }
        }
        List<NotificationRequest> requests = p.requests();
        p.noSenders = null;
        p.portDestroyed = null;
        p.deadName.clear();
        // Send rights in name spaces become dead names, keeping their references.
        for (Task t : tasks.values()) {
            for (RightEntry e : t.names.values()) {
                if (e.target.equals(p.label) && e.sendUrefs > 0) {
                    e.deadUrefs += e.sendUrefs;
                    e.sendUrefs = 0;
                }
            }
        }
        for (NotificationRequest r : requests) {
            if (r.kind() == NotificationKind.DEAD_NAME) {
                fire(r, NotificationKind.DEAD_NAME, r.name(), List.of());
            } else {
                releaseUnused(r.sendOnce());
            }
        }
        p.srights = 0;
        p.sorights = 0;
        List<MachMessage> queued = new ArrayList<>(p.queue);
        p.queue.clear();
        for (MachMessage m : queued) {
            destroyMessage(m);
        }
        free(p.queueObject);
    }

    private void dropRequest(Port x, NotificationRequest r) {
        if (x.noSenders == r) {
            x.noSenders = null;
        }
        if (x.portDestroyed == r) {
            x.portDestroyed = null;
        }
        x.deadName.remove(r);
    }

    /** A queued message whose port died: its rights are released, its pages freed. */
    private void destroyMessage(MachMessage m) throws PersonalityException {
        event("msg " + m.id() + " destroyed (port " + m.dest() + " died)");
        for (CarriedRight c : m.rights()) {
            Port q = ports.get(c.port());
            switch (c.kind()) {
                case RECEIVE -> destroyReceive(q);
                case SEND -> {
                    if (q.alive) {
                        adjustSend(q, -1);
                    }
                }
                case SEND_ONCE -> releaseUnused(c.sendOnce());
                default -> {
                }
            }
        }
        for (OolPage o : m.ool()) {
            free(o.frame());
        }
        free(m.frame());
    }

    private void destroySet(Task t, RightEntry e) throws PersonalityException {
        PortSet s = sets.get(e.target);
        s.alive = false;
        for (String member : s.members) {
            ports.get(member).set = null;
        }
        s.members.clear();
        removeEntry(t, e);
        free(s.queueObject);
        event("port set " + s.label + " destroyed");
    }

    private void leaveSet(Port p) {
        if (p.set != null) {
            sets.get(p.set).members.remove(p.label);
            event(p.label + " leaves port set " + p.set);
            p.set = null;
        }
    }

    // ------------------------------------------------------------------ name space helpers

    private Task task(String name, String code) throws PersonalityException {
        Task t = tasks.get(name);
        if (t == null) {
            throw new PersonalityException(code, "no task " + name);
        }
        return t;
    }

    private static RightEntry entry(Task t, String name, String code) throws PersonalityException {
        RightEntry e = t.names.get(name);
        if (e == null) {
            throw new PersonalityException(code, t.name + " has no name " + name);
        }
        return e;
    }

    private void labelFree(Task t, String label) throws PersonalityException {
        if (ports.containsKey(label) || sets.containsKey(label)) {
            throw new PersonalityException("KERN_NAME_EXISTS", "a port or port set is already called " + label);
        }
        if (t.names.containsKey(label)) {
            throw new PersonalityException("KERN_NAME_EXISTS", t.name + " already has a name " + label);
        }
    }

    private static void checkLimit(int limit) throws PersonalityException {
        if (limit < 0 || limit > Port.MAX_LIMIT) {
            throw new PersonalityException("KERN_INVALID_VALUE", "a queue limit is 0.." + Port.MAX_LIMIT + ", not " + limit);
        }
    }

    private static void checkPage(String data) throws PersonalityException {
        if (data.length() > MAX_INLINE) {
            throw new PersonalityException("KERN_INVALID_ARGUMENT", data.length() + " bytes do not fit in a page");
        }
    }

    private static int freeSlot(Task t) throws PersonalityException {
        int s = t.freeSlot();
        if (s < 0) {
            throw new PersonalityException("KERN_NO_SPACE", "the name space of " + t.name + " is full (" + CapPage.SLOTS + " names)");
        }
        return s;
    }

    private RightEntry newEntry(Task t, String name, String target) throws PersonalityException {
        RightEntry e = new RightEntry(name, target, freeSlot(t));
        t.names.put(name, e);
        return e;
    }

    private void removeEntry(Task t, RightEntry e) throws PersonalityException {
        t.names.remove(e.name);
        setSlot(t, e.slot, Capability.VOID);
    }

    /** Writes the name's slot: a capability to the port's (or set's) queue object, full for receive, else send-only. */
    private void mirror(Task t, RightEntry e) throws PersonalityException {
        Capability c;
        if (e.portSet) {
            c = boot().cap(sets.get(e.target).queueObject);
        } else if (e.deadUrefs > 0) {
            c = Capability.VOID;
        } else {
            Port p = ports.get(e.target);
            c = boot().cap(p.queueObject, e.receive ? Rights.FULL : SEND_ONLY, e.sendOnce);
        }
        setSlot(t, e.slot, c);
    }

    private void setSlot(Task t, int slot, Capability c) throws PersonalityException {
        try {
            boot().setSlot(t.space, slot, c);
        } catch (KernelException x) {
            throw refusal(x);
        }
    }

    private byte[] frameBytes(int frame) {
        return ((Frame) kernel().heap().get(frame)).data();
    }

    private int alloc(CapType type, int activity, String name, String role, String code) throws PersonalityException {
        try {
            return allocate(type, activity, name, role);
        } catch (PersonalityException e) {
            throw shortage(e, code);
        }
    }

    private interface Alloc {
        int run() throws PersonalityException;
    }

    private static int alloc(Alloc a, String code) throws PersonalityException {
        try {
            return a.run();
        } catch (PersonalityException e) {
            throw shortage(e, code);
        }
    }

    /** An exhausted quota as Mach's code for the operation; other refusals as they are. */
    private static PersonalityException shortage(PersonalityException e, String code) {
        return e.code().equals("ENOMEM") ? new PersonalityException(code, e.detail()) : e;
    }

    private String describeSend(MachMessage m) {
        StringBuilder b = new StringBuilder("msg ").append(m.id()).append(": ").append(m.sender()).append(" sends to port ")
                .append(m.dest()).append(" (").append(m.destDisposition()).append(")");
        if (!m.data().isEmpty()) {
            b.append(' ').append(MachText.quote(m.data()));
        }
        for (CarriedRight c : m.rights()) {
            b.append(c.reply() ? " reply " : " carrying ").append(c.port()).append(' ').append(c.kind().word());
        }
        for (OolPage o : m.ool()) {
            b.append(" ool ").append(o.region()).append(' ').append(o.mode().word());
        }
        return b.toString();
    }
}
