package capsim.personality.sel4;

import capsim.personality.RandomPick;
import capsim.personality.PersonalityAction;
import capsim.personality.Personality;
import capsim.personality.PersonalityInvariant;
import capsim.personality.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * seL4 (non-MCS kernel) as the executable specification (seL4/l4v spec/haskell) defines it: untyped memory
 * retyped into CNodes, TCBs, endpoints, notifications and frames; synchronous IPC with badges, grant and
 * capability transfer, reply capabilities made by Call and used once by Reply; notifications; the capability
 * derivation tree with copy, mint, move, mutate, delete and revoke; faults sent to a fault endpoint. See
 * docs/personality-sel4.md.
 */
public final class Sel4Personality implements Personality<Sel4World> {
    /** capDL's words for paging structures (kept as {@link PagingStructure}s). */
    public static final Set<String> PAGING_WORDS = Set.of("pt", "pd", "pdpt", "pml4", "pud", "pgd", "vspace", "ept_pt",
            "ept_pd", "ept_pdpt", "ept_pml4", "io_pt");

    /** CPtrs of the generated CSpaces (radix 5, guard 0 of 59 bits: CPtr n is slot n). */
    static final long EP1 = 1;
    static final long EP2 = 2;
    static final long NTFN = 3;
    static final long UT = 4;
    static final long SELF = 5;
    static final long OTHER_TCB = 6;
    static final long FRAME = 7;
    /** The supervisor's TCB capabilities to a, b, c. */
    static final long SUP_TCBS = 8;
    static final int FIRST_FREE = 16;
    static final int RADIX = 5;

    @Override
    public String name() {
        return "sel4";
    }

    @Override
    public String summary() {
        return "seL4 (non-MCS): untyped retype, CNodes and the CDT, endpoints with badges and grant, Call/Reply, notifications";
    }

    @Override
    public Sel4World newWorld() {
        return new Sel4World();
    }

    @Override
    public List<PersonalityInvariant<Sel4World>> invariants() {
        return List.of(new CdtConsistent(), new NoDanglingCap(), new ReplyOnce(), new QueuesConsistent(),
                new UntypedChildren(), new AuthorityConfinement());
    }

    @Override
    public capsim.personality.SequenceMap<Sel4World> sequence() {
        return new Sel4Chart();
    }

    @Override
    public List<Role> roles() {
        return List.of(
                new Role("tcb", "ellipse", "#e4d4f4", "a thread control block: CSpace root, VSpace root, IPC buffer, reply slots"),
                new Role("cnode", "folder", "#fff4b8", "a CNode: 2^radix capability slots (the first 256 drawn)"),
                new Role("ep", "cds", "#c9ecf5", "an endpoint: idle, or a queue of senders or of receivers; stores no message"),
                new Role("notification", "octagon", "#f9c6d0", "a notification: a word of badge bits OR-ed by signals"),
                new Role("ut", "box3d", "#d8f0d0", "untyped memory: objects are retyped from it at its free index"),
                new Role("frame", "note", "#fdf1d6", "a frame: passive memory (an IPC buffer, a mapped page)"),
                new Role("paging", "tab", "#e0e0e0", "a paging structure: passive, kept and drawn"),
                new Role("other", "component", "#eeeeee", "an object capsim keeps without simulating (ASID pool, IRQ, ...)"));
    }

