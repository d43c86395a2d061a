package capsim.personality.sel4;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityException;
import java.util.Locale;

/**
 * One seL4 step, as data; {@link #text()} is the scenario line of the {@code sel4} dialect that reads back to an
 * equal action (docs/personality-sel4.md). Declarations build the initial system; the others are system calls
 * made by a running thread, whose CPtrs are looked up in its own CSpace 64 bits deep.
 */
public sealed interface Sel4Action extends PersonalityAction<Sel4World> {

    // ------------------------------------------------------------------ declarations

    /** {@code object NAME TYPE [size N]}: an object outside any untyped (TYPE ut, cnode, tcb, ep, notification, frame, or a passive kind). */
    record DeclareObject(String name, String type, int sizeBits) implements Sel4Action {
        public String text() {
            ObjectType t = ObjectType.fromWord(type);
            boolean showSize = t == null || t.sized() && !(t == ObjectType.FRAME && sizeBits == ObjectType.PAGE_BITS);
            return "object " + name + " " + type + (showSize ? " size " + sizeBits : "");
        }

        public String apply(Sel4World w) throws PersonalityException {
            ObjectType t = ObjectType.fromWord(type);
            if (t != null) {
                w.create(name, t, sizeBits);
            } else {
                w.createPassive(name, type, sizeBits, Sel4Personality.PAGING_WORDS.contains(type));
            }
            w.event("object " + name + ": " + type);
            w.done();
            return "ok";
        }
    }

    /** {@code cap HOLDER[SLOT] = OBJECT [rights R] [badge B] [guard G bits S]}: a capability, a root of the CDT. */
    record DeclareCap(Slot slot, String object, CapRights rights, long badge, long guard, int guardSize) implements Sel4Action {
        public String text() {
            StringBuilder b = new StringBuilder("cap " + slot.holder() + "[" + slot.index() + "] = " + object);
            if (!rights.equals(CapRights.ALL)) {
                b.append(" rights ").append(rights.word());
            }
            if (badge != 0) {
                b.append(" badge ").append(badge);
            }
            if (guard != 0 || guardSize != 0) {
                b.append(" guard ").append(guard).append(" bits ").append(guardSize);
            }
            return b.toString();
        }

        public String apply(Sel4World w) throws PersonalityException {
            Sel4Object o = w.object(object);
            if (o == null) {
                throw new PersonalityException("InvalidArgument", "there is no object " + object);
            }
            w.putCap(slot, new Cap(CapKind.of(o.type()), object, rights, badge, guard, guardSize, null));
            w.done();
            return "ok";
        }
    }

    /** {@code fault-ep TCB CPTR}: the thread's fault handler CPtr. */
    record DeclareFaultEp(String tcb, long cptr) implements Sel4Action {
        public String text() {
            return "fault-ep " + tcb + " " + cptr;
        }

        public String apply(Sel4World w) throws PersonalityException {
            w.setFaultEp(tcb, cptr);
            w.event(tcb + "'s fault handler is cptr " + cptr);
            return "ok";
        }
    }

    /** {@code cover UNTYPED OBJECT}: the object lies in the untyped (placed at its free index). */
    record DeclareCover(String untyped, String object) implements Sel4Action {
        public String text() {
            return "cover " + untyped + " " + object;
        }

        public String apply(Sel4World w) throws PersonalityException {
            w.cover(untyped, object);
            w.event(object + " lies in " + untyped);
            return "ok";
        }
    }

    /** {@code bind TCB NOTIFICATION}: a bound notification, declared. */
    record DeclareBind(String tcb, String notification) implements Sel4Action {
        public String text() {
            return "bind " + tcb + " " + notification;
        }

        public String apply(Sel4World w) throws PersonalityException {
            w.bindNotification(tcb, notification);
            return "ok";
        }
    }

    // ------------------------------------------------------------------ IPC

