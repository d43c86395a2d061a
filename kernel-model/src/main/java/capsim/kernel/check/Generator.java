package capsim.kernel.check;

import capsim.kernel.Action;
import capsim.kernel.BufferSlot;
import capsim.kernel.CapAddress;
import capsim.kernel.CapPage;
import capsim.kernel.CapType;
import capsim.kernel.Frame;
import capsim.kernel.Kernel;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import capsim.kernel.MessageBuffer;
import capsim.kernel.Operation;
import capsim.kernel.Operations;
import capsim.kernel.Rights;
import capsim.kernel.Spec;
import capsim.kernel.variant.QueueModel;
import capsim.kernel.variant.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random worlds and random steps, from one seed. A world has 2-4 threads, each in its own activity (some with
 * small quotas) with a root page laid out the same way, so that random addresses mostly mean something:
 *
 * <pre>
 *  0 own activity   1 own thread   2 own root page   3-5 own buffers   6 own queue (queue designs)
 *  7 own message page (the sender keeps it mapped)   8-11 other threads' targets (weak)
 *  12 a shared page (strong for one thread, read-only for another)   13-15, 96-99 free
 *  32-63 where messages are received (the range no-disclosure relabels)
 * </pre>
 *
 * <p>Worlds are drawn to reach boundaries as well as the common case: thread activities often sit under a
 * chain of group activities (trees three or four deep) whose quotas leave room for only a page or two
 * beyond what the world declares, so multi-page steps meet an ancestor exactly at its limit; some worlds
 * hold a hoard, an activity with more than B frames that every thread can free (slot 15); some fill every
 * slot of t0's root page (a full capability page); now and then a message fills its page with capability
 * addresses.
 */
final class Generator implements Operation.RandomArgs {
    /** Free slots random steps store into. */
    private static final int[] FREE = {13, 14, 15, 96, 97, 98, 99};
    private final SplittableRandom rnd;
    private final Variant variant;
    private final int workBound;
    private final Operations operations;

    Generator(SplittableRandom rnd, Variant variant, int workBound) {
        this(rnd, variant, workBound, Operations.SHIPPED);
    }

    /** A generator drawing steps from {@code operations} (their weights and draw order). */
    Generator(SplittableRandom rnd, Variant variant, int workBound, Operations operations) {
        this.rnd = rnd;
        this.variant = variant;
        this.workBound = workBound;
        this.operations = operations;
    }

    @Override
    public boolean queues() {
        return variant.queues() == QueueModel.FIRST_CLASS;
    }

    /** Objects (activity objects included) a thread's declarations charge to its activity. */
    private int perThread() {
        return 1 + 2 + 1 + 3 + (queues() ? 1 : 0);
    }

