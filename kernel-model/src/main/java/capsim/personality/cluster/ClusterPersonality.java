package capsim.personality.cluster;

import capsim.personality.PersonalityAction;
import capsim.personality.Personality;
import capsim.personality.PersonalityInvariant;
import capsim.personality.Role;
import java.util.ArrayList;
import java.util.List;
import capsim.personality.RandomPick;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Seed 004's cluster: two kernels joined by the stream protocol, capabilities crossing as proxies,
 * requests as transactions, and the link cut and brought up again.
 */
public final class ClusterPersonality implements Personality<ClusterWorld> {
    private static final String[] A_THREADS = {"t1", "t2"};
    private static final String[] B_THREADS = {"u1", "u2"};
    private final Supplier<Transport> sockets;

    /** A cluster whose links run over in-process pipes only ({@code link up over tcp} is refused: ENOTSUP). */
    public ClusterPersonality() {
        this(null);
    }

    /** A cluster whose {@code link up over tcp} uses a transport from {@code sockets}, made once per run. */
    public ClusterPersonality(Supplier<Transport> sockets) {
        this.sockets = sockets;
    }

    public String name() {
        return "cluster";
    }

    public String summary() {
        return "two kernels over the seed-004 stream protocol: capabilities cross as proxies, requests as transactions, links cut";
    }

    public ClusterWorld newWorld() {
        return new ClusterWorld(sockets);
    }

    public List<PersonalityInvariant<ClusterWorld>> invariants() {
        return List.of(new NoStateAfterCut(), new WaitersTold(), new ReferenceCounts());
    }

    @Override
    public capsim.personality.SequenceMap<ClusterWorld> sequence() {
        return new ClusterChart();
    }

    public List<Role> roles() {
        return List.of(new Role("thread", "ellipse", "#c6dbef", "a thread of a node"),
                new Role("agent", "doubleoctagon", "#9ecae1", "a node's link agent: holds the proxies"),
                new Role("object", "note", "#fde0a0", "a frame a thread holds"),
                new Role("proxy", "tab", "#d4b9da", "a proxy: a frame standing for an object of the other node"),
                new Role("account", "folder", "#fff7bc", "an activity: pays for a thread's or the link's objects"));
    }

    public List<PersonalityAction<ClusterWorld>> randomSetup(SplittableRandom rnd) {
        List<PersonalityAction<ClusterWorld>> s = new ArrayList<>();
        s.add(new ClusterAction.Thread("t1", 0, 0));
        s.add(new ClusterAction.Thread("t2", 0, 6));
        s.add(new ClusterAction.Thread("u1", 1, 0));
        s.add(new ClusterAction.Thread("u2", 1, 6));
        s.add(new ClusterAction.Frame("f1", "t1", "one"));
        s.add(new ClusterAction.Frame("f2", "t2", "two"));
        s.add(new ClusterAction.Frame("g1", "u1", "three"));
        s.add(new ClusterAction.LinkUp("pipe", 3 + 3 + rnd.nextInt(4)));
        return s;
    }

    public PersonalityAction<ClusterWorld> randomStep(ClusterWorld w, SplittableRandom rnd) {
        boolean fromA = rnd.nextBoolean();
        String me = RandomPick.pick(fromA ? A_THREADS : B_THREADS, rnd);
        String peer = RandomPick.pick(fromA ? B_THREADS : A_THREADS, rnd);
        int r = rnd.nextInt(100);
        if (r < 3) {
            return new ClusterAction.Cut();
        }
        if (r < 8 || !w.up && r < 30) {
            return new ClusterAction.LinkUp("pipe", 6);
        }
        if (r < 35) {
            // Mostly what the sender holds (its frame, or a proxy it got), now and then anything.
            String src = rnd.nextInt(8) == 0 ? "slot " + (1 + rnd.nextInt(6)) : held(w, me, rnd);
            return new ClusterAction.Send(me, src, peer, 1 + rnd.nextInt(6));
        }
        if (r < 50) {
            int slot = rnd.nextInt(6) == 0 ? 1 + rnd.nextInt(6) : proxySlot(w, me, rnd);
            return new ClusterAction.Release(me, slot);
        }
        if (r < 70) {
            String parent = rnd.nextInt(3) == 0 ? anyRequest(w, rnd) : null;
            return new ClusterAction.Request(me, "r" + rnd.nextInt(12), peer, parent);
        }
        String open = anyRequest(w, rnd);
        if (open == null) {
            return new ClusterAction.Request(me, "r" + rnd.nextInt(12), peer, null);
        }
        Request q = w.requests.get(open);
        return r < 88 ? new ClusterAction.Answer(rnd.nextInt(10) == 0 ? me : q.to, open)
                : new ClusterAction.Abort(rnd.nextInt(10) == 0 ? me : q.from, open);
    }

    /** Something {@code thread} holds: its declared frame, or a slot with a capability (a proxy it received). */
    private static String held(ClusterWorld w, String thread, SplittableRandom rnd) {
        List<String> out = new ArrayList<>();
        w.objects.values().stream().filter(o -> o.holder().equals(thread)).forEach(o -> out.add(o.name()));
        for (int slot = 1; slot <= 6; slot++) {
            if (slotHasProxy(w, thread, slot)) {
                out.add("slot " + slot);
            }
        }
        return out.isEmpty() ? "f1" : out.get(rnd.nextInt(out.size()));
    }

    private static int proxySlot(ClusterWorld w, String thread, SplittableRandom rnd) {
        List<Integer> slots = new ArrayList<>();
        for (int slot = 1; slot <= 6; slot++) {
            if (slotHasProxy(w, thread, slot)) {
                slots.add(slot);
            }
        }
        return slots.isEmpty() ? 1 + rnd.nextInt(6) : slots.get(rnd.nextInt(slots.size()));
    }

    private static boolean slotHasProxy(ClusterWorld w, String thread, int slot) {
        try {
            return w.slotHolds(thread, slot).equals("proxy");
        } catch (capsim.personality.PersonalityException e) {
            return false;
        }
    }

    private static String anyRequest(ClusterWorld w, SplittableRandom rnd) {
        // Mostly one still open (answering or aborting it means something), now and then any.
        List<String> names = new ArrayList<>();
        w.requests.values().stream().filter(q -> rnd.nextInt(8) == 0 || w.requesterOpen(q)).forEach(q -> names.add(q.name));
        return names.isEmpty() ? null : names.get(rnd.nextInt(names.size()));
    }
}
