package capsim.dialect.sel4;

import capsim.personality.Personality;
import capsim.personality.sel4.Authority;
import capsim.personality.sel4.Cap;
import capsim.personality.sel4.CapKind;
import capsim.personality.sel4.CapRights;
import capsim.personality.sel4.Endpoint;
import capsim.personality.sel4.Message;
import capsim.personality.sel4.Notification;
import capsim.personality.sel4.ObjectType;
import capsim.personality.sel4.Received;
import capsim.personality.sel4.Sel4Action;
import capsim.personality.sel4.Sel4Object;
import capsim.personality.sel4.Sel4Personality;
import capsim.personality.sel4.Sel4World;
import capsim.personality.sel4.Slot;
import capsim.personality.sel4.Tcb;
import capsim.personality.sel4.Untyped;
import capsim.scenario.Dialect;
import capsim.scenario.Line;
import capsim.scenario.ScenarioException;
import capsim.scenario.Statement;
import capsim.scenario.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The scenario language of the seL4 personality ({@code variant sel4}); docs/personality-sel4.md has every
 * statement. Declarations ({@code object}, {@code cap}, {@code fault-ep}, {@code cover}, {@code bind}) build the
 * system; every other step is a system call of a thread, its CPtrs numbers (decimal or 0x hex) looked up in the
 * thread's CSpace. Stateless: names are checked when the step runs, and every action's text reads back to an
 * equal action.
 */
public final class Sel4Dialect implements Dialect<Sel4World> {
    private static final String VERBS = "send, nbsend, call, signal, recv, nbrecv, wait, poll, reply, replyrecv, fault, "
            + "copy, mint, move, mutate, delete, revoke, cancel-badged-sends, retype, configure, suspend, resume, bind-ntfn, unbind-ntfn";
    private static final String EXPECTS = "state, got, endpoint, notification, cap, empty, parent, children, free, "
            + "exists, gone, bound, authority";
    private static final Set<String> RESERVED = Set.of("object", "cap", "fault-ep", "cover", "bind", "expect", "scenario",
            "variant", "check");
    private static final long MAX_WORD = Long.MAX_VALUE;

    private final Sel4Personality personality = new Sel4Personality();

    @Override
    public Personality<Sel4World> personality() {
        return personality;
    }

    @Override
    public Statement<Sel4World> statement(Line l) throws ScenarioException {
        Token first = l.word("a statement: object, cap, fault-ep, cover, bind, expect, or a thread and a system call (" + VERBS + ")");
        Statement<Sel4World> st = switch (first.text()) {
            case "object" -> step(object(l));
            case "cap" -> step(declareCap(l));
            case "fault-ep" -> step(new Sel4Action.DeclareFaultEp(name(l, "a TCB name"), num(l, "the fault handler's CPtr")));
            case "cover" -> step(new Sel4Action.DeclareCover(name(l, "an untyped name"), name(l, "the name of the object it covers")));
            case "bind" -> step(new Sel4Action.DeclareBind(name(l, "a TCB name"), name(l, "a notification name")));
            case "capdl" -> capsim.capdl.LoadCapdl.statement(l); // the system of a capDL file (docs/capdl.md)
            case "expect" -> expect(l);
            default -> {
                if (RESERVED.contains(first.text())) {
                    throw l.error(first, "expected a statement, found " + first.describe());
                }
                yield step(syscall(l, first.text()));
            }
        };
        l.end();
        return st;
    }

    private static Statement<Sel4World> step(Sel4Action a) {
        return new Statement.Step<>(a);
    }

    // ------------------------------------------------------------------ declarations