    Spec world() {
        Spec.Builder b = new Spec.Builder();
        int threads = 2 + rnd.nextInt(3);
        boolean sharedPage = rnd.nextInt(3) > 0;
        if (sharedPage) {
            b.add(new Spec.ActivityDecl("common", null, 0));
            b.add(new Spec.ObjectDecl("shelf", CapType.CAPPAGE, "common"));
            b.add(new Spec.ObjectDecl("shelf_frame", CapType.FRAME, "common"));
        }
        // Half the worlds put the thread activities under one or two group activities whose quota leaves
        // 0-3 pages of room over what is declared: shared ancestors at (or next to) their limit.
        int groups = rnd.nextBoolean() ? 1 + rnd.nextInt(2) : 0;
        String parent = null;
        int hoardSize = rnd.nextInt(5) == 0 ? workBound + 1 + rnd.nextInt(16) : 0;
        for (int g = 0; g < groups; g++) {
            int under = (groups - g - 1) + threads * perThread() + (g == 0 && hoardSize > 0 ? 1 + hoardSize : 0);
            b.add(new Spec.ActivityDecl("grp" + g, parent, under + rnd.nextInt(4)));
            parent = "grp" + g;
        }
        if (hoardSize > 0) {
            // More than B objects in one activity: freeing it is the biggest destruction a step can start.
            b.add(new Spec.ActivityDecl("hoard", groups > 0 ? "grp0" : null, 0));
            for (int i = 0; i < hoardSize; i++) {
                b.add(new Spec.ObjectDecl("hoard" + i, CapType.FRAME, "hoard"));
            }
        }
        for (int t = 0; t < threads; t++) {
            String a = "act" + t;
            long quota = switch (rnd.nextInt(5)) {
                case 0 -> 0;
                case 1 -> perThread() - 1 + rnd.nextInt(3);
                case 2 -> 12 + rnd.nextInt(4);
                default -> 16 + rnd.nextInt(16);
            };
            b.add(new Spec.ActivityDecl(a, parent, quota));
            b.add(new Spec.ObjectDecl("root" + t, CapType.CAPPAGE, a));
            b.add(new Spec.ObjectDecl("t" + t, CapType.THREAD, a));
            b.add(new Spec.ThreadDecl("t" + t, "root" + t, a));
            b.add(new Spec.ObjectDecl("page" + t, CapType.FRAME, a));
            for (int i = 0; i < 3; i++) {
                b.add(new Spec.ObjectDecl("buf" + t + "_" + i, CapType.MESSAGE_BUFFER, a));
            }
            if (queues()) {
                b.add(new Spec.ObjectDecl("q" + t, CapType.MESSAGE_QUEUE, a));
            }
        }
        for (int t = 0; t < threads; t++) {
            String root = "root" + t;
            b.add(new Spec.SlotDecl(root, 0, "act" + t, Rights.FULL, 0));
            b.add(new Spec.SlotDecl(root, 1, "t" + t, Rights.FULL, 0));
            b.add(new Spec.SlotDecl(root, 2, root, Rights.FULL, 0));
            for (int i = 0; i < 3; i++) {
                String buf = "buf" + t + "_" + i;
                b.add(new Spec.SlotDecl(root, 3 + i, buf, Rights.FULL, 0));
                b.add(new Spec.BufferSlotDecl(buf, BufferSlot.THREAD, "t" + t, Rights.FULL));
                b.add(new Spec.BufferSlotDecl(buf, BufferSlot.AS_ROOT, root, Rights.FULL));
                int flags = rnd.nextInt(4);
                if (flags != 0 || rnd.nextBoolean()) {
                    b.add(new Spec.BufferDecl(buf, flags, 100 * t + i, !queues() && rnd.nextInt(5) == 0));
                }
            }
            b.add(new Spec.BufferSlotDecl("buf" + t + "_0", BufferSlot.PAYLOAD, "page" + t, Rights.FULL));
            b.add(new Spec.SlotDecl(root, 7, "page" + t, Rights.FULL, 0));
            if (queues()) {
                b.add(new Spec.SlotDecl(root, 6, "q" + t, Rights.FULL, 0));
            }
            for (int k = 0; k < Math.min(4, threads - 1); k++) {
                int other = (t + 1 + k) % threads;
                String target = queues() ? "q" + other : "buf" + other + "_" + rnd.nextInt(3);
                b.add(new Spec.SlotDecl(root, 8 + k, target, Rights.WEAK, rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(9) : 0));
            }
            if (sharedPage && t < 2) {
                b.add(new Spec.SlotDecl(root, 12, "shelf", t == 0 ? Rights.FULL : Rights.WEAK, 0));
            }
            if (hoardSize > 0) {
                b.add(new Spec.SlotDecl(root, 15, "hoard", Rights.FULL, 0));
            }
        }
        if (sharedPage) {
            b.add(new Spec.SlotDecl("shelf", 0, "shelf_frame", Rights.FULL, 0));
            b.add(new Spec.SlotDecl("shelf", 1, "act0", Rights.FULL, 0));
        }
        if (rnd.nextInt(8) == 0) {
            // A full capability page: every slot of t0's root page holds something (weak copies of its own
            // page where the layout leaves a slot empty), so every store into it replaces a capability.
            java.util.Set<Integer> used = new java.util.HashSet<>();
            for (Spec.Decl d : b.build().decls()) {
                if (d instanceof Spec.SlotDecl sd && sd.page().equals("root0")) {
                    used.add(sd.slot());
                }
            }
            for (int slot = 0; slot < CapPage.SLOTS; slot++) {
                if (!used.contains(slot)) {
                    b.add(new Spec.SlotDecl("root0", slot, "page0", Rights.WEAK, 0));
                }
            }
        }
        return b.build();
    }