    /**
     * {@code T send|nbsend|call|signal CPTR [label L] [msg W,..] [caps C,..] [into C]}: {@code into} (a call's) names
     * the receive slot for capabilities the reply carries, or -1.
     */
    record Send(String thread, String verb, long cptr, Message msg, long into) implements Sel4Action {
        public Send {
            if (!verb.equals("send") && !verb.equals("nbsend") && !verb.equals("call") && !verb.equals("signal")) {
                throw new IllegalArgumentException("a send verb is send, nbsend, call or signal");
            }
            if (into >= 0 && !verb.equals("call")) {
                throw new IllegalArgumentException("only a call receives, so only a call names a receive slot");
            }
        }

        public Send(String thread, String verb, long cptr, Message msg) {
            this(thread, verb, cptr, msg, -1);
        }

        public String text() {
            return thread + " " + verb + " " + cptr + msg.text() + (into >= 0 ? " into " + into : "");
        }

        public String apply(Sel4World w) throws PersonalityException {
            return w.send(thread, cptr, msg, verb.equals("send") || verb.equals("call"), verb.equals("call"), into);
        }
    }

    /** {@code T recv|nbrecv|wait|poll CPTR [into C]}: into names the receive slot (a CPtr) for capabilities. */
    record Recv(String thread, String verb, long cptr, long into) implements Sel4Action {
        public Recv {
            if (!verb.equals("recv") && !verb.equals("nbrecv") && !verb.equals("wait") && !verb.equals("poll")) {
                throw new IllegalArgumentException("a receive verb is recv, nbrecv, wait or poll");
            }
        }

        public String text() {
            return thread + " " + verb + " " + cptr + (into >= 0 ? " into " + into : "");
        }

        public String apply(Sel4World w) throws PersonalityException {
            return w.recv(thread, cptr, verb.equals("recv") || verb.equals("wait"), into);
        }
    }

    /** {@code T reply [label L] [msg W,..] [caps C,..]}. */
    record Reply(String thread, Message msg) implements Sel4Action {
        public String text() {
            return thread + " reply" + msg.text();
        }

        public String apply(Sel4World w) throws PersonalityException {
            return w.reply(thread, msg);
        }
    }

    /** {@code T replyrecv CPTR [label L] [msg W,..] [caps C,..] [into C]}. */
    record ReplyRecv(String thread, long cptr, Message msg, long into) implements Sel4Action {
        public String text() {
            return thread + " replyrecv " + cptr + msg.text() + (into >= 0 ? " into " + into : "");
        }

        public String apply(Sel4World w) throws PersonalityException {
            return w.replyRecv(thread, cptr, msg, into);
        }
    }

    /** {@code T fault vm|cap|unknown-syscall|user}: the thread faults. */
    record Fault(String thread, String kind) implements Sel4Action {
        public String text() {
            return thread + " fault " + kind;
        }

        public String apply(Sel4World w) throws PersonalityException {
            return w.fault(thread, kind);
        }
    }

    // ------------------------------------------------------------------ CNode

    /**
     * {@code T copy SVC DEST SRC [rights R]}, {@code T mint SVC DEST SRC rights R [badge B] [guard G bits S]},
     * {@code T move SVC DEST SRC}, {@code T mutate SVC DEST SRC [badge B] [guard G bits S]}, each with an optional
     * {@code from ROOT} after SRC: the source is looked up through the CNode capability at CPtr ROOT instead of SVC
     * (seL4's src_root).
     */
    record CNodeOp(String thread, Sel4World.CNodeOp op, long service, long dest, long src, Long srcRoot, CapRights rights,
                   Long badge, Long guard, Integer guardSize) implements Sel4Action {
        public String text() {
            StringBuilder b = new StringBuilder(thread + " " + op.name().toLowerCase(Locale.ROOT) + " " + service + " " + dest + " " + src);
            if (srcRoot != null) {
                b.append(" from ").append(srcRoot);
            }
            if (op == Sel4World.CNodeOp.MINT || op == Sel4World.CNodeOp.COPY && !rights.equals(CapRights.ALL)) {
                b.append(" rights ").append(rights.word());
            }
            if (badge != null) {
                b.append(" badge ").append(badge);
            }
            if (guardSize != null) {
                b.append(" guard ").append(guard == null ? 0 : guard).append(" bits ").append(guardSize);
            }
            return b.toString();
        }

        public String apply(Sel4World w) throws PersonalityException {
            return w.cnodeOp(thread, op, service, dest, src, srcRoot, rights, badge, guard, guardSize);
        }
    }