    private static Sel4Action object(Line l) throws ScenarioException {
        String name = name(l, "an object name");
        Token type = l.word("an object type (ut, cnode, tcb, ep, notification, frame, or a capDL word such as pt)");
        String word = type.text().toLowerCase(Locale.ROOT);
        ObjectType t = ObjectType.fromWord(word);
        if (t != null) {
            word = t.word();
        }
        int size = t == ObjectType.FRAME ? ObjectType.PAGE_BITS : t == null ? ObjectType.PAGE_BITS : 0;
        if (l.peekIs("size")) {
            l.next("");
            size = (int) l.number("size bits (untyped and frame size, CNode radix)", 0, 63);
        } else if (t == ObjectType.UNTYPED || t == ObjectType.CNODE) {
            throw l.errorAtEnd("expected 'size' and the " + (t == ObjectType.CNODE ? "radix" : "size bits") + " of " + name);
        }
        if (t != null && !t.sized()) {
            size = 0;
        }
        return new Sel4Action.DeclareObject(name, word, size);
    }

    private static Sel4Action declareCap(Line l) throws ScenarioException {
        Slot s = slot(l);
        l.equalsSign();
        String obj = name(l, "the name of the object the capability designates");
        CapRights rights = CapRights.ALL;
        long badge = 0;
        long guard = 0;
        int guardSize = 0;
        while (!l.atEnd()) {
            Token k = l.word("rights, badge, guard or the end of the line");
            switch (k.text()) {
                case "rights" -> rights = rights(l);
                case "badge" -> badge = num(l, "the badge");
                case "guard" -> {
                    guard = num(l, "the guard");
                    l.keyword("bits", "'bits' and the guard size");
                    guardSize = (int) l.number("the guard size in bits", 0, 64);
                }
                default -> throw l.error(k, "expected rights, badge, guard or the end of the line, found " + k.describe());
            }
        }
        return new Sel4Action.DeclareCap(s, obj, rights, badge, guard, guardSize);
    }

    // ------------------------------------------------------------------ system calls

