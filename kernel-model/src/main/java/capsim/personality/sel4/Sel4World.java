package capsim.personality.sel4;

import capsim.kernel.CapPage;
import capsim.kernel.CapType;
import capsim.kernel.Capability;
import capsim.kernel.KernelException;
import capsim.kernel.KernelThread;
import capsim.kernel.Rights;
import capsim.personality.History;
import capsim.personality.PersonalityException;
import capsim.personality.World;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The seL4 world (non-MCS kernel): named objects, the capabilities in CNode and TCB slots, and the capability
 * derivation tree (CDT) as explicit parent links with each slot's "original" flag, as the abstract specification
 * keeps it (the executable specification's MDB list encodes the same tree). Every object is carried by a kernel
 * object (a CNode by a capability page mirroring its first 256 slots, a TCB by a thread, an endpoint or
 * notification by a queue, the rest by frames) so diagrams draw it and the core invariants apply.
 *
 * <p>Construction and reading API (used by scenarios' declarations and by the capDL importer/exporter):
 * <ul>
 *   <li>{@link #create(String, ObjectType, int)}, {@link #createPassive(String, String, int, boolean)}: an object by
 *       name, type and size bits (untyped and frame size, CNode radix);</li>
 *   <li>{@link #putCap(Slot, Cap)}: a capability (target name, rights, badge, guard, guard size) into an empty
 *       CNode slot or TCB slot ({@link Tcb#CTABLE} ...), as a root of the CDT;</li>
 *   <li>{@link #cover(String, String)}: an object lies inside an untyped; {@link #setParent(Slot, Slot)}: a CDT
 *       edge; {@link #setFaultEp}, {@link #setBase}, {@link #setAttribute}, {@link #bindNotification}: the rest of
 *       what capDL says of objects;</li>
 *   <li>{@link #objects()}, {@link #caps()}, {@link #cdt()}, {@link #original(Slot)}: everything, in a stable
 *       order (objects by name, slots by holder name then index).</li>
 * </ul>
 * Every operation checks what it can before it changes anything; a refusal throws a
 * {@link PersonalityException} with seL4's error name (and the session restores the world).
 */
public final class Sel4World extends World<Sel4World> {
    /** seL4_WordBits: CPtrs are resolved through this many bits. */
    public static final int WORD_BITS = 64;
    /** seL4_MsgMaxLength: message words. */
    public static final int MSG_MAX_LENGTH = 120;
    /** seL4_MsgMaxExtraCaps. */
    public static final int MAX_EXTRA_CAPS = 3;
    /** Message registers (x86_64 and AArch64): words that travel when a side has no IPC buffer. */
    public static final int MSG_REGISTERS = 4;
    /** Objects one retype makes at most (the CNode window of seL4_Untyped_Retype). */
    public static final int MAX_RETYPE = 256;

    private final TreeMap<String, Sel4Object> objects;
    private final TreeMap<Slot, Slot> parent;
    private final TreeSet<Slot> original;
    private final TreeMap<String, Integer> carrier;
    private final TreeSet<String> dirty;
    /** Reply capabilities consumed, as "caller#serial", in order (the reply-once invariant reads it). */
    private final History<String> usedReplies;
    private final TreeMap<String, Integer> callSerial;
    private long nextRootBase;
    private int nextAuto;

    /** An empty world. */
    public Sel4World() {
        objects = new TreeMap<>();
        parent = new TreeMap<>();
        original = new TreeSet<>();
        carrier = new TreeMap<>();
        dirty = new TreeSet<>();
        usedReplies = new History<>();
        callSerial = new TreeMap<>();
        nextRootBase = 1L << 32;
        nextAuto = 1;
    }

    private Sel4World(Sel4World o) {
        super(o);
        objects = new TreeMap<>();
        o.objects.forEach((k, v) -> objects.put(k, v.copy()));
        parent = new TreeMap<>(o.parent);
        original = new TreeSet<>(o.original);
        carrier = new TreeMap<>(o.carrier);
        dirty = new TreeSet<>(o.dirty);
        usedReplies = new History<>(o.usedReplies);
        callSerial = new TreeMap<>(o.callSerial);
        nextRootBase = o.nextRootBase;
        nextAuto = o.nextAuto;
    }

    @Override
    public Sel4World copy() {
        return new Sel4World(this);
    }

    @Override
    protected int copiedState() {
        return objects.size() + parent.size() + original.size() + carrier.size() + dirty.size() + callSerial.size();
    }

    // ================================================================== reading

    /** Every object, by name. */
    public SortedMap<String, Sel4Object> objects() {
        return Collections.unmodifiableSortedMap(objects);
    }

    /** The object {@code name}, or null. */
    public Sel4Object object(String name) {
        return objects.get(name);
    }

    /** Every capability in every CNode and TCB slot, by slot. */
    public SortedMap<Slot, Cap> caps() {
        TreeMap<Slot, Cap> out = new TreeMap<>();
        for (Sel4Object o : objects.values()) {
            if (o instanceof CNode c) {
                c.slots.forEach((i, cap) -> out.put(new Slot(c.name(), i), cap));
            } else if (o instanceof Tcb t) {
                for (int i = 0; i < Tcb.SLOTS; i++) {
                    if (t.slots[i] != null) {
                        out.put(new Slot(t.name(), i), t.slots[i]);
                    }
                }
            }
        }
        return out;
    }

    /** The capability in {@code s}, or null (also when the holder does not exist). */
    public Cap cap(Slot s) {
        Sel4Object h = objects.get(s.holder());
        if (h instanceof CNode c) {
            return c.slots.get(s.index());
        }
        if (h instanceof Tcb t && s.index() < Tcb.SLOTS) {
            return t.slots[(int) s.index()];
        }
        return null;
    }

    /** The CDT: child slot → parent slot. */
    public SortedMap<Slot, Slot> cdt() {
        return Collections.unmodifiableSortedMap(parent);
    }

    /** The CDT parent of {@code s}, or null. */
    public Slot parent(Slot s) {
        return parent.get(s);
    }

    /** The CDT children of {@code s}, in slot order. */
    public List<Slot> children(Slot s) {
        List<Slot> out = new ArrayList<>();
        parent.forEach((c, p) -> {
            if (p.equals(s)) {
                out.add(c);
            }
        });
        return out;
    }

    /** Every CDT descendant of {@code s}, depth first in slot order. */
    public List<Slot> descendants(Slot s) {
        List<Slot> out = new ArrayList<>();
        for (Slot c : children(s)) {
            out.add(c);
            out.addAll(descendants(c));
        }
        return out;
    }

    /** Whether the capability in {@code s} is an original (seL4's revocable flag, mdbRevocable). */
    public boolean original(Slot s) {
        return original.contains(s);
    }

    /** Every reply capability consumed so far, as "caller#n" (the n-th call the caller made). */
    public List<String> usedReplies() {
        return Collections.unmodifiableList(usedReplies);
    }

    /** How many calls (and fault messages) {@code tcb} has made. */
    public int calls(String tcb) {
        return callSerial.getOrDefault(tcb, 0);
    }

    /** The kernel object that carries {@code name}, or null. */
    public Integer carrier(String name) {
        return carrier.get(name);
    }

    public Tcb tcb(String name) {
        return objects.get(name) instanceof Tcb t ? t : null;
    }

    // ================================================================== construction (declarations, capDL)

    /**
     * Creates the object {@code name} of {@code type}, outside any untyped (an untyped gets the next free
     * physical range of its size). {@code sizeBits}: untyped size, CNode radix, frame size; ignored for fixed-size
     * types. A TCB made here runs (as capDL's loader starts its threads) and has its master reply capability.
     */
    public void create(String name, ObjectType type, int sizeBits) throws PersonalityException {
        checkNewName(name);
        if (type == ObjectType.PAGING || type == ObjectType.OTHER) {
            throw new PersonalityException("InvalidArgument", "a " + type.word() + " object is made with createPassive");
        }
        checkSize(type, sizeBits);
        Sel4Object o = make(name, type, sizeBits);
        if (type == ObjectType.UNTYPED) {
            long size = 1L << sizeBits;
            nextRootBase = (nextRootBase + size - 1) & -size;
            o.base = nextRootBase;
            nextRootBase += size;
        }
        add(o);
        if (o instanceof Tcb t) {
            t.state = ThreadState.RUNNING;
        }
    }

    /** Creates a passive object capsim keeps but does not simulate: a paging structure or another kind (capDL word). */
    public void createPassive(String name, String kind, int sizeBits, boolean paging) throws PersonalityException {
        checkNewName(name);
        if (sizeBits < 0 || sizeBits > 63 || kind == null || kind.isEmpty()) {
            throw new PersonalityException("InvalidArgument", "a passive object has a kind and 0..63 size bits");
        }
        add(paging ? new PagingStructure(name, kind, sizeBits) : new OtherObject(name, kind, sizeBits));
    }

    /** Sets the physical address of {@code name} (capDL's paddr); it must be aligned to the object's size. */
    public void setBase(String name, long paddr) throws PersonalityException {
        Sel4Object o = need(name);
        if ((paddr & ((1L << o.objectBits()) - 1)) != 0) {
            throw new PersonalityException("AlignmentError", Long.toHexString(paddr) + " is not aligned to 2^" + o.objectBits());
        }
        o.base = paddr;
    }

    /** Keeps a capDL attribute of {@code name} that capsim does not simulate. */
    public void setAttribute(String name, String key, String value) throws PersonalityException {
        need(name).attributes.put(key, value);
    }

    /** Sets a TCB's fault handler CPtr. */
    public void setFaultEp(String tcb, long cptr) throws PersonalityException {
        needTcb(tcb).faultEp = cptr;
    }

    /** Binds the notification to the TCB (both unbound). */
    public void bindNotification(String tcb, String ntfn) throws PersonalityException {
        Tcb t = needTcb(tcb);
        Notification n = needOf(ntfn, Notification.class, "notification");
        if (t.boundNotification != null || n.boundTcb != null) {
            throw new PersonalityException("IllegalOperation", tcb + " or " + ntfn + " is already bound");
        }
        t.boundNotification = ntfn;
        n.boundTcb = tcb;
        event(tcb + " bound to notification " + ntfn);
    }

    /**
     * Places {@code object} inside {@code untyped} at the untyped's free index (aligned to the object's size) and
     * advances the free index, as a retype would have (capDL's untyped covers).
     */
    public void cover(String untyped, String object) throws PersonalityException {
        Untyped u = needOf(untyped, Untyped.class, "untyped");
        Sel4Object o = need(object);
        if (o.untyped != null) {
            throw new PersonalityException("InvalidArgument", object + " is already inside " + o.untyped);
        }
        if (o == u) {
            throw new PersonalityException("InvalidArgument", untyped + " cannot cover itself");
        }
        long aligned = alignUp(u.freeIndex, o.objectBits());
        if (o.objectBits() > u.sizeBits() || aligned + (1L << o.objectBits()) > u.size()) {
            throw new PersonalityException("NotEnoughMemory", object + " (2^" + o.objectBits() + " bytes) does not fit in "
                    + untyped + " from " + u.freeIndex);
        }
        o.base = u.base + aligned;
        o.untyped = untyped;
        u.children.add(object);
        u.freeIndex = aligned + (1L << o.objectBits());
    }

    /**
     * Puts {@code cap} into the empty slot {@code s} (a CNode slot below 2^radix, or a TCB slot 0..4) as a root of
     * the CDT and an original capability. The object it names must exist and be of the capability's kind.
     */
    public void putCap(Slot s, Cap cap) throws PersonalityException {
        checkSlot(s);
        if (cap(s) != null) {
            throw new PersonalityException("DeleteFirst", s + " already holds " + cap(s));
        }
        checkTarget(cap);
        set(s, cap);
        original.add(s);
        event("cap " + s + " = " + cap.text());
    }

    /** Records that {@code child}'s capability was derived from {@code parentSlot}'s (a capDL cdt entry). */
    public void setParent(Slot child, Slot parentSlot) throws PersonalityException {
        if (cap(child) == null || cap(parentSlot) == null) {
            throw new PersonalityException("FailedLookup", "a CDT edge joins two slots that hold capabilities");
        }
        for (Slot p = parentSlot; p != null; p = parent.get(p)) {
            if (p.equals(child)) {
                throw new PersonalityException("InvalidArgument", "the CDT edge " + child + " -> " + parentSlot + " makes a cycle");
            }
        }
        parent.put(child, parentSlot);
        if (cap(child).kind() != CapKind.UNTYPED && cap(child).badge() == cap(parentSlot).badge()) {
            original.remove(child);
        }
    }

    // ================================================================== thread system calls

    /**
     * A blocking or non-blocking Send, or a Call, of {@code msg} by {@code thread} through {@code cptr}; a call's
     * {@code into} is the receive slot (CPtr, or -1) for capabilities in the reply.
     */
    String send(String thread, long cptr, Message msg, boolean blocking, boolean call, long into) throws PersonalityException {
        Tcb t = caller(thread);
        if (call) {
            t.receiveSlot = into;
        }
        Lookup l = lookupCap(t, cptr);
        if (l.fault != null) {
            return capFault(t, cptr, l.fault);
        }
        Cap c = l.cap;
        if (c.kind() == CapKind.NOTIFICATION) {
            // Send on a notification capability is a signal (decodeInvocation of a NotificationCap)
            if (!c.rights().write()) {
                throw new PersonalityException("InvalidCapability", "cptr " + cptr + " is a notification capability without W");
            }
            signal(ntfn(c), c.badge(), thread);
            return "ok";
        }
        if (c.kind() != CapKind.ENDPOINT) {
            throw new PersonalityException("IllegalOperation", "cptr " + cptr + " is a " + c.kind().word()
                    + " capability: it takes no " + (call ? "call" : "send") + " of a plain message");
        }
        if (!c.rights().write()) {
            throw new PersonalityException("InvalidCapability", "cptr " + cptr + " is an endpoint capability without W");
        }
        t.state = ThreadState.RUNNING;
        t.pending = msg;
        sendIPC(t, ep(c), blocking, call, c.badge(), c.rights().grant(), c.rights().grantReply());
        done();
        return "ok";
    }

    /** Recv (blocking) or NBRecv on an endpoint, Wait or Poll on a notification; {@code into}: receive slot CPtr or -1. */
    String recv(String thread, long cptr, boolean blocking, long into) throws PersonalityException {
        Tcb t = caller(thread);
        t.state = ThreadState.RUNNING;
        t.receiveSlot = into;
        return handleRecv(t, cptr, blocking);
    }

    /** Reply with {@code msg} through the caller slot. */
    String reply(String thread, Message msg) throws PersonalityException {
        Tcb t = caller(thread);
        t.state = ThreadState.RUNNING;
        t.pending = msg;
        handleReply(t);
        done();
        return "ok";
    }

    /** ReplyRecv: the reply, then a receive on {@code cptr} (handleReply, then handleRecv). */
    String replyRecv(String thread, long cptr, Message msg, long into) throws PersonalityException {
        Tcb t = caller(thread);
        t.state = ThreadState.RUNNING;
        t.pending = msg;
        t.receiveSlot = into;
        handleReply(t);
        return handleRecv(t, cptr, true);
    }

    /** The thread raises a fault of {@code kind} (vm, cap, unknown-syscall, user): handleFault. */
    String fault(String thread, String kind) throws PersonalityException {
        Tcb t = caller(thread);
        if (faultLabel(kind) < 0) {
            throw new PersonalityException("InvalidArgument", "no fault kind " + kind);
        }
        handleFault(t, kind);
        done();
        return "ok";
    }

    private String handleRecv(Tcb t, long cptr, boolean blocking) throws PersonalityException {
        Lookup l = lookupCap(t, cptr);
        if (l.fault != null) {
            return capFault(t, cptr, l.fault);
        }
        Cap c = l.cap;
        if (c.kind() == CapKind.ENDPOINT && c.rights().read()) {
            deleteCallerCap(t); // non-MCS handleRecv: the reply capability of an unanswered call goes
            receiveIPC(t, ep(c), c.rights().grant(), blocking);
        } else if (c.kind() == CapKind.NOTIFICATION && c.rights().read()) {
            Notification n = ntfn(c);
            if (n.boundTcb != null && !n.boundTcb.equals(t.name())) {
                return capFault(t, cptr, "notification " + n.name() + " is bound to " + n.boundTcb);
            }
            receiveSignal(t, n, blocking);
        } else {
            return capFault(t, cptr, "a " + c.kind().word() + " capability" + (c.hasRights() ? " with " + c.rights() : "")
                    + " cannot be received on");
        }
        done();
        return "ok";
    }

    // ------------------------------------------------------------------ endpoints (Endpoint.lhs, non-MCS)

    /** sendIPC: rendezvous with the first receiver, or wait (blocking), or drop the message (non-blocking). */
    private void sendIPC(Tcb t, Endpoint ep, boolean blocking, boolean call, long badge, boolean canGrant,
                         boolean canGrantReply) throws PersonalityException {
        if (ep.state != Endpoint.State.RECV) {
            if (!blocking) {
                event(t.name() + " NBSend on " + ep.name() + ": nobody waits, the message is dropped");
                return;
            }
            t.state = new ThreadState.BlockedOnSend(ep.name(), badge, canGrant, canGrantReply, call);
            ep.state = Endpoint.State.SEND;
            ep.queue.add(t.name());
            event(t.name() + (call ? " calls " : " sends on ") + ep.name() + " (badge " + badge + "): waits in its send queue");
            return;
        }
        Tcb dest = tcb(ep.queue.get(0));
        ep.dequeue(dest.name());
        boolean destCanGrant = dest.state instanceof ThreadState.BlockedOnReceive r && r.canGrant();
        event(t.name() + (call ? " calls " : " sends on ") + ep.name() + " (badge " + badge + "): " + dest.name()
                + " was waiting");
        doIPCTransfer(t, ep.name(), badge, canGrant, dest);
        dest.state = ThreadState.RUNNING;
        if (call || t.fault != null) {
            if (canGrant || canGrantReply) {
                setupCallerCap(t, dest, destCanGrant);
            } else {
                t.state = ThreadState.INACTIVE;
                event(t.name() + " called without Grant or GrantReply: no reply capability, " + t.name() + " is inactive");
            }
        }
    }

    /** receiveIPC: a pending signal on the bound notification first, else the first sender, else wait. */
    private void receiveIPC(Tcb t, Endpoint ep, boolean canGrant, boolean blocking) throws PersonalityException {
        Notification bound = t.boundNotification == null ? null : (Notification) objects.get(t.boundNotification);
        if (bound != null && bound.state == Notification.State.ACTIVE) {
            completeSignal(bound, t);
            return;
        }
        if (ep.state != Endpoint.State.SEND) {
            if (!blocking) {
                t.received = Received.nothing(ep.name());
                event(t.name() + " NBRecv on " + ep.name() + ": nobody sends");
                return;
            }
            t.state = new ThreadState.BlockedOnReceive(ep.name(), canGrant);
            ep.state = Endpoint.State.RECV;
            ep.queue.add(t.name());
            event(t.name() + " receives on " + ep.name() + ": waits in its receive queue");
            return;
        }
        Tcb sender = tcb(ep.queue.get(0));
        ep.dequeue(sender.name());
        ThreadState.BlockedOnSend s = (ThreadState.BlockedOnSend) sender.state;
        event(t.name() + " receives on " + ep.name() + ": takes " + sender.name() + "'s " + (s.isCall() ? "call" : "message"));
        doIPCTransfer(sender, ep.name(), s.badge(), s.canGrant(), t);
        if (s.isCall() || sender.fault != null) {
            if (s.canGrant() || s.canGrantReply()) {
                setupCallerCap(sender, t, canGrant);
            } else {
                sender.state = ThreadState.INACTIVE;
                event(sender.name() + " called without Grant or GrantReply: no reply capability, it is inactive");
            }
        } else {
            sender.state = ThreadState.RUNNING;
        }
    }

    /**
     * doIPCTransfer: a fault message (doFaultTransfer) or the sender's message (doNormalTransfer): words (only the
     * message registers when either side lacks an IPC buffer), the badge, and with grant the extra capabilities
     * (transferCaps).
     */
    private void doIPCTransfer(Tcb sender, String ep, long badge, boolean grant, Tcb receiver) throws PersonalityException {
        if (sender.fault != null) {
            receiver.received = new Received(sender.name(), badge, faultLabel(sender.fault), List.of(), 0, List.of(),
                    sender.fault);
            event(receiver.name() + " got " + sender.name() + "'s " + sender.fault + " fault (badge " + badge + ")");
            return;
        }
        Message m = sender.pending == null ? Message.EMPTY : sender.pending;
        boolean buffers = sender.slots[(int) Tcb.IPC_BUFFER] != null && receiver.slots[(int) Tcb.IPC_BUFFER] != null;
        List<Long> words = m.words();
        if (!buffers && words.size() > MSG_REGISTERS) {
            words = words.subList(0, MSG_REGISTERS);
            event("only " + MSG_REGISTERS + " message registers travel: " + (sender.slots[(int) Tcb.IPC_BUFFER] == null
                    ? sender.name() : receiver.name()) + " has no IPC buffer");
        }
        int moved = 0;
        List<Long> unwrapped = new ArrayList<>();
        if (grant && !m.caps().isEmpty()) {
            if (sender.slots[(int) Tcb.IPC_BUFFER] == null) {
                event("no capability travels: " + sender.name() + " has no IPC buffer to name them");
            } else {
                int[] counts = transferCaps(sender, m.caps(), ep, receiver, unwrapped);
                moved = counts[0];
            }
        } else if (!m.caps().isEmpty()) {
            event("no capability travels: the capability sent through has no Grant right");
        }
        receiver.received = new Received(sender.name(), badge, m.label(), words, moved, unwrapped, null);
        event(receiver.name() + " got " + words.size() + " words label " + m.label() + " badge " + badge
                + (moved > 0 ? ", " + moved + " capabilities" : "") + (unwrapped.isEmpty() ? "" : ", unwrapped badges " + unwrapped));
    }

    /**
     * transferCaps: each extra capability is looked up in the sender's CSpace (a failed lookup sends none:
     * lookupExtraCaps); a capability to the very endpoint the message travels through is unwrapped (the receiver
     * gets its badge, not a capability); the others are derived (deriveCap) into the one receive slot, as CDT
     * children of the sender's slot. Returns {inserted}.
     */
    private int[] transferCaps(Tcb sender, List<Long> cptrs, String ep, Tcb receiver, List<Long> unwrapped)
            throws PersonalityException {
        List<Slot> srcSlots = new ArrayList<>();
        for (long cp : cptrs) {
            Resolved r = resolveForThread(sender, cp);
            if (r.fault != null || cap(r.slot) == null) {
                event("no capability travels: " + sender.name() + "'s extra cptr " + cp + " does not look up");
                return new int[] {0};
            }
            srcSlots.add(r.slot);
        }
        Slot dest = receiveSlot(receiver);
        int inserted = 0;
        for (Slot src : srcSlots) {
            Cap c = cap(src);
            if (c == null) {
                break;
            }
            if (ep != null && c.kind() == CapKind.ENDPOINT && c.object().equals(ep)) {
                unwrapped.add(c.badge());
                event("the capability to " + ep + " (badge " + c.badge() + ") is unwrapped: " + receiver.name()
                        + " gets its badge");
                continue;
            }
            if (dest == null) {
                event("no receive slot left in " + receiver.name() + "'s IPC buffer: the rest stay behind");
                break;
            }
            Cap derived = deriveCapOrNull(src, c);
            if (derived == null) {
                event(c.text() + " cannot be derived: it stays behind");
                break;
            }
            cteInsert(derived, src, dest);
            event(receiver.name() + " got " + derived.text() + " in " + dest + " (derived from " + src + ")");
            inserted++;
            dest = null;
        }
        return new int[] {inserted};
    }

    /** The receive slot the receiver's IPC buffer names, if it has a buffer and the slot looks up empty (getReceiveSlots). */
    private Slot receiveSlot(Tcb r) {
        if (r.slots[(int) Tcb.IPC_BUFFER] == null || r.receiveSlot < 0) {
            return null;
        }
        Resolved res = resolveForThread(r, r.receiveSlot);
        if (res.fault != null || res.bitsLeft != 0 || cap(res.slot) != null) {
            return null;
        }
        return res.slot;
    }

    /** setupCallerCap: the sender waits for a reply; the receiver's caller slot holds a reply cap, child of the master. */
    private void setupCallerCap(Tcb sender, Tcb receiver, boolean canGrant) throws PersonalityException {
        sender.state = ThreadState.BLOCKED_ON_REPLY;
        callSerial.merge(sender.name(), 1, Integer::sum);
        Slot master = new Slot(sender.name(), Tcb.REPLY);
        if (cap(master) == null) {
            set(master, new Cap(CapKind.MASTER_REPLY, sender.name(), CapRights.ALL, 0, 0, 0, null));
            original.add(master);
        }
        Slot callerSlot = new Slot(receiver.name(), Tcb.CALLER);
        if (cap(callerSlot) != null) {
            cteDelete(callerSlot);
        }
        set(callerSlot, new Cap(CapKind.REPLY, sender.name(), new CapRights(false, false, canGrant, false), 0, 0, 0, null));
        parent.put(callerSlot, master);
        event(receiver.name() + " holds a reply capability to " + sender.name() + (canGrant ? " (with grant)" : ""));
    }

    /** handleReply (non-MCS): through the caller slot's reply capability, if any; it is used up. */
    private void handleReply(Tcb t) throws PersonalityException {
        Slot callerSlot = new Slot(t.name(), Tcb.CALLER);
        Cap rc = cap(callerSlot);
        if (rc == null) {
            event(t.name() + " replies, but holds no reply capability: nothing happens");
            return;
        }
        Tcb c = tcb(rc.object());
        usedReplies.add(c.name() + "#" + calls(c.name()));
        if (c.fault == null) {
            doIPCTransfer(t, null, 0, rc.rights().grant(), c);
            cteDeleteOne(callerSlot);
            c.state = ThreadState.RUNNING;
            event(t.name() + " replied to " + c.name() + "; the reply capability is used up");
        } else {
            String f = c.fault;
            long label = t.pending == null ? 0 : t.pending.label();
            cteDeleteOne(callerSlot);
            boolean restart = handleFaultReply(f, label);
            c.fault = null;
            c.state = restart ? ThreadState.RESTART : ThreadState.INACTIVE;
            event(t.name() + " answered " + c.name() + "'s " + f + " fault: " + c.name() + (restart ? " restarts" : " stays inactive"));
        }
    }

    /** handleFaultReply: VM and capability faults always restart; the others when the reply's label is 0. */
    private static boolean handleFaultReply(String fault, long label) {
        return fault.equals("vm") || fault.equals("cap") || label == 0;
    }

    /** The fault's message label (seL4_Fault_CapFault 1, UnknownSyscall 2, UserException 3, VMFault 5), or -1. */
    static long faultLabel(String kind) {
        return switch (kind) {
            case "cap" -> 1;
            case "unknown-syscall" -> 2;
            case "user" -> 3;
            case "vm" -> 5;
            default -> -1;
        };
    }

    /** A capability lookup of the invoked CPtr failed: the thread takes a cap fault (handleFault). */
    private String capFault(Tcb t, long cptr, String why) throws PersonalityException {
        event(t.name() + ": cptr " + cptr + " " + why + ": cap fault");
        handleFault(t, "cap");
        done();
        return "CapFault";
    }

    /**
     * handleFault (non-MCS): the fault goes as a Call through the fault handler CPtr, looked up in the faulting
     * thread's CSpace; it must be an endpoint capability with W and Grant or GrantReply, else the thread is left
     * inactive (handleDoubleFault).
     */
    private void handleFault(Tcb t, String kind) throws PersonalityException {
        t.fault = kind;
        Lookup l = lookupCap(t, t.faultEp);
        Cap c = l.cap;
        if (l.fault != null || c.kind() != CapKind.ENDPOINT || !c.rights().write()
                || !(c.rights().grant() || c.rights().grantReply())) {
            t.fault = null;
            t.state = ThreadState.INACTIVE;
            cancelIPC(t);
            event(t.name() + " has no usable fault handler (cptr " + t.faultEp + "): it is left inactive");
            return;
        }
        cancelIPC(t);
        event(t.name() + " faults (" + kind + "): the fault goes to " + c.object());
        sendIPC(t, ep(c), true, true, c.badge(), c.rights().grant(), c.rights().grantReply());
    }

    // ------------------------------------------------------------------ notifications (Notification.lhs)

    /** Signal with {@code badge} (sendSignal). */
    private void signal(Notification n, long badge, String by) throws PersonalityException {
        switch (n.state) {
            case IDLE -> {
                Tcb b = n.boundTcb == null ? null : tcb(n.boundTcb);
                if (b != null && b.state instanceof ThreadState.BlockedOnReceive) {
                    cancelIPC(b);
                    b.state = ThreadState.RUNNING;
                    b.received = new Received(n.name(), badge, 0, List.of(), 0, List.of(), null);
                    event(by + " signals " + n.name() + " (badge " + badge + "): wakes the bound " + b.name()
                            + " out of its endpoint receive");
                } else {
                    n.state = Notification.State.ACTIVE;
                    n.word = badge;
                    event(by + " signals " + n.name() + " (badge " + badge + "): now active, word " + n.word);
                }
            }
            case WAITING -> {
                Tcb w = tcb(n.queue.get(0));
                n.dequeue(w.name());
                w.state = ThreadState.RUNNING;
                w.received = new Received(n.name(), badge, 0, List.of(), 0, List.of(), null);
                event(by + " signals " + n.name() + " (badge " + badge + "): wakes " + w.name());
            }
            case ACTIVE -> {
                n.word |= badge;
                event(by + " signals " + n.name() + " (badge " + badge + "): word OR-ed to " + n.word);
            }
        }
        done();
    }

    /** receiveSignal: take an active word, or wait (Wait) or get badge 0 (Poll). */
    private void receiveSignal(Tcb t, Notification n, boolean blocking) {
        if (n.state == Notification.State.ACTIVE) {
            completeSignal(n, t);
            return;
        }
        if (!blocking) {
            t.received = Received.nothing(n.name());
            event(t.name() + " polls " + n.name() + ": nothing pending");
            return;
        }
        t.state = new ThreadState.BlockedOnNotification(n.name());
        n.state = Notification.State.WAITING;
        n.queue.add(t.name());
        event(t.name() + " waits on " + n.name());
    }

    private void completeSignal(Notification n, Tcb t) {
        t.received = new Received(n.name(), n.word, 0, List.of(), 0, List.of(), null);
        event(t.name() + " takes " + n.name() + "'s word " + n.word);
        n.word = 0;
        n.state = Notification.State.IDLE;
    }

    // ================================================================== CNode invocations (CNode.lhs)

    /** The five CNode operations that put a capability into a slot. */
    public enum CNodeOp { COPY, MINT, MOVE, MUTATE }

    /**
     * Copy, Mint, Move or Mutate from {@code src} to {@code dest}, both looked up through the CNode capability at
     * {@code service} (depth 64; the source through {@code srcRoot} when not null). {@code rights} masks (Copy, Mint); {@code badge} badges an endpoint or notification
     * capability (Mint, Mutate); {@code guard}/{@code guardSize} set a CNode capability's guard (Mint, Mutate).
     */
    String cnodeOp(String thread, CNodeOp op, long service, long dest, long src, Long srcRoot, CapRights rights, Long badge,
                   Long guard, Integer guardSize) throws PersonalityException {
        Tcb t = caller(thread);
        Lookup l = lookupCap(t, service);
        if (l.fault != null) {
            return capFault(t, service, l.fault);
        }
        Cap node = cnodeService(l.cap, service);
        Slot d = lookupForCNodeOp(node, dest, "destination");
        if (cap(d) != null) {
            throw new PersonalityException("DeleteFirst", "the destination " + d + " holds " + cap(d));
        }
        Cap srcNode = node;
        if (srcRoot != null) {
            Slot rs = lookupArg(t, srcRoot, "source root");
            srcNode = cap(rs);
            if (srcNode.kind() != CapKind.CNODE) {
                throw new PersonalityException("FailedLookup", "the source root cptr " + srcRoot + " is a "
                        + srcNode.kind().word() + " capability, not a CNode");
            }
        }
        Slot s = lookupForCNodeOp(srcNode, src, "source");
        Cap c = cap(s);
        if (c == null) {
            throw new PersonalityException("FailedLookup", "the source " + s + " is empty");
        }
        switch (op) {
            case COPY, MINT -> {
                Cap m = c.hasRights() ? c.withRights(c.rights().mask(rights)) : c;
                if (op == CNodeOp.MINT) {
                    m = updateCapData(m, badge, guard, guardSize, false);
                    if (m == null) {
                        throw new PersonalityException("IllegalOperation", "cannot mint " + c.text() + " with that badge or guard");
                    }
                }
                Cap derived = deriveCap(s, m);
                cteInsert(derived, s, d);
                event(thread + " " + op.name().toLowerCase(java.util.Locale.ROOT) + " " + s + " to " + d + ": " + derived.text());
            }
            case MOVE -> {
                cteMove(c, s, d);
                event(thread + " moved " + s + " to " + d);
            }
            case MUTATE -> {
                Cap m = updateCapData(c, badge, guard, guardSize, true);
                if (m == null) {
                    throw new PersonalityException("IllegalOperation", "cannot mutate " + c.text() + " with that badge or guard");
                }
                cteMove(m, s, d);
                event(thread + " mutated " + s + " to " + d + ": " + m.text());
            }
        }
        done();
        return "ok";
    }

    /** CNode Delete or Revoke of the slot {@code index} looked up through the CNode capability at {@code service}. */
    String deleteOrRevoke(String thread, long service, long index, boolean revoke) throws PersonalityException {
        Tcb t = caller(thread);
        Lookup l = lookupCap(t, service);
        if (l.fault != null) {
            return capFault(t, service, l.fault);
        }
        Slot s = lookupForCNodeOp(cnodeService(l.cap, service), index, "target");
        if (revoke) {
            List<Slot> d = descendants(s);
            cteRevoke(s);
            event(thread + " revoked " + s + ": " + d.size() + " derived capabilities deleted");
        } else {
            cteDelete(s);
            event(thread + " deleted " + s);
        }
        done();
        return "ok";
    }

    /**
     * CNode_CancelBadgedSends of the endpoint capability in slot {@code index}: it must carry every right
     * (hasCancelSendRights, else IllegalOperation); if it is badged, every sender waiting with that badge is
     * taken out of the queue and restarted (cancelBadgedSends), receivers are left alone.
     */
    String cancelBadgedSends(String thread, long service, long index) throws PersonalityException {
        Tcb t = caller(thread);
        Lookup l = lookupCap(t, service);
        if (l.fault != null) {
            return capFault(t, service, l.fault);
        }
        Slot s = lookupForCNodeOp(cnodeService(l.cap, service), index, "target");
        Cap c = cap(s);
        if (c == null || c.kind() != CapKind.ENDPOINT || !c.rights().equals(CapRights.ALL)) {
            throw new PersonalityException("IllegalOperation", s + " does not hold an endpoint capability with every right");
        }
        Endpoint ep = ep(c);
        int n = 0;
        if (c.badge() != 0 && ep.state == Endpoint.State.SEND) {
            for (String w : new ArrayList<>(ep.queue)) {
                Tcb x = tcb(w);
                if (((ThreadState.BlockedOnSend) x.state).badge() == c.badge()) {
                    ep.dequeue(w);
                    x.state = x.fault == null ? ThreadState.RESTART : ThreadState.INACTIVE;
                    n++;
                }
            }
        }
        event(thread + " cancelled the sends badged " + c.badge() + " on " + ep.name() + ": " + n + " senders restart");
        done();
        return "ok";
    }

    private Cap cnodeService(Cap c, long cptr) throws PersonalityException {
        if (c.kind() != CapKind.CNODE) {
            throw new PersonalityException("IllegalOperation", "cptr " + cptr + " is a " + c.kind().word()
                    + " capability, not a CNode");
        }
        return c;
    }

    /**
     * updateCapData: a badge on an unbadged endpoint or notification capability (null: a badged one cannot be
     * re-badged); a guard on a CNode capability (null when guard size + radix exceed 64 bits or the guard does not fit).
     */
    private Cap updateCapData(Cap c, Long badge, Long guard, Integer guardSize, boolean preserve) {
        if ((c.kind() == CapKind.ENDPOINT || c.kind() == CapKind.NOTIFICATION) && badge != null) {
            if (c.badge() != 0 && (!preserve || badge != c.badge())) {
                return preserve ? c : null;
            }
            return c.withBadge(badge);
        }
        if (c.kind() == CapKind.CNODE && guardSize != null) {
            int radix = ((CNode) objects.get(c.object())).radix();
            long g = guard == null ? 0 : guard;
            if (guardSize + radix > WORD_BITS || (guardSize < 64 && (g >>> guardSize) != 0)) {
                return null;
            }
            return c.withGuard(g, guardSize);
        }
        return c;
    }

    /**
     * deriveCap: reply capabilities cannot be derived (IllegalOperation); an untyped capability with CDT children
     * must be revoked first (RevokeFirst); the others derive to themselves.
     */
    private Cap deriveCap(Slot s, Cap c) throws PersonalityException {
        if (c.kind() == CapKind.REPLY || c.kind() == CapKind.MASTER_REPLY) {
            throw new PersonalityException("IllegalOperation", "a reply capability cannot be copied");
        }
        if (c.kind() == CapKind.UNTYPED && !children(s).isEmpty()) {
            throw new PersonalityException("RevokeFirst", "the untyped capability in " + s + " has children");
        }
        return c;
    }

    /** Same as deriveCap but null instead of a refusal (cap transfer skips what it cannot derive). */
    private Cap deriveCapOrNull(Slot s, Cap c) {
        try {
            return deriveCap(s, c);
        } catch (PersonalityException e) {
            return null;
        }
    }

    /**
     * cteInsert: the new capability goes into {@code dest}; it is an original if it is a new badge or untyped
     * (isCapRevocable); it is the source's CDT child if the source is an original of the same region (and, for
     * badged endpoint and notification capabilities, of the same badge and not itself an original), else the
     * source's sibling (the abstract specification's should_be_parent_of).
     */
    private void cteInsert(Cap c, Slot src, Slot dest) {
        Cap sc = cap(src);
        boolean destOriginal = switch (c.kind()) {
            case ENDPOINT, NOTIFICATION -> c.badge() != sc.badge();
            case UNTYPED -> true;
            default -> false;
        };
        boolean srcOriginal = original.contains(src);
        boolean child = srcOriginal && sameRegion(sc, c)
                && (!((sc.kind() == CapKind.ENDPOINT || sc.kind() == CapKind.NOTIFICATION) && sc.badge() != 0)
                    || (sc.badge() == c.badge() && !destOriginal));
        set(dest, c);
        if (destOriginal) {
            original.add(dest);
        }
        Slot p = child ? src : parent.get(src);
        if (p != null) {
            parent.put(dest, p);
        }
    }

    private boolean sameRegion(Cap a, Cap b) {
        if (a.kind() == CapKind.UNTYPED && b.object() != null) {
            Sel4Object u = objects.get(a.object());
            Sel4Object o = objects.get(b.object());
            return u != null && o != null && (u == o || (o.base >= u.base && o.base + (1L << o.objectBits()) <= u.base + (1L << u.objectBits())));
        }
        return a.object() != null && a.object().equals(b.object());
    }

    /** cteMove: the capability, its CDT position and its original flag go to {@code dest}; its children follow. */
    private void cteMove(Cap c, Slot src, Slot dest) {
        clear(src);
        set(dest, c);
        if (original.remove(src)) {
            original.add(dest);
        }
        Slot p = parent.remove(src);
        if (p != null) {
            parent.put(dest, p);
        }
        for (Map.Entry<Slot, Slot> e : parent.entrySet()) {
            if (e.getValue().equals(src)) {
                e.setValue(dest);
            }
        }
    }

    /** cteRevoke: deletes every CDT descendant of {@code s} (deepest first), leaving {@code s}. */
    private void cteRevoke(Slot s) throws PersonalityException {
        while (true) {
            List<Slot> ch = children(s);
            if (ch.isEmpty()) {
                return;
            }
            Slot c = ch.get(0);
            cteRevoke(c);
            cteDelete(c);
        }
    }

    /**
     * cteDelete: empties the slot (emptySlot: its CDT children go to its parent); if the capability was the last
     * one to its object, the object is finalised (finaliseCap) and destroyed.
     */
    void cteDelete(Slot s) throws PersonalityException {
        Cap c = cap(s);
        if (c == null) {
            return;
        }
        emptySlot(s);
        if (c.kind().counts() && objects.containsKey(c.object()) && !referenced(c.object())) {
            destroy(objects.get(c.object()));
        }
    }

    /** cteDeleteOne: for reply capabilities, which are never final. */
    private void cteDeleteOne(Slot s) throws PersonalityException {
        cteDelete(s);
    }

    private void emptySlot(Slot s) {
        Slot p = parent.remove(s);
        for (Map.Entry<Slot, Slot> e : new ArrayList<>(parent.entrySet())) {
            if (e.getValue().equals(s)) {
                if (p != null) {
                    parent.put(e.getKey(), p);
                } else {
                    parent.remove(e.getKey());
                }
            }
        }
        original.remove(s);
        clear(s);
    }

    /** Whether any capability (other than reply capabilities) still names {@code object}. */
    private boolean referenced(String object) {
        for (Sel4Object o : objects.values()) {
            if (o instanceof CNode c) {
                for (Cap x : c.slots.values()) {
                    if (x.kind().counts() && object.equals(x.object())) {
                        return true;
                    }
                }
            } else if (o instanceof Tcb t) {
                for (Cap x : t.slots) {
                    if (x != null && x.kind().counts() && object.equals(x.object())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * finaliseCap and the object's end: an endpoint's waiters restart (cancelAllIPC), a notification's too
     * (cancelAllSignals) and its TCB is unbound; a TCB is suspended, unbound and its slots deleted; a CNode's
     * slots are deleted; an untyped's remaining children pass to the untyped around it. seL4 does long
     * deletions in preemptible steps; capsim does them in one.
     */
    private void destroy(Sel4Object o) throws PersonalityException {
        String n = o.name();
        switch (o) {
            case Endpoint ep -> {
                for (String w : new ArrayList<>(ep.queue)) {
                    Tcb t = tcb(w);
                    t.state = t.fault == null ? ThreadState.RESTART : ThreadState.INACTIVE;
                }
                ep.queue.clear();
                ep.state = Endpoint.State.IDLE;
            }
            case Notification nt -> {
                for (String w : new ArrayList<>(nt.queue)) {
                    tcb(w).state = ThreadState.RESTART;
                }
                nt.queue.clear();
                if (nt.boundTcb != null && tcb(nt.boundTcb) != null) {
                    tcb(nt.boundTcb).boundNotification = null;
                }
                nt.boundTcb = null;
            }
            case Tcb t -> {
                if (t.boundNotification != null && objects.get(t.boundNotification) instanceof Notification nt) {
                    nt.boundTcb = null;
                }
                t.boundNotification = null;
                cancelIPC(t);
                t.state = ThreadState.INACTIVE;
                for (int i = 0; i < Tcb.SLOTS; i++) {
                    cteDelete(new Slot(n, i));
                }
                // reply capabilities to it anywhere (its master's children) go with it
                for (Map.Entry<Slot, Cap> e : caps().entrySet()) {
                    if (e.getValue().kind() == CapKind.REPLY && n.equals(e.getValue().object())) {
                        emptySlot(e.getKey());
                    }
                }
            }
            case CNode c -> {
                for (long i : new ArrayList<>(c.slots.keySet())) {
                    cteDelete(new Slot(n, i));
                }
            }
            case Untyped u -> {
                Untyped outer = u.untyped == null ? null : (Untyped) objects.get(u.untyped);
                for (String child : u.children) {
                    Sel4Object ch = objects.get(child);
                    if (ch != null) {
                        ch.untyped = outer == null ? null : outer.name();
                        if (outer != null) {
                            outer.children.add(child);
                        }
                    }
                }
            }
            default -> {
            }
        }
        if (!objects.containsKey(n)) {
            return;
        }
        objects.remove(n);
        if (o.untyped != null && objects.get(o.untyped) instanceof Untyped u) {
            u.children.remove(n);
        }
        Integer k = carrier.remove(n);
        dirty.remove(n);
        if (k != null && kernel().heap().get(k) != null) {
            free(k);
        }
        event((o.type() == ObjectType.ENDPOINT ? "endpoint" : o.type() == ObjectType.UNTYPED ? "untyped" : o.type().word()) + " " + n
                + " destroyed: its last capability is gone");
    }

    /**
     * cancelIPC (non-MCS): out of any endpoint or notification queue (the thread is then inactive); a thread
     * waiting for a reply loses the reply capability to it; its fault is cleared.
     */
    private void cancelIPC(Tcb t) throws PersonalityException {
        switch (t.state) {
            case ThreadState.BlockedOnSend s -> {
                ((Endpoint) objects.get(s.endpoint())).dequeue(t.name());
                t.state = ThreadState.INACTIVE;
            }
            case ThreadState.BlockedOnReceive r -> {
                ((Endpoint) objects.get(r.endpoint())).dequeue(t.name());
                t.state = ThreadState.INACTIVE;
            }
            case ThreadState.BlockedOnNotification b -> {
                ((Notification) objects.get(b.notification())).dequeue(t.name());
                t.state = ThreadState.INACTIVE;
            }
            case ThreadState.BlockedOnReply r -> {
                t.fault = null;
                for (Slot c : children(new Slot(t.name(), Tcb.REPLY))) {
                    emptySlot(c);
                }
            }
            default -> {
            }
        }
    }

    /** deleteCallerCap: a new receive drops the reply capability of a call not answered. */
    private void deleteCallerCap(Tcb t) throws PersonalityException {
        Slot s = new Slot(t.name(), Tcb.CALLER);
        if (cap(s) != null) {
            event(t.name() + " receives again without replying: its reply capability to " + cap(s).object() + " is deleted");
            cteDeleteOne(s);
        }
    }

    // ================================================================== Untyped_Retype (Untyped.lhs)

    /**
     * Retype {@code count} objects of {@code type} ({@code sizeBits} for untyped, CNode, frame) from the untyped
     * capability at {@code untyped} into slots {@code index}.. of the CNode at {@code service}, named {@code as}
     * ({@code as_0}... for several) or automatically: decodeUntypedInvocation's checks, then invokeUntyped.
     */
    String retype(String thread, long untyped, ObjectType type, int sizeBits, long service, long index, int count, String as)
            throws PersonalityException {
        Tcb t = caller(thread);
        Lookup l = lookupCap(t, untyped);
        if (l.fault != null) {
            return capFault(t, untyped, l.fault);
        }
        if (l.cap.kind() != CapKind.UNTYPED) {
            throw new PersonalityException("IllegalOperation", "cptr " + untyped + " is a " + l.cap.kind().word()
                    + " capability, not an untyped");
        }
        Slot utSlot = l.slot;
        Untyped u = (Untyped) objects.get(l.cap.object());
        if (type == ObjectType.PAGING || type == ObjectType.OTHER) {
            throw new PersonalityException("InvalidArgument", "capsim retypes untyped, cnode, tcb, ep, notification and frame");
        }
        if (sizeBits >= WORD_BITS - 1) {
            throw new PersonalityException("InvalidArgument", "size bits " + sizeBits + " is not below " + (WORD_BITS - 1));
        }
        checkSize(type, sizeBits);
        if (count < 1 || count > MAX_RETYPE) {
            throw new PersonalityException("RangeError", "between 1 and " + MAX_RETYPE + " objects, not " + count);
        }
        Resolved nr = resolveForThread(t, service);
        if (nr.fault != null || cap(nr.slot) == null || nr.bitsLeft != 0 && cap(nr.slot).kind() != CapKind.CNODE) {
            throw new PersonalityException("FailedLookup", "the destination CNode cptr " + service + " does not look up");
        }
        Cap nodeCap = cap(nr.slot);
        if (nodeCap.kind() != CapKind.CNODE) {
            throw new PersonalityException("FailedLookup", "cptr " + service + " is a " + nodeCap.kind().word()
                    + " capability, not a CNode");
        }
        CNode node = (CNode) objects.get(nodeCap.object());
        if (index < 0 || index >= node.slotCount()) {
            throw new PersonalityException("RangeError", "slot " + index + " is outside " + node.name() + "'s 0.." + (node.slotCount() - 1));
        }
        if (index + count > node.slotCount()) {
            throw new PersonalityException("RangeError", count + " slots from " + index + " run past " + node.name() + "'s end");
        }
        for (long i = index; i < index + count; i++) {
            if (node.slots.containsKey(i)) {
                throw new PersonalityException("DeleteFirst", node.name() + "[" + i + "] is not empty");
            }
        }
        if (u.device && type != ObjectType.FRAME && type != ObjectType.UNTYPED) {
            throw new PersonalityException("InvalidArgument", "device untyped " + u.name() + " makes only frames and untyped");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String nm = as == null ? type.word() + (nextAuto + i) : count == 1 ? as : as + "_" + i;
            if (objects.containsKey(nm) || names.contains(nm)) {
                throw new PersonalityException("InvalidArgument", "there is already an object named " + nm + " (capsim's names are unique)");
            }
            names.add(nm);
        }
        // the region is reset when nothing made from it is alive (seL4 resets when the capability has no children)
        long free = u.children.isEmpty() ? 0 : u.freeIndex;
        int bits = type.objectBits(sizeBits);
        long aligned = alignUp(free, bits);
        if (bits > u.sizeBits() || aligned + ((long) count << bits) > u.size() || aligned + ((long) count << bits) < 0) {
            throw new PersonalityException("NotEnoughMemory", u.name() + " has " + Math.max(0, u.size() - aligned)
                    + " bytes free from " + aligned + ", " + count + " x 2^" + bits + " needed");
        }
        if (as == null) {
            nextAuto += count;
        }
        u.freeIndex = aligned + ((long) count << bits);
        for (int i = 0; i < count; i++) {
            Sel4Object o = make(names.get(i), type, sizeBits);
            o.base = u.base + aligned + ((long) i << bits);
            o.untyped = u.name();
            u.children.add(o.name());
            add(o);
            Slot d = new Slot(node.name(), index + i);
            set(d, Cap.to(CapKind.of(type), o.name()));
            original.add(d);
            parent.put(d, utSlot);
        }
        event(thread + " retyped " + count + " " + type.word() + (count > 1 ? "s" : "") + " " + names + " from " + u.name()
                + " at offset " + aligned + " into " + node.name() + "[" + index + "..]; free index now " + u.freeIndex);
        done();
        return "ok";
    }

    // ================================================================== TCB invocations (TCB.lhs)

    /**
     * TCB_Configure (the parts given): fault handler CPtr, CSpace root (a CNode capability from the invoker's
     * CSpace, with an optional new guard), VSpace root (a paging structure), IPC buffer (a frame). The old root
     * capabilities are deleted and the new ones derived into the TCB's slots.
     */
    String configure(String thread, long target, Long faultEp, Long cspace, Long guard, Integer guardSize, Long vspace,
                     Long buffer) throws PersonalityException {
        Tcb t = caller(thread);
        Lookup l = lookupCap(t, target);
        if (l.fault != null) {
            return capFault(t, target, l.fault);
        }
        Tcb x = tcbService(l.cap, target);
        Slot cs = null;
        Cap csCap = null;
        if (cspace != null) {
            cs = lookupArg(t, cspace, "CSpace root");
            csCap = cap(cs);
            if (csCap.kind() != CapKind.CNODE) {
                throw new PersonalityException("IllegalOperation", "the CSpace root must be a CNode capability, not " + csCap.text());
            }
            if (guardSize != null) {
                csCap = updateCapData(csCap, null, guard, guardSize, false);
                if (csCap == null) {
                    throw new PersonalityException("IllegalOperation", "guard size " + guardSize + " does not fit that CNode");
                }
            }
            deriveCap(cs, csCap);
        }
        Slot vs = null;
        if (vspace != null) {
            vs = lookupArg(t, vspace, "VSpace root");
            if (cap(vs).kind() != CapKind.PAGING) {
                throw new PersonalityException("IllegalOperation", "the VSpace root must be a paging structure, not " + cap(vs).text());
            }
        }
        Slot bs = null;
        if (buffer != null) {
            bs = lookupArg(t, buffer, "IPC buffer");
            if (cap(bs).kind() != CapKind.FRAME) {
                throw new PersonalityException("IllegalOperation", "the IPC buffer must be a frame, not " + cap(bs).text());
            }
        }
        if (faultEp != null) {
            x.faultEp = faultEp;
        }
        install(x, Tcb.CTABLE, cs, csCap);
        install(x, Tcb.VTABLE, vs, vs == null ? null : cap(vs));
        install(x, Tcb.IPC_BUFFER, bs, bs == null ? null : cap(bs));
        event(thread + " configured " + x.name() + (faultEp != null ? " fault_ep " + faultEp : "")
                + (cs != null ? " cspace " + csCap.object() : "") + (vs != null ? " vspace " + cap(vs).object() : "")
                + (bs != null ? " ipc buffer " + cap(bs).object() : ""));
        done();
        return "ok";
    }

    private void install(Tcb x, long which, Slot src, Cap c) throws PersonalityException {
        if (src == null) {
            return;
        }
        Cap before = cap(src);
        Slot dest = new Slot(x.name(), which);
        cteDelete(dest);
        // checkCapAt: install only if deleting the old root left the source as it was
        if (objects.containsKey(x.name()) && before != null && before.equals(cap(src)) && cap(dest) == null) {
            cteInsert(c, src, dest);
        }
    }

    /** Suspend: cancelIPC, then inactive. */
    String suspend(String thread, long target) throws PersonalityException {
        Tcb t = caller(thread);
        Lookup l = lookupCap(t, target);
        if (l.fault != null) {
            return capFault(t, target, l.fault);
        }
        Tcb x = tcbService(l.cap, target);
        cancelIPC(x);
        x.state = ThreadState.INACTIVE;
        event(thread + " suspended " + x.name());
        done();
        return "ok";
    }

    /**
     * Resume (restart): a stopped thread (isStopped: inactive or blocked on anything) has its IPC cancelled and is
     * made to restart, redoing the call it was blocked in; a running or restarting thread is left alone.
     */
    String resume(String thread, long target) throws PersonalityException {
        Tcb t = caller(thread);
        Lookup l = lookupCap(t, target);
        if (l.fault != null) {
            return capFault(t, target, l.fault);
        }
        Tcb x = tcbService(l.cap, target);
        if (!x.state.runnable()) {
            cancelIPC(x);
            Slot master = new Slot(x.name(), Tcb.REPLY);
            if (cap(master) == null) {
                set(master, new Cap(CapKind.MASTER_REPLY, x.name(), CapRights.ALL, 0, 0, 0, null));
                original.add(master);
            }
            x.state = ThreadState.RESTART;
            event(thread + " resumed " + x.name());
        } else {
            event(thread + " resumed " + x.name() + ", which was not stopped: nothing changes");
        }
        done();
        return "ok";
    }

    /** TCB_BindNotification and TCB_UnbindNotification ({@code ntfn} null). */
    String bind(String thread, long target, Long ntfnCptr) throws PersonalityException {
        Tcb t = caller(thread);
        Lookup l = lookupCap(t, target);
        if (l.fault != null) {
            return capFault(t, target, l.fault);
        }
        Tcb x = tcbService(l.cap, target);
        if (ntfnCptr == null) {
            if (x.boundNotification == null) {
                throw new PersonalityException("IllegalOperation", x.name() + " has no bound notification");
            }
            Notification n = (Notification) objects.get(x.boundNotification);
            n.boundTcb = null;
            x.boundNotification = null;
            event(thread + " unbound " + x.name() + " from " + n.name());
            done();
            return "ok";
        }
        if (x.boundNotification != null) {
            throw new PersonalityException("IllegalOperation", x.name() + " is already bound to " + x.boundNotification);
        }
        Cap nc = cap(lookupArg(t, ntfnCptr, "notification"));
        if (nc.kind() != CapKind.NOTIFICATION) {
            throw new PersonalityException("IllegalOperation", "cptr " + ntfnCptr + " is not a notification capability");
        }
        if (!nc.rights().read()) {
            throw new PersonalityException("IllegalOperation", "binding needs a notification capability with R");
        }
        Notification n = ntfn(nc);
        if (n.boundTcb != null || n.state == Notification.State.WAITING) {
            throw new PersonalityException("IllegalOperation", n.name() + " is bound already or has waiters");
        }
        n.boundTcb = x.name();
        x.boundNotification = n.name();
        event(thread + " bound " + x.name() + " to " + n.name());
        done();
        return "ok";
    }

    private Tcb tcbService(Cap c, long cptr) throws PersonalityException {
        if (c.kind() != CapKind.TCB) {
            throw new PersonalityException("IllegalOperation", "cptr " + cptr + " is a " + c.kind().word() + " capability, not a TCB");
        }
        return tcb(c.object());
    }

    // ================================================================== lookups (CSpace.lhs)

    /** A resolved CPtr: the slot reached and bits left, or why it failed. */
    record Resolved(Slot slot, int bitsLeft, String fault) {
    }

    /** A looked-up capability and its slot, or why it failed. */
    record Lookup(Slot slot, Cap cap, String fault) {
    }

    /**
     * resolveAddressBits: walks CNode capabilities from {@code root}, each level checking the capability's guard
     * and taking radix bits, until the bits are used up or the slot reached holds no CNode capability.
     */
    Resolved resolve(Cap root, long cptr, int bits) {
        Cap node = root;
        int left = bits;
        while (true) {
            if (node == null || node.kind() != CapKind.CNODE || !(objects.get(node.object()) instanceof CNode cn)) {
                return new Resolved(null, left, "the CSpace root is not a CNode capability (invalid root)");
            }
            int gs = node.guardSize();
            int level = cn.radix() + gs;
            if (gs > left) {
                return new Resolved(null, left, "guard mismatch: a guard of " + gs + " bits with " + left + " bits left");
            }
            long g = shr(cptr, left - gs) & mask(gs);
            if (g != node.guard()) {
                return new Resolved(null, left, "guard mismatch: " + g + " is not " + node.guard() + " at " + cn.name());
            }
            if (level > left) {
                return new Resolved(null, left, "depth mismatch: " + level + " bits needed at " + cn.name() + ", " + left + " left");
            }
            long offset = shr(cptr, left - level) & mask(cn.radix());
            Slot s = new Slot(cn.name(), offset);
            left -= level;
            Cap next = cn.slots.get(offset);
            if (left == 0 || next == null || next.kind() != CapKind.CNODE) {
                return new Resolved(s, left, null);
            }
            node = next;
        }
    }

    /** lookupSlotForThread: resolves through the thread's CSpace root, 64 bits deep. */
    Resolved resolveForThread(Tcb t, long cptr) {
        return resolve(t.slots[(int) Tcb.CTABLE], cptr, WORD_BITS);
    }

    /** lookupCap for an invocation: a missing capability is a failure too. */
    Lookup lookupCap(Tcb t, long cptr) {
        Resolved r = resolveForThread(t, cptr);
        if (r.fault != null) {
            return new Lookup(null, null, r.fault);
        }
        Cap c = cap(r.slot);
        if (c == null) {
            return new Lookup(r.slot, null, "finds " + r.slot + " empty (missing capability)");
        }
        return new Lookup(r.slot, c, null);
    }

    /** A capability argument of an invocation, looked up in the invoker's CSpace (FailedLookup). */
    private Slot lookupArg(Tcb t, long cptr, String what) throws PersonalityException {
        Lookup l = lookupCap(t, cptr);
        if (l.fault != null) {
            throw new PersonalityException("FailedLookup", "the " + what + " cptr " + cptr + " " + l.fault);
        }
        return l.slot;
    }

    /** lookupSlotForCNodeOp: a slot through the CNode capability, 64 bits deep, all bits used (FailedLookup). */
    private Slot lookupForCNodeOp(Cap node, long index, String what) throws PersonalityException {
        Resolved r = resolve(node, index, WORD_BITS);
        if (r.fault != null) {
            throw new PersonalityException("FailedLookup", "the " + what + " index " + index + ": " + r.fault);
        }
        if (r.bitsLeft != 0) {
            throw new PersonalityException("FailedLookup", "the " + what + " index " + index + ": depth mismatch, "
                    + r.bitsLeft + " bits left at " + r.slot);
        }
        return r.slot;
    }

    private static long shr(long x, int n) {
        return n >= 64 ? 0 : x >>> n;
    }

    private static long mask(int n) {
        return n >= 64 ? -1L : (1L << n) - 1;
    }

    private static long alignUp(long x, int bits) {
        long a = 1L << bits;
        return (x + a - 1) & -a;
    }

    // ================================================================== internals

    /** The thread making a system call: it must exist and be running (or about to restart). */
    private Tcb caller(String thread) throws PersonalityException {
        Sel4Object o = objects.get(thread);
        if (!(o instanceof Tcb t)) {
            throw new PersonalityException("InvalidArgument", "there is no thread " + thread + " (capsim: a step names a TCB)");
        }
        if (!t.state.runnable()) {
            throw new PersonalityException("IllegalOperation", thread + " is " + t.state.word()
                    + " and cannot make a system call (capsim: only running threads take steps)");
        }
        return t;
    }

    private Endpoint ep(Cap c) {
        return (Endpoint) objects.get(c.object());
    }

    private Notification ntfn(Cap c) {
        return (Notification) objects.get(c.object());
    }

    private Sel4Object need(String name) throws PersonalityException {
        Sel4Object o = objects.get(name);
        if (o == null) {
            throw new PersonalityException("InvalidArgument", "there is no object " + name);
        }
        return o;
    }

    private Tcb needTcb(String name) throws PersonalityException {
        return needOf(name, Tcb.class, "TCB");
    }

    private <T extends Sel4Object> T needOf(String name, Class<T> cls, String what) throws PersonalityException {
        Sel4Object o = need(name);
        if (!cls.isInstance(o)) {
            throw new PersonalityException("InvalidArgument", name + " is a " + o.type().word() + ", not a " + what);
        }
        return cls.cast(o);
    }

    private void checkNewName(String name) throws PersonalityException {
        if (name == null || name.isEmpty()) {
            throw new PersonalityException("InvalidArgument", "an object needs a name");
        }
        if (objects.containsKey(name)) {
            throw new PersonalityException("InvalidArgument", "there is already an object named " + name);
        }
    }

    private static void checkSize(ObjectType type, int sizeBits) throws PersonalityException {
        switch (type) {
            case UNTYPED -> {
                if (sizeBits < ObjectType.MIN_UNTYPED_BITS || sizeBits > ObjectType.MAX_UNTYPED_BITS) {
                    throw new PersonalityException("RangeError", "untyped size bits are " + ObjectType.MIN_UNTYPED_BITS
                            + ".." + ObjectType.MAX_UNTYPED_BITS + ", not " + sizeBits);
                }
            }
            case CNODE -> {
                if (sizeBits < 1 || sizeBits > ObjectType.MAX_RADIX) {
                    throw new PersonalityException("InvalidArgument", "a CNode radix is 1.." + ObjectType.MAX_RADIX + ", not " + sizeBits);
                }
            }
            case FRAME -> {
                if (sizeBits != 12 && sizeBits != 21 && sizeBits != 30) {
                    throw new PersonalityException("InvalidArgument", "a frame is 12, 21 or 30 bits, not " + sizeBits);
                }
            }
            default -> {
            }
        }
    }

    private Sel4Object make(String name, ObjectType type, int sizeBits) {
        return switch (type) {
            case UNTYPED -> new Untyped(name, sizeBits, false);
            case CNODE -> new CNode(name, sizeBits);
            case TCB -> {
                Tcb t = new Tcb(name);
                t.slots[(int) Tcb.REPLY] = new Cap(CapKind.MASTER_REPLY, name, CapRights.ALL, 0, 0, 0, null);
                yield t;
            }
            case ENDPOINT -> new Endpoint(name);
            case NOTIFICATION -> new Notification(name);
            case FRAME -> new Frame(name, sizeBits);
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    /** Adds the object and its carrier kernel object (charged to the root activity). */
    private void add(Sel4Object o) throws PersonalityException {
        objects.put(o.name(), o);
        if (o instanceof Tcb) {
            original.add(new Slot(o.name(), Tcb.REPLY));
        }
        CapType kt = switch (o.type()) {
            case CNODE -> CapType.CAPPAGE;
            case TCB -> CapType.THREAD;
            case ENDPOINT, NOTIFICATION -> CapType.MESSAGE_QUEUE;
            default -> CapType.FRAME;
        };
        String role = switch (o) {
            case PagingStructure p -> "paging";
            case OtherObject x -> "other";
            default -> o.type().word();
        };
        carrier.put(o.name(), allocate(kt, rootActivity(), o.name(), role));
        dirty.add(o.name());
    }

    private void checkSlot(Slot s) throws PersonalityException {
        Sel4Object h = objects.get(s.holder());
        if (h instanceof CNode c) {
            if (s.index() >= c.slotCount()) {
                throw new PersonalityException("RangeError", s + " is outside " + c.name() + "'s 0.." + (c.slotCount() - 1));
            }
        } else if (h instanceof Tcb) {
            if (s.index() >= Tcb.SLOTS) {
                throw new PersonalityException("RangeError", "a TCB has slots 0.." + (Tcb.SLOTS - 1));
            }
        } else {
            throw new PersonalityException("InvalidArgument", s.holder() + " is not a CNode or a TCB");
        }
    }

    private void checkTarget(Cap cap) throws PersonalityException {
        if (!cap.kind().designatesObject()) {
            return;
        }
        Sel4Object o = need(cap.object());
        ObjectType want = switch (cap.kind()) {
            case REPLY, MASTER_REPLY -> ObjectType.TCB;
            case UNTYPED -> ObjectType.UNTYPED;
            case CNODE -> ObjectType.CNODE;
            case TCB -> ObjectType.TCB;
            case ENDPOINT -> ObjectType.ENDPOINT;
            case NOTIFICATION -> ObjectType.NOTIFICATION;
            case FRAME -> ObjectType.FRAME;
            case PAGING -> ObjectType.PAGING;
            default -> ObjectType.OTHER;
        };
        if (o.type() != want) {
            throw new PersonalityException("InvalidCapability", "a " + cap.kind().word() + " capability cannot name "
                    + o.type().word() + " " + o.name());
        }
        if (cap.kind() == CapKind.CNODE && cap.guardSize() + ((CNode) o).radix() > WORD_BITS) {
            throw new PersonalityException("InvalidCapability", "guard size " + cap.guardSize() + " and radix "
                    + ((CNode) o).radix() + " exceed " + WORD_BITS + " bits");
        }
    }

    private void set(Slot s, Cap c) {
        Sel4Object h = objects.get(s.holder());
        if (h instanceof CNode cn) {
            cn.slots.put(s.index(), c);
        } else {
            ((Tcb) h).slots[(int) s.index()] = c;
        }
        dirty.add(s.holder());
    }

    private void clear(Slot s) {
        Sel4Object h = objects.get(s.holder());
        if (h instanceof CNode cn) {
            cn.slots.remove(s.index());
        } else if (h instanceof Tcb t) {
            t.slots[(int) s.index()] = null;
        }
        dirty.add(s.holder());
    }

    /**
     * Brings the carriers up to date after a step: each changed CNode's capability page mirrors its first 256
     * slots (a capability to the carrier of the object named, write right only with W, badge as payload), and a
     * TCB's thread has its CSpace root's page as address-space root. Public for builders outside this package
     * (the capDL bridge) that change the world through the construction API.
     */
    public void done() throws PersonalityException {
        try {
            for (String n : dirty) {
                Sel4Object o = objects.get(n);
                Integer k = carrier.get(n);
                if (o == null || k == null) {
                    continue;
                }
                if (o instanceof CNode c) {
                    CapPage page = (CapPage) kernel().heap().get(k);
                    long slots = Math.min(c.slotCount(), CapPage.SLOTS);
                    for (int i = 0; i < slots; i++) {
                        Capability want = mirror(c.slots.get((long) i));
                        if (!page.slot(i).equals(want)) {
                            boot().setSlot(k, i, want);
                        }
                    }
                } else if (o instanceof Tcb t) {
                    Cap root = t.slots[(int) Tcb.CTABLE];
                    KernelThread kt = (KernelThread) kernel().heap().get(k);
                    if (root != null && carrier.containsKey(root.object())
                            && kernel().heap().get(carrier.get(root.object())) instanceof CapPage
                            && (kt.asRoot() == null || kt.asRoot().oid() != carrier.get(root.object()))) {
                        boot().configureThread(k, carrier.get(root.object()), rootActivity());
                    }
                }
            }
        } catch (KernelException e) {
            throw refusal(e);
        }
        dirty.clear();
    }

    private Capability mirror(Cap c) {
        if (c == null || c.object() == null || !carrier.containsKey(c.object())) {
            return Capability.VOID;
        }
        Rights r = c.hasRights() && !c.rights().write() ? Rights.WEAK : Rights.FULL;
        return boot().cap(carrier.get(c.object()), r, c.badge());
    }

    // ================================================================== text

    @Override
    public String stateText() {
        StringBuilder b = new StringBuilder();
        objects.values().forEach(o -> b.append(o.stateLine()).append(" @").append(Long.toHexString(o.base))
                .append(o.untyped != null ? " in " + o.untyped : "").append(o.attributes.isEmpty() ? "" : " " + o.attributes)
                .append('\n'));
        b.append("cdt ").append(parent).append('\n');
        b.append("original ").append(original).append('\n');
        b.append("replies ").append(usedReplies).append(" calls ").append(callSerial).append('\n');
        b.append("next ").append(nextAuto).append(' ').append(nextRootBase).append('\n');
        return b.toString();
    }

    @Override
    public List<String> details(int oid) {
        for (Map.Entry<String, Integer> e : carrier.entrySet()) {
            if (e.getValue() == oid) {
                return details(objects.get(e.getKey()));
            }
        }
        return List.of();
    }

    private List<String> details(Sel4Object o) {
        List<String> out = new ArrayList<>();
        switch (o) {
            case Untyped u -> {
                out.add("2^" + u.sizeBits() + " bytes" + (u.device ? ", device" : ""));
                out.add("free index " + u.freeIndex);
                out.add(u.children.size() + " children");
            }
            case CNode c -> {
                // the slots themselves are the rows of the carrier's table (rights there are the kernel's r/w)
                out.add("radix " + c.radix() + ", " + c.slots.size() + " caps");
                if (c.slotCount() > CapPage.SLOTS && c.slots.ceilingKey((long) CapPage.SLOTS) != null) {
                    out.add("slots from " + CapPage.SLOTS + " not drawn");
                }
            }
            case Tcb t -> {
                out.add(t.state.word() + (t.fault != null ? " (" + t.fault + " fault)" : ""));
                if (t.boundNotification != null) {
                    out.add("bound " + t.boundNotification);
                }
                if (t.slots[(int) Tcb.CALLER] != null) {
                    out.add("reply cap to " + t.slots[(int) Tcb.CALLER].object());
                }
                if (t.slots[(int) Tcb.IPC_BUFFER] != null) {
                    out.add("IPC buffer " + t.slots[(int) Tcb.IPC_BUFFER].object());
                }
                if (t.faultEp != 0) {
                    out.add("fault_ep cptr " + t.faultEp);
                }
            }
            case Endpoint ep -> out.add(ep.state.name().toLowerCase(java.util.Locale.ROOT) + (ep.queue.isEmpty() ? "" : " " + ep.queue));
            case Notification n -> {
                out.add(n.state.name().toLowerCase(java.util.Locale.ROOT) + (n.state == Notification.State.ACTIVE ? " word " + n.word : "")
                        + (n.queue.isEmpty() ? "" : " " + n.queue));
                if (n.boundTcb != null) {
                    out.add("bound to " + n.boundTcb);
                }
            }
            default -> out.add("2^" + o.objectBits() + " bytes");
        }
        return out;
    }
}