    /**
     * Three threads a, b, c, each with its own CSpace (a CNode of 32 slots, guard 0 of 59 bits, so CPtr n is slot
     * n): two endpoints and a notification with random rights and badges, an untyped for a, a CNode capability to
     * its own CSpace (slot 5), sometimes a TCB capability to another thread (slot 6), sometimes an IPC buffer and a
     * fault handler; in half of the runs a supervisor holding TCB capabilities to all three.
     */
    @Override
    public List<PersonalityAction<Sel4World>> randomSetup(SplittableRandom rnd) {
        List<PersonalityAction<Sel4World>> out = new ArrayList<>();
        String[] ts = {"a", "b", "c"};
        out.add(new Sel4Action.DeclareObject("ut", "ut", 12));
        out.add(new Sel4Action.DeclareObject("ep1", "ep", 0));
        out.add(new Sel4Action.DeclareObject("ep2", "ep", 0));
        out.add(new Sel4Action.DeclareObject("n1", "notification", 0));
        for (String t : ts) {
            out.add(new Sel4Action.DeclareObject(t, "tcb", 0));
            out.add(new Sel4Action.DeclareObject(t + "_cs", "cnode", RADIX));
            out.add(new Sel4Action.DeclareCap(new Slot(t, Tcb.CTABLE), t + "_cs", CapRights.ALL, 0, 0, 64 - RADIX));
            out.add(new Sel4Action.DeclareCap(new Slot(t + "_cs", SELF), t + "_cs", CapRights.ALL, 0, 0, 64 - RADIX));
            out.add(cap(t, EP1, "ep1", rights(rnd), rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(7)));
            if (rnd.nextInt(4) != 0) {
                out.add(cap(t, EP2, "ep2", rights(rnd), rnd.nextInt(2) == 0 ? 0 : 1 + rnd.nextInt(7)));
            }
            if (rnd.nextInt(3) != 0) {
                out.add(cap(t, NTFN, "n1", rights(rnd), 1L << rnd.nextInt(4)));
            }
            if (rnd.nextInt(3) != 0) {
                out.add(new Sel4Action.DeclareObject(t + "_buf", "frame", ObjectType.PAGE_BITS));
                out.add(new Sel4Action.DeclareCap(new Slot(t, Tcb.IPC_BUFFER), t + "_buf", CapRights.ALL, 0, 0, 0));
                if (rnd.nextBoolean()) {
                    out.add(cap(t, FRAME, t + "_buf", new CapRights(true, true, false, false), 0));
                }
            }
            if (rnd.nextInt(3) == 0) {
                out.add(new Sel4Action.DeclareFaultEp(t, rnd.nextBoolean() ? EP1 : EP2));
            }
        }
        out.add(cap("a", UT, "ut", CapRights.ALL, 0));
        if (rnd.nextBoolean()) {
            out.add(cap("b", UT, "ut", CapRights.ALL, 0));
        }
        if (rnd.nextBoolean()) {
            out.add(cap(RandomPick.pick(ts, rnd), OTHER_TCB, RandomPick.pick(ts, rnd), CapRights.ALL, 0));
        }
        if (rnd.nextInt(4) == 0) {
            out.add(new Sel4Action.DeclareBind(RandomPick.pick(ts, rnd), "n1"));
        }
        if (rnd.nextBoolean()) {
            // a supervisor that can suspend and resume the others (it makes them all one island for authority)
            out.add(new Sel4Action.DeclareObject("sup", "tcb", 0));
            out.add(new Sel4Action.DeclareObject("sup_cs", "cnode", RADIX));
            out.add(new Sel4Action.DeclareCap(new Slot("sup", Tcb.CTABLE), "sup_cs", CapRights.ALL, 0, 0, 64 - RADIX));
            out.add(new Sel4Action.DeclareCap(new Slot("sup_cs", SELF), "sup_cs", CapRights.ALL, 0, 0, 64 - RADIX));
            for (int i = 0; i < ts.length; i++) {
                out.add(cap("sup", SUP_TCBS + i, ts[i], CapRights.ALL, 0));
            }
        }
        return out;
    }

    private static Sel4Action cap(String t, long slot, String obj, CapRights r, long badge) {
        return new Sel4Action.DeclareCap(new Slot(t + "_cs", slot), obj, r, badge, 0, 0);
    }

    private static CapRights rights(SplittableRandom rnd) {
        return new CapRights(rnd.nextInt(4) != 0, rnd.nextInt(4) != 0, rnd.nextInt(3) == 0, rnd.nextInt(3) == 0);
    }