    private static Sel4Action syscall(Line l, String t) throws ScenarioException {
        Token v = l.word("a system call (" + VERBS + ") after the thread name");
        switch (v.text()) {
            case "send", "nbsend", "call", "signal" -> {
                long cptr = num(l, "the CPtr to send through");
                Message m = message(l, v.is("call"));
                long into = -1;
                if (!l.atEnd()) {
                    l.keyword("into", "'into' and the receive slot's CPtr for the reply, or the end of the line");
                    into = num(l, "the receive slot's CPtr");
                }
                return new Sel4Action.Send(t, v.text(), cptr, m, into);
            }
            case "recv", "nbrecv", "wait", "poll" -> {
                long cptr = num(l, "the CPtr to receive on");
                long into = -1;
                if (!l.atEnd()) {
                    l.keyword("into", "'into' and the receive slot's CPtr, or the end of the line");
                    into = num(l, "the receive slot's CPtr");
                }
                return new Sel4Action.Recv(t, v.text(), cptr, into);
            }
            case "reply" -> {
                return new Sel4Action.Reply(t, message(l, false));
            }
            case "replyrecv" -> {
                long cptr = num(l, "the CPtr to receive on");
                Message m = message(l, true);
                long into = -1;
                if (!l.atEnd()) {
                    l.keyword("into", "'into' and the receive slot's CPtr, or the end of the line");
                    into = num(l, "the receive slot's CPtr");
                }
                return new Sel4Action.ReplyRecv(t, cptr, m, into);
            }
            case "fault" -> {
                Token k = l.word("a fault kind (vm, cap, unknown-syscall, user)");
                if (!List.of("vm", "cap", "unknown-syscall", "user").contains(k.text())) {
                    throw l.error(k, "expected a fault kind (vm, cap, unknown-syscall, user), found " + k.describe());
                }
                return new Sel4Action.Fault(t, k.text());
            }
            case "copy", "mint", "move", "mutate" -> {
                Sel4World.CNodeOp op = Sel4World.CNodeOp.valueOf(v.text().toUpperCase(Locale.ROOT));
                long svc = num(l, "the CNode's CPtr");
                long dest = num(l, "the destination index");
                long src = num(l, "the source index");
                Long srcRoot = null;
                if (l.peekIs("from")) {
                    l.next("");
                    srcRoot = num(l, "the CPtr of the CNode the source is looked up in");
                }
                CapRights rights = CapRights.ALL;
                Long badge = null;
                Long guard = null;
                Integer bits = null;
                if (op == Sel4World.CNodeOp.MINT) {
                    l.keyword("rights", "'rights' and the rights of the new capability");
                    rights = rights(l);
                }
                while (!l.atEnd()) {
                    Token k = l.word("an option or the end of the line");
                    if (k.is("rights") && op == Sel4World.CNodeOp.COPY) {
                        rights = rights(l);
                    } else if (k.is("badge") && (op == Sel4World.CNodeOp.MINT || op == Sel4World.CNodeOp.MUTATE)) {
                        badge = num(l, "the badge");
                    } else if (k.is("guard") && (op == Sel4World.CNodeOp.MINT || op == Sel4World.CNodeOp.MUTATE)) {
                        guard = num(l, "the guard");
                        l.keyword("bits", "'bits' and the guard size");
                        bits = (int) l.number("the guard size in bits", 0, 64);
                    } else {
                        throw l.error(k, "expected " + switch (op) {
                            case COPY -> "'rights'";
                            case MINT, MUTATE -> "'badge' or 'guard'";
                            case MOVE -> "the end of the line";
                        } + ", found " + k.describe());
                    }
                }
                return new Sel4Action.CNodeOp(t, op, svc, dest, src, srcRoot, rights, badge, guard, bits);
            }
            case "delete", "revoke" -> {
                long svc = num(l, "the CNode's CPtr");
                return new Sel4Action.DeleteOrRevoke(t, v.is("revoke"), svc, num(l, "the index of the slot"));
            }
            case "cancel-badged-sends" -> {
                long svc = num(l, "the CNode's CPtr");
                return new Sel4Action.CancelBadgedSends(t, svc, num(l, "the index of the endpoint capability's slot"));
            }
            case "retype" -> {
                long ut = num(l, "the untyped's CPtr");
                Token ty = l.word("an object type (ut, cnode, tcb, ep, notification, frame)");
                ObjectType type = ObjectType.fromWord(ty.text());
                if (type == null) {
                    throw l.error(ty, "expected an object type (ut, cnode, tcb, ep, notification, frame), found " + ty.describe());
                }
                int size = type == ObjectType.FRAME ? ObjectType.PAGE_BITS : 0;
                if (l.peekIs("size")) {
                    l.next("");
                    size = (int) l.number("size bits", 0, 63);
                } else if (type == ObjectType.UNTYPED || type == ObjectType.CNODE) {
                    throw l.error(l.peek("'size'"), "expected 'size' and the size bits, found " + l.peek("").describe());
                }
                if (!type.sized()) {
                    size = 0;
                }
                long svc = num(l, "the destination CNode's CPtr");
                long idx = num(l, "the first destination slot");
                int count = 1;
                String as = null;
                while (!l.atEnd()) {
                    Token k = l.word("'count', 'as' or the end of the line");
                    if (k.is("count")) {
                        count = (int) l.number("how many objects", 1, Sel4World.MAX_RETYPE);
                    } else if (k.is("as")) {
                        as = name(l, "a name for the new object");
                    } else {
                        throw l.error(k, "expected 'count', 'as' or the end of the line, found " + k.describe());
                    }
                }
                return new Sel4Action.Retype(t, ut, type, size, svc, idx, count, as);
            }
            case "configure" -> {
                long target = num(l, "the TCB's CPtr");
                Long fault = null;
                Long cspace = null;
                Long guard = null;
                Integer bits = null;
                Long vspace = null;
                Long buffer = null;
                while (!l.atEnd()) {
                    Token k = l.word("fault_ep, cspace, vspace, buffer or the end of the line");
                    switch (k.text()) {
                        case "fault_ep" -> fault = num(l, "the fault handler's CPtr");
                        case "cspace" -> {
                            cspace = num(l, "the CSpace root's CPtr");
                            if (l.peekIs("guard")) {
                                l.next("");
                                guard = num(l, "the guard");
                                l.keyword("bits", "'bits' and the guard size");
                                bits = (int) l.number("the guard size in bits", 0, 64);
                            }
                        }
                        case "vspace" -> vspace = num(l, "the VSpace root's CPtr");
                        case "buffer" -> buffer = num(l, "the IPC buffer frame's CPtr");
                        default -> throw l.error(k, "expected fault_ep, cspace, vspace, buffer or the end of the line, found "
                                + k.describe());
                    }
                }
                return new Sel4Action.Configure(t, target, fault, cspace, guard, bits, vspace, buffer);
            }
            case "suspend", "resume" -> {
                return new Sel4Action.SuspendResume(t, v.is("resume"), num(l, "the TCB's CPtr"));
            }
            case "bind-ntfn" -> {
                long target = num(l, "the TCB's CPtr");
                return new Sel4Action.BindNtfn(t, target, num(l, "the notification's CPtr"));
            }
            case "unbind-ntfn" -> {
                return new Sel4Action.BindNtfn(t, num(l, "the TCB's CPtr"), null);
            }
            default -> throw l.error(v, "expected a system call (" + VERBS + ") after the thread name, found " + v.describe());
        }
    }