    /** A random step by a live thread of {@code k} (or the kernel's resume), mostly one the kernel accepts. */
    Action step(Kernel k, List<Integer> threads) {
        if (k.unfinishedWork() > 0 && rnd.nextInt(3) == 0) {
            return new Action.Resume();
        }
        List<Integer> live = new ArrayList<>();
        for (int t : threads) {
            if (k.heap().get(t) instanceof KernelThread) {
                live.add(t);
            }
        }
        if (live.isEmpty()) {
            return new Action.Resume();
        }
        int t = live.get(rnd.nextInt(live.size()));
        // Which operation: the weights and draw order of Operations; its arguments: the operation's own draw.
        return operations.pick(rnd.nextInt(operations.totalWeight())).draw(this, k, t);
    }

    @Override
    public SplittableRandom rnd() {
        return rnd;
    }

    @Override
    public int own() {
        return CapAddress.of(3 + rnd.nextInt(3));
    }

    @Override
    public int free() {
        return FREE[rnd.nextInt(FREE.length)];
    }

    @Override
    public int anySlot() {
        int[] from = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 14, 15, 32, 33};
        int s = from[rnd.nextInt(from.length)];
        return s == 12 && rnd.nextBoolean() ? CapAddress.of(12, rnd.nextInt(2)) : CapAddress.of(s);
    }

    @Override
    public int target(int thread, Kernel k) {
        int r = rnd.nextInt(10);
        if (r < 7) {
            return CapAddress.of(8 + rnd.nextInt(3));
        }
        if (r < 9) {
            return queues() ? CapAddress.of(6) : own();
        }
        return CapAddress.of(free());
    }

    /** Capability addresses: a few, sometimes many (past the work bound), naming own slots or receive slots. */
    @Override
    public int[] message() {
        int n = switch (rnd.nextInt(200)) {
            case 0 -> FULL_PAGE;
            case 1, 2, 3, 4, 5, 6, 7, 8, 9 -> workBound + rnd.nextInt(workBound);
            case 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29 -> 4 + rnd.nextInt(12);
            default -> rnd.nextInt(4);
        };
        int[] a = new int[n];
        boolean receiving = rnd.nextBoolean();
        for (int i = 0; i < n; i++) {
            a[i] = receiving ? CapAddress.of(NoDisclosure.LOW + rnd.nextInt(NoDisclosure.WIDTH)) : anySlot();
        }
        return a;
    }

    /** The most capability addresses a message page holds (no bytes). */
    static final int FULL_PAGE = Action.WriteMessage.FULL_PAGE;

    @Override
    public byte[] bytes() {
        byte[] b = new byte[rnd.nextInt(5) == 0 ? rnd.nextInt(600) : rnd.nextInt(16)];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) ('a' + rnd.nextInt(26));
        }
        return b;
    }

    /** The thread oids of a built world. */
    static List<Integer> threads(Kernel k) {
        List<Integer> out = new ArrayList<>();
        for (int oid = 0; oid < k.heap().highWater(); oid++) {
            if (k.heap().get(oid) instanceof KernelThread) {
                out.add(oid);
            }
        }
        return out;
    }

    static boolean isBlockedBuffer(KernelObject o) {
        return o instanceof MessageBuffer b && b.blocked();
    }
}
