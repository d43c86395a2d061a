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
 *
 * <p>This class is the state and a thin front; the rules live one concern a file: {@link Tasks} (tasks,
 * regions), {@link Ports} (allocation, queue limit, port sets), {@link NameSpace} (names, slots, user
 * references), {@link RightCopy} (copy-in and copy-out of rights), {@link MachMsg} (mach_msg send and receive),
 * {@link SendOnceRights} (made, ended exactly once), {@link Notifications} (requests, send counts, no-senders,
 * port-deleted) and {@link PortDestruction} (dead ports, dead names, destroyed messages and port sets).
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
    static final Rights SEND_ONLY = Rights.of(false, true);

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
        return Tasks.createTask(this, name, quota);
    }

    /** mach_port_allocate(RECEIVE): a new port whose receive right {@code task} holds under the name {@code label}. */
    public String allocatePort(String task, String label, int limit) throws PersonalityException {
        return Ports.allocatePort(this, task, label, limit);
    }

    /** mach_port_allocate(PORT_SET). */
    public String allocatePortSet(String task, String label) throws PersonalityException {
        return Ports.allocatePortSet(this, task, label);
    }

    /** An out-of-line region: one frame charged to the task, holding {@code data}. */
    public String region(String task, String region, String data) throws PersonalityException {
        return Tasks.region(this, task, region, data);
    }

    public String write(String task, String region, String data) throws PersonalityException {
        return Tasks.write(this, task, region, data);
    }

    public String freeRegion(String task, String region) throws PersonalityException {
        return Tasks.freeRegion(this, task, region);
    }

    // ------------------------------------------------------------------ operations: name space

    /** mach_port_set_attributes(QLIMIT). */
    public String setLimit(String task, String name, int limit) throws PersonalityException {
        return Ports.setLimit(this, task, name, limit);
    }

    /** mach_port_move_member: puts a receive right into a port set ({@code set} null: takes it out of its set). */
    public String moveMember(String task, String name, String set) throws PersonalityException {
        return Ports.moveMember(this, task, name, set);
    }

    /**
     * mach_port_insert_right: takes a right from {@code task}'s name {@code name} with disposition {@code d}
     * and puts it into the name space of {@code into} (null: the task's own), as a message would.
     */
    public String insertRight(String task, String name, Disposition d, String into) throws PersonalityException {
        return NameSpace.insertRight(this, task, name, d, into);
    }

    /** mach_port_deallocate: one user reference of a send, send-once or dead-name right. */
    public String deallocate(String task, String name) throws PersonalityException {
        return NameSpace.deallocate(this, task, name);
    }

    /** mach_port_destroy: every right under the name. */
    public String destroy(String task, String name) throws PersonalityException {
        return PortDestruction.destroy(this, task, name);
    }

    /** mach_port_mod_refs. */
    public String modRefs(String task, String name, RightKind right, int delta) throws PersonalityException {
        return NameSpace.modRefs(this, task, name, right, delta);
    }

    /**
     * mach_port_request_notification: when {@code kind} happens to the port {@code name} denotes, the kernel
     * sends a notification to {@code notify} (a receive right of the task) through a send-once right it makes
     * now, whose page the task pays for now. A new request replaces the old one, whose right is released.
     */
    public String requestNotification(String task, NotificationKind kind, String name, String notify) throws PersonalityException {
        return Notifications.requestNotification(this, task, kind, name, notify);
    }

    /**
     * The same with a no-senders {@code sync} count (null: none given). GNU Mach ipc_port.c ipc_port_nsrequest:
     * when the port has no send rights and {@code sync <= ip_mscount} the notification is sent at once. Without a
     * count the model waits for the next time the send-right count falls to 0 (a decision, personality-mach.md).
     */
    public String requestNotification(String task, NotificationKind kind, String name, String notify, Integer sync)
            throws PersonalityException {
        return Notifications.requestNotification(this, task, kind, name, notify, sync);
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
        return MachMsg.send(this, task, dest, destDisposition, data, reply, body, ool);
    }

    /** mach_msg(RECEIVE) with a zero timeout, on a receive right or a port set. */
    public String receive(String task, String name) throws PersonalityException {
        return MachMsg.receive(this, task, name);
    }
}