    /**
     * Mostly system calls of running threads on the CPtrs they hold (sends and calls with words and capabilities,
     * receives into a free slot, replies), CNode operations between their slots, retypes from the untyped, TCB
     * operations, signals, faults; now and then a step by a blocked thread or on an empty CPtr.
     */
    @Override
    public PersonalityAction<Sel4World> randomStep(Sel4World w, SplittableRandom rnd) {
        List<String> threads = new ArrayList<>();
        List<String> running = new ArrayList<>();
        for (Sel4Object o : w.objects().values()) {
            if (o instanceof Tcb t && !t.name().equals("sup")) {
                threads.add(t.name());
                if (t.state().runnable()) {
                    running.add(t.name());
                }
            }
        }
        if (threads.isEmpty()) {
            return new Sel4Action.DeclareObject("t" + rnd.nextInt(100), "tcb", 0);
        }
        String t = running.isEmpty() || rnd.nextInt(12) == 0 ? RandomPick.pick(threads, rnd) : RandomPick.pick(running, rnd);
        if (w.tcb("sup") != null && (running.isEmpty() || rnd.nextInt(6) == 0)) {
            long target = SUP_TCBS + rnd.nextInt(3);
            return new Sel4Action.SuspendResume("sup", running.isEmpty() || rnd.nextInt(3) != 0, target);
        }
        long ipc = rnd.nextInt(10) == 0 ? rnd.nextInt(16) : rnd.nextBoolean() ? EP1 : EP2;
        long free = FIRST_FREE + rnd.nextInt((1 << RADIX) - FIRST_FREE);
        long into = rnd.nextInt(4) == 0 ? -1 : free;
        int roll = rnd.nextInt(100);
        if (roll < 14) {
            return new Sel4Action.Send(t, "send", ipc, message(rnd));
        }
        if (roll < 18) {
            return new Sel4Action.Send(t, "nbsend", ipc, message(rnd));
        }
        if (roll < 30) {
            return new Sel4Action.Send(t, "call", ipc, message(rnd), into);
        }
        if (roll < 44) {
            return new Sel4Action.Recv(t, rnd.nextInt(5) == 0 ? "nbrecv" : "recv", ipc, into);
        }
        if (roll < 52) {
            return new Sel4Action.Reply(t, message(rnd));
        }
        if (roll < 56) {
            return new Sel4Action.ReplyRecv(t, ipc, message(rnd), into);
        }
        if (roll < 62) {
            return switch (rnd.nextInt(3)) {
                case 0 -> new Sel4Action.Send(t, "signal", NTFN, Message.EMPTY);
                case 1 -> new Sel4Action.Recv(t, "wait", NTFN, -1);
                default -> new Sel4Action.Recv(t, "poll", NTFN, -1);
            };
        }
        long src = rnd.nextInt(4) == 0 ? FIRST_FREE + rnd.nextInt((1 << RADIX) - FIRST_FREE) : 1 + rnd.nextInt(7);
        long service = rnd.nextInt(10) == 0 ? rnd.nextInt(16) : SELF;
        if (roll < 66) {
            return new Sel4Action.CNodeOp(t, Sel4World.CNodeOp.COPY, service, free, src, null, rights(rnd), null, null, null);
        }
        if (roll < 71) {
            return new Sel4Action.CNodeOp(t, Sel4World.CNodeOp.MINT, service, free, src, null, rights(rnd),
                    (long) rnd.nextInt(16), null, null);
        }
        if (roll < 74) {
            return new Sel4Action.CNodeOp(t, Sel4World.CNodeOp.MOVE, service, free, src, null, CapRights.ALL, null, null, null);
        }
        if (roll < 76) {
            return new Sel4Action.CNodeOp(t, Sel4World.CNodeOp.MUTATE, service, free, src, null, CapRights.ALL,
                    (long) rnd.nextInt(16), null, null);
        }
        if (roll < 81) {
            return new Sel4Action.DeleteOrRevoke(t, false, service, rnd.nextInt(3) == 0 ? src : free);
        }
        if (roll < 85) {
            return rnd.nextInt(4) == 0 ? new Sel4Action.CancelBadgedSends(t, service, src)
                    : new Sel4Action.DeleteOrRevoke(t, true, service, rnd.nextBoolean() ? UT : src);
        }
        if (roll < 92) {
            ObjectType type = RandomPick.pick(new ObjectType[] {ObjectType.ENDPOINT, ObjectType.NOTIFICATION, ObjectType.TCB,
                ObjectType.CNODE, ObjectType.FRAME, ObjectType.UNTYPED}, rnd);
            int size = switch (type) {
                case CNODE -> 1 + rnd.nextInt(4);
                case UNTYPED -> 4 + rnd.nextInt(10);
                case FRAME -> 12;
                default -> 0;
            };
            return new Sel4Action.Retype(t, rnd.nextInt(8) == 0 ? src : UT, type, size, SELF, free,
                    rnd.nextInt(3) == 0 ? 2 + rnd.nextInt(2) : 1, null);
        }
        if (roll < 95) {
            return new Sel4Action.Fault(t, RandomPick.pick(new String[] {"vm", "cap", "unknown-syscall", "user"}, rnd));
        }
        long target = rnd.nextInt(4) == 0 ? free : OTHER_TCB;
        return switch (rnd.nextInt(5)) {
            case 0 -> new Sel4Action.SuspendResume(t, false, target);
            case 1 -> new Sel4Action.SuspendResume(t, true, target);
            case 2 -> new Sel4Action.BindNtfn(t, target, rnd.nextBoolean() ? NTFN : null);
            default -> {
                Long cspace = rnd.nextBoolean() ? (Long) (rnd.nextBoolean() ? SELF : src) : null;
                Integer bits = cspace != null && rnd.nextBoolean() ? (Integer) (64 - RADIX) : null;
                yield new Sel4Action.Configure(t, target, rnd.nextBoolean() ? (Long) EP1 : null, cspace,
                        bits != null ? (Long) 0L : null, bits, null, rnd.nextBoolean() ? (Long) FRAME : null);
            }
        };
    }

    private static Message message(SplittableRandom rnd) {
        List<Long> words = new ArrayList<>();
        int n = rnd.nextInt(8) == 0 ? 5 + rnd.nextInt(6) : rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            words.add((long) rnd.nextInt(100));
        }
        List<Long> caps = new ArrayList<>();
        int k = rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(2) : 0;
        for (int i = 0; i < k; i++) {
            caps.add((long) (1 + rnd.nextInt(7)));
        }
        return new Message(rnd.nextInt(4) == 0 ? rnd.nextInt(4) : 0, words, caps);
    }
}
