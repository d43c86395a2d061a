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
 * {@link PersonalityException} with seL4's error name (and the session restores the world). *
 * <p>This class is the state, the construction API and a thin front; the rules live one seL4 module a file:
 * {@link Ipc} (system calls, sendIPC/receiveIPC, transfer, reply capabilities), {@link Faults}, {@link Signals}
 * (notifications), {@link CNodeInvocations} (copy/mint/move/mutate, deriveCap, cteInsert, cteMove),
 * {@link Deletion} (cteDelete, cteRevoke, finalisation), {@link Retype} (Untyped_Retype), {@link TcbInvocations}
 * and {@link CSpaceLookup} (resolveAddressBits).
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

    final TreeMap<String, Sel4Object> objects;
    final TreeMap<Slot, Slot> parent;
    final TreeSet<Slot> original;
    final TreeMap<String, Integer> carrier;
    final TreeSet<String> dirty;
    /** Reply capabilities consumed, as "caller#serial", in order (the reply-once invariant reads it). */
    final History<String> usedReplies;
    final TreeMap<String, Integer> callSerial;
    long nextRootBase;
    int nextAuto;

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
        long aligned = Retype.alignUp(u.freeIndex, o.objectBits());
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
        return Ipc.send(this, thread, cptr, msg, blocking, call, into);
    }

    /** Recv (blocking) or NBRecv on an endpoint, Wait or Poll on a notification; {@code into}: receive slot CPtr or -1. */
    String recv(String thread, long cptr, boolean blocking, long into) throws PersonalityException {
        return Ipc.recv(this, thread, cptr, blocking, into);
    }

    /** Reply with {@code msg} through the caller slot. */
    String reply(String thread, Message msg) throws PersonalityException {
        return Ipc.reply(this, thread, msg);
    }

    /** ReplyRecv: the reply, then a receive on {@code cptr} (handleReply, then handleRecv). */
    String replyRecv(String thread, long cptr, Message msg, long into) throws PersonalityException {
        return Ipc.replyRecv(this, thread, cptr, msg, into);
    }

    /** The thread raises a fault of {@code kind} (vm, cap, unknown-syscall, user): handleFault. */
    String fault(String thread, String kind) throws PersonalityException {
        return Faults.fault(this, thread, kind);
    }

    /** The fault's message label (seL4_Fault_CapFault 1, UnknownSyscall 2, UserException 3, VMFault 5), or -1. */
    static long faultLabel(String kind) {
        return Faults.faultLabel(kind);
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
        return CNodeInvocations.cnodeOp(this, thread, op, service, dest, src, srcRoot, rights, badge, guard, guardSize);
    }

    /** CNode Delete or Revoke of the slot {@code index} looked up through the CNode capability at {@code service}. */
    String deleteOrRevoke(String thread, long service, long index, boolean revoke) throws PersonalityException {
        return Deletion.deleteOrRevoke(this, thread, service, index, revoke);
    }

    /**
     * CNode_CancelBadgedSends of the endpoint capability in slot {@code index}: it must carry every right
     * (hasCancelSendRights, else IllegalOperation); if it is badged, every sender waiting with that badge is
     * taken out of the queue and restarted (cancelBadgedSends), receivers are left alone.
     */
    String cancelBadgedSends(String thread, long service, long index) throws PersonalityException {
        return Deletion.cancelBadgedSends(this, thread, service, index);
    }

    /**
     * cteDelete: empties the slot (emptySlot: its CDT children go to its parent); if the capability was the last
     * one to its object, the object is finalised (finaliseCap) and destroyed.
     */
    void cteDelete(Slot s) throws PersonalityException {
        Deletion.cteDelete(this, s);
    }

    // ================================================================== Untyped_Retype (Untyped.lhs)

    /**
     * Retype {@code count} objects of {@code type} ({@code sizeBits} for untyped, CNode, frame) from the untyped
     * capability at {@code untyped} into slots {@code index}.. of the CNode at {@code service}, named {@code as}
     * ({@code as_0}... for several) or automatically: decodeUntypedInvocation's checks, then invokeUntyped.
     */
    String retype(String thread, long untyped, ObjectType type, int sizeBits, long service, long index, int count, String as)
            throws PersonalityException {
        return Retype.retype(this, thread, untyped, type, sizeBits, service, index, count, as);
    }

    // ================================================================== TCB invocations (TCB.lhs)

    /**
     * TCB_Configure (the parts given): fault handler CPtr, CSpace root (a CNode capability from the invoker's
     * CSpace, with an optional new guard), VSpace root (a paging structure), IPC buffer (a frame). The old root
     * capabilities are deleted and the new ones derived into the TCB's slots.
     */
    String configure(String thread, long target, Long faultEp, Long cspace, Long guard, Integer guardSize, Long vspace,
                     Long buffer) throws PersonalityException {
        return TcbInvocations.configure(this, thread, target, faultEp, cspace, guard, guardSize, vspace, buffer);
    }

    /** Suspend: cancelIPC, then inactive. */
    String suspend(String thread, long target) throws PersonalityException {
        return TcbInvocations.suspend(this, thread, target);
    }

    /**
     * Resume (restart): a stopped thread (isStopped: inactive or blocked on anything) has its IPC cancelled and is
     * made to restart, redoing the call it was blocked in; a running or restarting thread is left alone.
     */
    String resume(String thread, long target) throws PersonalityException {
        return TcbInvocations.resume(this, thread, target);
    }

    /** TCB_BindNotification and TCB_UnbindNotification ({@code ntfn} null). */
    String bind(String thread, long target, Long ntfnCptr) throws PersonalityException {
        return TcbInvocations.bind(this, thread, target, ntfnCptr);
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
        return CSpaceLookup.resolve(this, root, cptr, bits);
    }

    /** lookupSlotForThread: resolves through the thread's CSpace root, 64 bits deep. */
    Resolved resolveForThread(Tcb t, long cptr) {
        return CSpaceLookup.resolveForThread(this, t, cptr);
    }

    /** lookupCap for an invocation: a missing capability is a failure too. */
    Lookup lookupCap(Tcb t, long cptr) {
        return CSpaceLookup.lookupCap(this, t, cptr);
    }

    // ================================================================== internals

    /** The thread making a system call: it must exist and be running (or about to restart). */
    Tcb caller(String thread) throws PersonalityException {
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

    Endpoint ep(Cap c) {
        return (Endpoint) objects.get(c.object());
    }

    Notification ntfn(Cap c) {
        return (Notification) objects.get(c.object());
    }

    Sel4Object need(String name) throws PersonalityException {
        Sel4Object o = objects.get(name);
        if (o == null) {
            throw new PersonalityException("InvalidArgument", "there is no object " + name);
        }
        return o;
    }

    Tcb needTcb(String name) throws PersonalityException {
        return needOf(name, Tcb.class, "TCB");
    }

    <T extends Sel4Object> T needOf(String name, Class<T> cls, String what) throws PersonalityException {
        Sel4Object o = need(name);
        if (!cls.isInstance(o)) {
            throw new PersonalityException("InvalidArgument", name + " is a " + o.type().word() + ", not a " + what);
        }
        return cls.cast(o);
    }

    void checkNewName(String name) throws PersonalityException {
        if (name == null || name.isEmpty()) {
            throw new PersonalityException("InvalidArgument", "an object needs a name");
        }
        if (objects.containsKey(name)) {
            throw new PersonalityException("InvalidArgument", "there is already an object named " + name);
        }
    }

    static void checkSize(ObjectType type, int sizeBits) throws PersonalityException {
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

    Sel4Object make(String name, ObjectType type, int sizeBits) {
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
    void add(Sel4Object o) throws PersonalityException {
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

    void checkSlot(Slot s) throws PersonalityException {
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

    void checkTarget(Cap cap) throws PersonalityException {
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

    void set(Slot s, Cap c) {
        Sel4Object h = objects.get(s.holder());
        if (h instanceof CNode cn) {
            cn.slots.put(s.index(), c);
        } else {
            ((Tcb) h).slots[(int) s.index()] = c;
        }
        dirty.add(s.holder());
    }

    void clear(Slot s) {
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

    Capability mirror(Cap c) {
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