    /** {@code [label L] [msg W,...] [caps C,...]}; with {@code stopAtInto} an {@code into} ends it. */
    private static Message message(Line l, boolean stopAtInto) throws ScenarioException {
        long label = 0;
        List<Long> words = List.of();
        List<Long> caps = List.of();
        while (!l.atEnd() && !(stopAtInto && l.peekIs("into"))) {
            Token k = l.word("label, msg, caps or the end of the line");
            switch (k.text()) {
                case "label" -> label = num(l, "the message label");
                case "msg" -> {
                    words = numbers(l, "a message word");
                    if (words.size() > Sel4World.MSG_MAX_LENGTH) {
                        throw l.error(k, "a message has at most " + Sel4World.MSG_MAX_LENGTH + " words, not " + words.size());
                    }
                }
                case "caps" -> {
                    caps = numbers(l, "a CPtr of a capability to send");
                    if (caps.size() > Sel4World.MAX_EXTRA_CAPS) {
                        throw l.error(k, "a message carries at most " + Sel4World.MAX_EXTRA_CAPS + " capabilities, not " + caps.size());
                    }
                }
                default -> throw l.error(k, "expected label, msg, caps" + (stopAtInto ? ", into" : "")
                        + " or the end of the line, found " + k.describe());
            }
        }
        return new Message(label, words, caps);
    }

    // ------------------------------------------------------------------ readers

    private static String name(Line l, String what) throws ScenarioException {
        Token t = l.word(what);
        if (RESERVED.contains(t.text())) {
            throw l.error(t, "expected " + what + ", found the keyword " + t.describe());
        }
        return t.text();
    }

    /** A non-negative number, decimal or 0x hexadecimal. */
    private static long num(Line l, String what) throws ScenarioException {
        Token t = l.word(what + " (a number)");
        return parse(l, t, what);
    }

    private static long parse(Line l, Token t, String what) throws ScenarioException {
        String s = t.text();
        try {
            long v = s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
            if (v < 0 || v > MAX_WORD) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw l.error(t, "expected " + what + " (a number from 0, decimal or 0x hex), found " + t.describe());
        }
    }

    private static List<Long> numbers(Line l, String what) throws ScenarioException {
        List<Long> out = new ArrayList<>();
        out.add(num(l, what));
        while (l.peekKind(Token.Kind.COMMA)) {
            l.next("");
            out.add(num(l, what));
        }
        return out;
    }