    /** {@code T delete SVC INDEX} or {@code T revoke SVC INDEX}. */
    record DeleteOrRevoke(String thread, boolean revoke, long service, long index) implements Sel4Action {
        public String text() {
            return thread + (revoke ? " revoke " : " delete ") + service + " " + index;
        }

        public String apply(Sel4World w) throws PersonalityException {
            return w.deleteOrRevoke(thread, service, index, revoke);
        }
    }

    /** {@code T cancel-badged-sends SVC INDEX}: CNode_CancelBadgedSends of the endpoint capability in the slot. */
    record CancelBadgedSends(String thread, long service, long index) implements Sel4Action {
        public String text() {
            return thread + " cancel-badged-sends " + service + " " + index;
        }

        public String apply(Sel4World w) throws PersonalityException {
            return w.cancelBadgedSends(thread, service, index);
        }
    }

    // ------------------------------------------------------------------ Untyped

    /** {@code T retype UT TYPE [size N] SVC INDEX [count K] [as NAME]}. */
    record Retype(String thread, long untyped, ObjectType type, int sizeBits, long service, long index, int count, String as)
            implements Sel4Action {
        public String text() {
            return thread + " retype " + untyped + " " + type.word() + (type.sized() ? " size " + sizeBits : "") + " " + service
                    + " " + index + (count != 1 ? " count " + count : "") + (as != null ? " as " + as : "");
        }

        public String apply(Sel4World w) throws PersonalityException {
            return w.retype(thread, untyped, type, sizeBits, service, index, count, as);
        }
    }

    // ------------------------------------------------------------------ TCB

    /** {@code T configure TCB [fault_ep N] [cspace C [guard G bits S]] [vspace V] [buffer B]}. */
    record Configure(String thread, long target, Long faultEp, Long cspace, Long guard, Integer guardSize, Long vspace,
                     Long buffer) implements Sel4Action {
        public String text() {
            StringBuilder b = new StringBuilder(thread + " configure " + target);
            if (faultEp != null) {
                b.append(" fault_ep ").append(faultEp);
            }
            if (cspace != null) {
                b.append(" cspace ").append(cspace);
                if (guardSize != null) {
                    b.append(" guard ").append(guard == null ? 0 : guard).append(" bits ").append(guardSize);
                }
            }
            if (vspace != null) {
                b.append(" vspace ").append(vspace);
            }
            if (buffer != null) {
                b.append(" buffer ").append(buffer);
            }
            return b.toString();
        }

        public String apply(Sel4World w) throws PersonalityException {
            return w.configure(thread, target, faultEp, cspace, guard, guardSize, vspace, buffer);
        }
    }

    /** {@code T suspend TCB} or {@code T resume TCB}. */
    record SuspendResume(String thread, boolean resume, long target) implements Sel4Action {
        public String text() {
            return thread + (resume ? " resume " : " suspend ") + target;
        }

        public String apply(Sel4World w) throws PersonalityException {
            return resume ? w.resume(thread, target) : w.suspend(thread, target);
        }
    }

    /** {@code T bind-ntfn TCB NTFN} or {@code T unbind-ntfn TCB}. */
    record BindNtfn(String thread, long target, Long notification) implements Sel4Action {
        public String text() {
            return thread + (notification != null ? " bind-ntfn " + target + " " + notification : " unbind-ntfn " + target);
        }

        public String apply(Sel4World w) throws PersonalityException {
            return w.bind(thread, target, notification);
        }
    }
}
