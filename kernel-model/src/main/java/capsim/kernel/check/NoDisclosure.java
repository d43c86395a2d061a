package capsim.kernel.check;

import capsim.kernel.Action;
import capsim.kernel.Boot;
import capsim.kernel.BufferSlot;
import capsim.kernel.CapAddress;
import capsim.kernel.CapPage;
import capsim.kernel.Capability;
import capsim.kernel.Frame;
import capsim.kernel.Kernel;
import capsim.kernel.KernelException;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import capsim.kernel.MessageBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * No disclosure, as a relational property: nothing another thread can read depends on a target's private
 * slot layout. For each thread X a twin run starts from the same state with X's slot layout relabelled
 * (slots 32-63 of its root page swapped with 64-95, consistently in its page, in its buffers' message pages
 * and in every address of its own steps), so X behaves identically in both runs. Every other thread Y that
 * could not tell the two starts apart must still see the same frame contents after each step. If the first
 * difference Y sees comes from an explicit act (writing a page, copying a capability) or a message of X, or
 * of any thread that already holds what X gave away (a grantee of X, or of a grantee: the take-grant closure
 * of X's grants), X disclosed it by choice: Y is no longer compared and becomes a grantee in turn. A
 * difference in a page the kernel itself moved or wrote during the step, or any other difference, is the
 * kernel disclosing X's layout.
 * Source: seed 001, Shapiro: "Why would it be appropriate for the kernel to disclose to the sender the
 * addresses in the target address space?"; seL4's confidentiality proof is stated the same way.
 */
public final class NoDisclosure implements RelationalInvariant {
    /** The relabelled ranges of slot indices in a target's root page. */
    static final int LOW = 32;
    static final int WIDTH = 32;

    public String name() {
        return "no-disclosure";
    }

    public String description() {
        return "nothing a thread can read depends on another thread's private slot layout";
    }

    public Session start(Kernel initial) {
        return new Twins(initial);
    }

    static int relabel(int slot) {
        if (slot >= LOW && slot < LOW + WIDTH) {
            return slot + WIDTH;
        }
        if (slot >= LOW + WIDTH && slot < LOW + 2 * WIDTH) {
            return slot - WIDTH;
        }
        return slot;
    }

    /** The address with its first-level slot relabelled. */
    static int relabelAddress(int address) {
        if (CapAddress.isNone(address)) {
            return address;
        }
        int depth = CapAddress.depth(address);
        int[] path = new int[depth];
        for (int i = 0; i < depth; i++) {
            path[i] = CapAddress.slot(address, i);
        }
        path[0] = relabel(path[0]);
        return CapAddress.of(path);
    }

    private static int[] relabelAll(int[] addresses) {
        int[] out = addresses.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = relabelAddress(out[i]);
        }
        return out;
    }

    /** {@code a} as thread {@code x} would take it in the relabelled run (other threads' steps are unchanged). */
    static Action relabel(Action a, int x) {
        if (a.thread() != x) {
            return a;
        }
        return a.withAddresses(x, NoDisclosure::relabelAddress);
    }

    /** Steps by which a thread itself may publish its layout: anything but IPC and collecting. */
    static boolean explicitAct(Action a) {
        return !(a instanceof Action.Send || a instanceof Action.Receive || a instanceof Action.Rpc
                || a instanceof Action.Collect || a instanceof Action.Resume);
    }

    /** A buffer is x's when it activates x or resolves its addresses in x's address space. */
    static boolean belongsTo(Kernel k, MessageBuffer b, int x) {
        if (k.designates(b.thread()) && b.thread().oid() == x) {
            return true;
        }
        return k.heap().get(x) instanceof KernelThread t && k.designates(b.asRoot()) && k.designates(t.asRoot())
                && b.asRoot().oid() == t.asRoot().oid();
    }

    /** What thread {@code y} can read: the message pages of the frames it reaches. */
    static Map<Integer, Page> observe(Kernel k, int y) {
        return observe(k, Reach.of(k, y));
    }

    /** What a thread that reaches {@code reached} can read in {@code k}. */
    static Map<Integer, Page> observe(Kernel k, Reach.Reached reached) {
        Map<Integer, Page> out = new TreeMap<>();
        for (Capability c : reached.values()) {
            if (k.heap().lookup(c) instanceof Frame f && c.rights().read()) {
                out.put(f.oid(), new Page(f.capAddresses(), f.data()));
            }
        }
        return out;
    }

    /**
     * True when {@link #observe} would give equal maps for the two (the same readable frames with the same
     * contents), decided without copying the pages: the check runs for every twin and observer each step.
     */
    static boolean sameReading(Kernel ka, Reach.Reached ra, Kernel kb, Reach.Reached rb) {
        int[] fa = readable(ka, ra);
        int[] fb = readable(kb, rb);
        if (!Arrays.equals(fa, fb)) {
            return false;
        }
        for (int oid : fa) {
            if (!((Frame) ka.heap().get(oid)).sameContents((Frame) kb.heap().get(oid))) {
                return false;
            }
        }
        return true;
    }

    /** The oids of the frames a thread reaching {@code reached} can read, in increasing order. */
    private static int[] readable(Kernel k, Reach.Reached reached) {
        List<Capability> caps = reached.values();
        int[] out = new int[caps.size()];
        int n = 0;
        for (Capability c : caps) {
            if (k.heap().lookup(c) instanceof Frame f && c.rights().read()) {
                out[n++] = f.oid();
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** A message page as a reader sees it: its capability addresses and bytes, compared by value. */
    record Page(int[] addresses, byte[] data) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Page p && Arrays.equals(addresses, p.addresses) && Arrays.equals(data, p.data);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(addresses) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return Arrays.toString(addresses) + Arrays.toString(data);
        }
    }

    private final class Twins implements Session {
        /** target thread → its relabelled twin run. */
        private final Map<Integer, Kernel> twins = new LinkedHashMap<>();
        /** target thread → observers still compared. */
        private final Map<Integer, List<Integer>> observers = new LinkedHashMap<>();
        /**
         * target thread X → the threads that hold what X disclosed by choice: X itself, the threads that could
         * tell the two runs apart from the start, and every observer dropped since (grantees, transitively).
         */
        private final Map<Integer, java.util.Set<Integer>> grantees = new LinkedHashMap<>();

        Twins(Kernel initial) {
            List<Integer> threads = new ArrayList<>();
            for (int oid = 0; oid < initial.heap().highWater(); oid++) {
                if (initial.heap().get(oid) instanceof KernelThread) {
                    threads.add(oid);
                }
            }
            for (int x : threads) {
                Kernel twin = relabelled(initial, x);
                if (twin == null) {
                    continue;
                }
                List<Integer> clean = new ArrayList<>();
                java.util.Set<Integer> granted = new java.util.HashSet<>();
                granted.add(x);
                for (int y : threads) {
                    if (y != x && observe(initial, y).equals(observe(twin, y))) {
                        clean.add(y);
                    } else {
                        granted.add(y);
                    }
                }
                twins.put(x, twin);
                observers.put(x, clean);
                grantees.put(x, granted);
            }
        }

        /** A copy of {@code initial} with thread {@code x}'s layout relabelled, or null when x has no root page. */
        private static Kernel relabelled(Kernel initial, int x) {
            KernelThread t = (KernelThread) initial.heap().get(x);
            if (!(initial.heap().lookup(t.asRoot()) instanceof CapPage)) {
                return null;
            }
            Kernel twin = initial.copy();
            twin.trace().setRecording(false);
            Boot boot = twin.boot();
            CapPage page = (CapPage) twin.heap().lookup(t.asRoot());
            Capability[] moved = new Capability[CapPage.SLOTS];
            for (int i = 0; i < CapPage.SLOTS; i++) {
                moved[relabel(i)] = page.slot(i);
            }
            for (int i = LOW; i < LOW + 2 * WIDTH; i++) {
                boot.setSlot(page.oid(), i, moved[i]);
            }
            for (int oid = 0; oid < twin.heap().highWater(); oid++) {
                if (twin.heap().get(oid) instanceof MessageBuffer b && belongsTo(twin, b, x)
                        && twin.heap().lookup(b.slot(BufferSlot.PAYLOAD)) instanceof Frame f) {
                    boot.writeFrame(f.oid(), relabelAll(f.capAddresses()), f.data());
                }
            }
            return twin;
        }

        @Override
        public Violation step(Action action, StepView view) {
            List<capsim.kernel.Event> events = view.after().trace().events();
            for (int i = view.before().trace().size(); i < events.size(); i++) {
                if (events.get(i) instanceof capsim.kernel.Event.Sent sent) {
                    sources.put(sent.msg(), sent.source());
                }
            }
            for (Map.Entry<Integer, Kernel> e : twins.entrySet()) {
                int x = e.getKey();
                Kernel twin = e.getValue();
                List<Integer> clean = observers.get(x);
                if (clean.isEmpty()) {
                    // Observers are only ever dropped: with none left this twin can show nothing any more.
                    continue;
                }
                try {
                    relabel(action, x).apply(twin);
                } catch (KernelException ignored) {
                    // The main run saw the same refusal, or the difference shows in what observers read.
                }
                java.util.Set<Integer> granted = grantees.get(x);
                for (int i = 0; i < clean.size(); i++) {
                    int y = clean.get(i);
                    if (!(view.after().heap().get(y) instanceof KernelThread)) {
                        continue;
                    }
                    Reach.Reached inMain = view.reachAfter(y);
                    Reach.Reached inTwin = Reach.of(twin, y);
                    if (sameReading(view.after(), inMain, twin, inTwin)) {
                        continue;
                    }
                    Map<Integer, Page> a = observe(view.after(), inMain);
                    Map<Integer, Page> b = observe(twin, inTwin);
                    // A page the kernel moved or wrote in this step is the kernel's doing, whoever sent it.
                    boolean kernelMoved = !java.util.Collections.disjoint(differing(a, b), movedByKernel(view));
                    if (!kernelMoved && ((granted.contains(action.thread()) && explicitAct(action)) || deliveredFrom(view, granted))) {
                        // X's disclosure, passed on by X or a grantee: y now holds it too (take-grant).
                        clean.remove(i--);
                        granted.add(y);
                        continue;
                    }
                    return new Violation(name(), "thread#" + y + " can read thread#" + x + "'s private slot layout after "
                            + action + ": " + difference(a, b));
                }
            }
            return null;
        }

        /** Source buffer of every message sent so far (messages outlive the step that sent them when preempted). */
        private final Map<Integer, Integer> sources = new java.util.HashMap<>();

        /** True when the step moved capabilities or pages of a message composed in a grantee's space: it chose what it carries. */
        private boolean deliveredFrom(StepView view, java.util.Set<Integer> granted) {
            List<capsim.kernel.Event> events = view.after().trace().events();
            for (int i = view.before().trace().size(); i < events.size(); i++) {
                int msg = switch (events.get(i)) {
                    case capsim.kernel.Event.Sent sent -> {
                        sources.put(sent.msg(), sent.source());
                        yield 0;
                    }
                    case capsim.kernel.Event.CapTransferred c -> c.msg();
                    case capsim.kernel.Event.FrameHandedOff h -> h.msg();
                    case capsim.kernel.Event.Delivered d -> d.msg();
                    default -> 0;
                };
                Integer src = sources.get(msg);
                if (msg != 0 && src != null && view.before().heap().get(src) instanceof MessageBuffer b) {
                    for (int g : granted) {
                        if (belongsTo(view.before(), b, g)) {
                            return true;
                        }
                    }
                }
            }
            return false;
        }

        /** Frames handed off, or written into by a transfer, during the step. */
        private static java.util.Set<Integer> movedByKernel(StepView view) {
            java.util.Set<Integer> out = new java.util.HashSet<>();
            List<capsim.kernel.Event> events = view.after().trace().events();
            for (int i = view.before().trace().size(); i < events.size(); i++) {
                switch (events.get(i)) {
                    case capsim.kernel.Event.FrameHandedOff h -> out.add(h.frame());
                    case capsim.kernel.Event.AddressesWritten w -> out.add(w.frame());
                    case capsim.kernel.Event.BytesCopied c -> out.add(c.to());
                    default -> {
                    }
                }
            }
            return out;
        }

        /** Frames read differently, or reached in one run only. */
        private static java.util.Set<Integer> differing(Map<Integer, Page> a, Map<Integer, Page> b) {
            java.util.Set<Integer> out = new java.util.HashSet<>();
            for (Integer f : a.keySet()) {
                if (!a.get(f).equals(b.get(f))) {
                    out.add(f);
                }
            }
            for (Integer f : b.keySet()) {
                if (!a.containsKey(f)) {
                    out.add(f);
                }
            }
            return out;
        }

        private static String difference(Map<Integer, Page> a, Map<Integer, Page> b) {
            for (Map.Entry<Integer, Page> e : a.entrySet()) {
                if (!e.getValue().equals(b.get(e.getKey()))) {
                    return "frame#" + e.getKey() + " reads " + e.getValue() + " in one run and " + b.get(e.getKey()) + " in the other";
                }
            }
            return "it reaches different frames (" + a.keySet() + " vs " + b.keySet() + ")";
        }
    }

}