    private static CapRights rights(Line l) throws ScenarioException {
        Token t = l.word("rights (letters R, W, G, P, or -)");
        CapRights r = CapRights.fromWord(t.text());
        if (r == null) {
            throw l.error(t, "expected rights (letters R, W, G, P, or -), found " + t.describe());
        }
        return r;
    }

    /** {@code HOLDER[INDEX]} or {@code TCB[cspace|vspace|reply_slot|caller_slot|ipc_buffer_slot]}. */
    private static Slot slot(Line l) throws ScenarioException {
        String holder = name(l, "a CNode or TCB name and a slot, like cs[3] or t[cspace]");
        l.expect(Token.Kind.LBRACKET, "'[' and a slot index (a number, or a TCB slot: cspace, vspace, reply_slot, caller_slot, ipc_buffer_slot)");
        Token i = l.word("a slot index (a number, or a TCB slot: cspace, vspace, reply_slot, caller_slot, ipc_buffer_slot)");
        long index = Tcb.slotOf(i.text());
        if (index < 0) {
            index = parse(l, i, "a slot index (a number, or cspace, vspace, reply_slot, caller_slot, ipc_buffer_slot)");
        }
        l.expect(Token.Kind.RBRACKET, "']' after the slot index");
        return new Slot(holder, index);
    }

    // ------------------------------------------------------------------ expectations

    private static Statement<Sel4World> expect(Line l) throws ScenarioException {
        Token what = l.word("what to expect (" + EXPECTS + ", event, no event, invariant)");
        Function<Sel4World, String> f = switch (what.text()) {
            case "state" -> state(l);
            case "got" -> got(l);
            case "endpoint" -> endpoint(l);
            case "notification" -> notification(l);
            case "cap" -> cap(l);
            case "empty" -> empty(l);
            case "parent" -> parent(l);
            case "children" -> children(l);
            case "free" -> free(l);
            case "exists", "gone" -> exists(l, what.is("exists"));
            case "bound" -> bound(l);
            case "authority" -> authority(l);
            default -> throw l.error(what, "expected what to expect (" + EXPECTS + ", event, no event, invariant), found "
                    + what.describe());
        };
        return new Statement.Expect<>(f);
    }

    private static Function<Sel4World, String> state(Line l) throws ScenarioException {
        String t = name(l, "a thread name");
        l.equalsSign();
        Token s = l.word("a thread state (running, inactive, restart, blocked-on-send, blocked-on-receive, "
                + "blocked-on-reply, blocked-on-notification)");
        return w -> {
            Tcb x = w.tcb(t);
            if (x == null) {
                return "there is no thread " + t;
            }
            return x.state().word().equals(s.text()) ? null : t + " is " + x.state().word();
        };
    }

    /** {@code expect got T [from X] [badge B] [label L] [msg W,..|none] [caps N] [unwrapped B,..] [fault KIND]}. */
    private static Function<Sel4World, String> got(Line l) throws ScenarioException {
        String t = name(l, "a thread name");
        String from = null;
        Long badge = null;
        Long label = null;
        List<Long> words = null;
        Integer caps = null;
        List<Long> unwrapped = null;
        String fault = null;
        while (!l.atEnd()) {
            Token k = l.word("from, badge, label, msg, caps, unwrapped or fault");
            switch (k.text()) {
                case "from" -> from = name(l, "the sender (a thread, or the notification)");
                case "badge" -> badge = num(l, "the badge");
                case "label" -> label = num(l, "the label");
                case "msg" -> {
                    if (l.peekIs("none")) {
                        l.next("");
                        words = List.of();
                    } else {
                        words = numbers(l, "a message word");
                    }
                }
                case "caps" -> caps = (int) l.number("how many capabilities arrived", 0, Sel4World.MAX_EXTRA_CAPS);
                case "unwrapped" -> unwrapped = numbers(l, "an unwrapped badge");
                case "fault" -> fault = l.word("a fault kind").text();
                default -> throw l.error(k, "expected from, badge, label, msg, caps, unwrapped or fault, found " + k.describe());
            }
        }
        String wFrom = from;
        Long wBadge = badge;
        Long wLabel = label;
        List<Long> wWords = words;
        Integer wCaps = caps;
        List<Long> wUnwrapped = unwrapped;
        String wFault = fault;
        return w -> {
            Tcb x = w.tcb(t);
            if (x == null) {
                return "there is no thread " + t;
            }
            Received r = x.received();
            if (r == null) {
                return t + " has received nothing yet";
            }
            boolean ok = (wFrom == null || wFrom.equals(r.from())) && (wBadge == null || wBadge == r.badge())
                    && (wLabel == null || wLabel == r.label()) && (wWords == null || wWords.equals(r.words()))
                    && (wCaps == null || wCaps == r.capsTransferred()) && (wUnwrapped == null || wUnwrapped.equals(r.unwrapped()))
                    && (wFault == null || wFault.equals(r.fault()));
            return ok ? null : t + " got " + r.text();
        };
    }

    private static List<String> names(Line l) throws ScenarioException {
        List<String> out = new ArrayList<>();
        out.add(name(l, "a thread name"));
        while (l.peekKind(Token.Kind.COMMA)) {
            l.next("");
            out.add(name(l, "a thread name"));
        }
        return out;
    }

    /** {@code expect endpoint E = idle | send T,.. | recv T,..}. */
    private static Function<Sel4World, String> endpoint(Line l) throws ScenarioException {
        String e = name(l, "an endpoint name");
        l.equalsSign();
        Token s = l.word("idle, send or recv");
        Endpoint.State want = switch (s.text()) {
            case "idle" -> Endpoint.State.IDLE;
            case "send" -> Endpoint.State.SEND;
            case "recv" -> Endpoint.State.RECV;
            default -> throw l.error(s, "expected idle, send or recv, found " + s.describe());
        };
        List<String> queue = want == Endpoint.State.IDLE ? List.of() : names(l);
        return w -> {
            if (!(w.object(e) instanceof Endpoint ep)) {
                return "there is no endpoint " + e;
            }
            return ep.state() == want && ep.queue().equals(queue) ? null
                    : e + " is " + ep.state().name().toLowerCase(Locale.ROOT) + " " + ep.queue();
        };
    }

    /** {@code expect notification N = idle | active W | waiting T,..}. */
    private static Function<Sel4World, String> notification(Line l) throws ScenarioException {
        String n = name(l, "a notification name");
        l.equalsSign();
        Token s = l.word("idle, active or waiting");
        Notification.State want;
        long word = 0;
        List<String> queue = List.of();
        switch (s.text()) {
            case "idle" -> want = Notification.State.IDLE;
            case "active" -> {
                want = Notification.State.ACTIVE;
                word = num(l, "the notification word");
            }
            case "waiting" -> {
                want = Notification.State.WAITING;
                queue = names(l);
            }
            default -> throw l.error(s, "expected idle, active or waiting, found " + s.describe());
        }
        long wWord = word;
        List<String> wQueue = queue;
        return w -> {
            if (!(w.object(n) instanceof Notification nt)) {
                return "there is no notification " + n;
            }
            boolean ok = nt.state() == want && (want != Notification.State.ACTIVE || nt.word() == wWord)
                    && nt.queue().equals(wQueue);
            return ok ? null : n + " is " + nt.state().name().toLowerCase(Locale.ROOT) + " word " + nt.word() + " " + nt.queue();
        };
    }

    /** {@code expect cap H[S] = [reply] OBJECT [rights R] [badge B]}. */
    private static Function<Sel4World, String> cap(Line l) throws ScenarioException {
        Slot s = slot(l);
        l.equalsSign();
        boolean reply = false;
        if (l.peekIs("reply")) {
            l.next("");
            reply = true;
        }
        String obj = name(l, "the object the capability designates");
        CapRights rights = null;
        Long badge = null;
        while (!l.atEnd()) {
            Token k = l.word("rights, badge or the end of the line");
            switch (k.text()) {
                case "rights" -> rights = rights(l);
                case "badge" -> badge = num(l, "the badge");
                default -> throw l.error(k, "expected rights, badge or the end of the line, found " + k.describe());
            }
        }
        boolean wReply = reply;
        CapRights wRights = rights;
        Long wBadge = badge;
        return w -> {
            Cap c = w.cap(s);
            if (c == null) {
                return s + " is empty";
            }
            boolean ok = obj.equals(c.object()) && (c.kind() == CapKind.REPLY) == wReply
                    && (wRights == null || wRights.equals(c.rights())) && (wBadge == null || wBadge == c.badge());
            return ok ? null : s + " holds " + c.text();
        };
    }

    private static Function<Sel4World, String> empty(Line l) throws ScenarioException {
        Slot s = slot(l);
        return w -> w.cap(s) == null ? null : s + " holds " + w.cap(s).text();
    }

    /** {@code expect parent H[S] = H[S] | none}. */
    private static Function<Sel4World, String> parent(Line l) throws ScenarioException {
        Slot s = slot(l);
        l.equalsSign();
        Slot p = l.peekIs("none") ? null : slot(l);
        if (p == null) {
            l.next("");
        }
        return w -> {
            if (w.cap(s) == null) {
                return s + " is empty";
            }
            Slot have = w.parent(s);
            return p == null ? (have == null ? null : s + "'s parent is " + have)
                    : (p.equals(have) ? null : s + "'s parent is " + (have == null ? "none" : have));
        };
    }

    private static Function<Sel4World, String> children(Line l) throws ScenarioException {
        Slot s = slot(l);
        l.equalsSign();
        long n = l.number("the number of CDT children", 0, Integer.MAX_VALUE);
        return w -> w.children(s).size() == n ? null : s + " has CDT children " + w.children(s);
    }

    private static Function<Sel4World, String> free(Line l) throws ScenarioException {
        String u = name(l, "an untyped name");
        l.equalsSign();
        long n = num(l, "the free index in bytes");
        return w -> {
            if (!(w.object(u) instanceof Untyped ut)) {
                return "there is no untyped " + u;
            }
            return ut.freeIndex() == n ? null : u + "'s free index is " + ut.freeIndex();
        };
    }

    private static Function<Sel4World, String> exists(Line l, boolean want) throws ScenarioException {
        String n = name(l, "an object name");
        return w -> {
            Sel4Object o = w.object(n);
            return (o != null) == want ? null : n + (o != null ? " exists (" + o.type().word() + ")" : " does not exist");
        };
    }

    private static Function<Sel4World, String> bound(Line l) throws ScenarioException {
        String t = name(l, "a thread name");
        l.equalsSign();
        String n = l.word("a notification name or none").text();
        return w -> {
            Tcb x = w.tcb(t);
            if (x == null) {
                return "there is no thread " + t;
            }
            String have = x.boundNotification() == null ? "none" : x.boundNotification();
            return have.equals(n) ? null : t + " is bound to " + have;
        };
    }

    /** {@code expect authority T over OBJECT = yes|no}: the take-grant closure of the state here. */
    private static Function<Sel4World, String> authority(Line l) throws ScenarioException {
        String t = name(l, "a thread name");
        l.keyword("over", "'over' and an object name");
        String obj = name(l, "an object name");
        l.equalsSign();
        Token yn = l.word("yes or no");
        if (!yn.is("yes") && !yn.is("no")) {
            throw l.error(yn, "expected yes or no, found " + yn.describe());
        }
        boolean want = yn.is("yes");
        return w -> {
            if (w.tcb(t) == null) {
                return "there is no thread " + t;
            }
            boolean has = Authority.closure(w).reaches(t, obj);
            return has == want ? null : t + (has ? " could come to hold a capability to " : " could never hold a capability to ") + obj;
        };
    }
}
