package capsim.personality.caps;

import capsim.personality.PersonalityAction;
import capsim.personality.Personality;
import capsim.personality.PersonalityInvariant;
import capsim.personality.Role;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import capsim.personality.RandomPick;
import java.util.SplittableRandom;

/**
 * DragonFly BSD CAPS (2004, seed 000) on the kernel model: services registered by (name, uid, gid) with scope
 * flags, many client ports to one service, the REQUEST → REPLY → DISPOSE life cycle with bytes handed off in the
 * sender's frame rather than copied, credentials on every message, at most 128 messages in flight per port, and
 * closes that reply, dispose or free whatever was pending. See docs/personality-caps.md.
 */
public final class CapsPersonality implements Personality<CapsWorld> {
    private static final String[] SERVICE_NAMES = {"echo", "log", "time"};

    @Override
    public String name() {
        return "caps";
    }

    @Override
    public String summary() {
        return "DragonFly CAPS (2004): (name, uid, gid) services, REQUEST -> REPLY -> DISPOSE, lazy copy, 128 in flight";
    }

    @Override
    public CapsWorld newWorld() {
        return new CapsWorld();
    }

    @Override
    public List<PersonalityInvariant<CapsWorld>> invariants() {
        return List.of(new FreedOnce(), new InFlightLimit(), new NoLoss(), new CredentialsAttached(), new HandOff(),
                new SenderPays());
    }

    @Override
    public capsim.personality.SequenceMap<CapsWorld> sequence() {
        return new CapsChart();
    }

    @Override
    public List<Role> roles() {
        return List.of(
                new Role("process", "house", "#cfe2ff", "a CAPS process: the activity that pays for what it does"),
                new Role("thread", "ellipse", "#e4d4f4", "the process's thread"),
                new Role("cspace", "folder", "#fff4b8", "the process's capability page: what it holds"),
                new Role("service", "cylinder", "#f9c6d0", "a registered service (name, uid, gid): its queue, charged to the server"),
                new Role("port", "cds", "#c9ecf5", "a client's connection: the queue its replies wait in, charged to the client"),
                new Role("request", "note", "#fdf1d6", "a message's request bytes: a frame charged to the client"),
                new Role("reply", "note", "#d8d8ff", "a message's reply bytes: a frame charged to the server"));
    }

    @Override
    public List<PersonalityAction<CapsWorld>> randomSetup(SplittableRandom rnd) {
        List<PersonalityAction<CapsWorld>> out = new ArrayList<>();
        long[] quotas = {0, 0, 0, 8, 24, 60};
        out.add(new CapsAction.NewProcess("srv", 0, 0, quotas[rnd.nextInt(quotas.length)]));
        out.add(new CapsAction.NewProcess("alice", 1000, 100, quotas[rnd.nextInt(quotas.length)]));
        out.add(new CapsAction.NewProcess("bob", 1001, 100, quotas[rnd.nextInt(quotas.length)]));
        if (rnd.nextBoolean()) {
            out.add(new CapsAction.NewProcess("eve", 2000, 200, quotas[rnd.nextInt(quotas.length)]));
        }
        out.add(new CapsAction.Register("srv", "echo", 0, 0, flags(rnd)));
        if (rnd.nextBoolean()) {
            out.add(new CapsAction.Register("alice", "log", 1000, 100, flags(rnd)));
        }
        out.add(new CapsAction.Connect("alice", "echo", 0, 0, "c1"));
        out.add(new CapsAction.Connect("bob", "echo", 0, 0, "c2"));
        return out;
    }

    private static Set<Scope> flags(SplittableRandom rnd) {
        Set<Scope> f = EnumSet.noneOf(Scope.class);
        for (Scope s : Scope.values()) {
            if (rnd.nextInt(3) == 0) {
                f.add(s);
            }
        }
        if (f.isEmpty() && rnd.nextInt(4) != 0) {
            f.add(Scope.WORLD);
        }
        return f;
    }

    /**
     * Mostly steps that make progress (a put on an open port, a get where something waits, a reply to a request
     * being served), and now and then one that should be refused or that closes something.
     */
    @Override
    public PersonalityAction<CapsWorld> randomStep(CapsWorld w, SplittableRandom rnd) {
        List<String> procs = new ArrayList<>(w.processes().keySet());
        List<ClientPort> ports = new ArrayList<>();
        List<ClientPort> openPorts = new ArrayList<>();
        for (ClientPort p : w.ports().values()) {
            ports.add(p);
            if (p.open() && w.services().get(p.service()).open()) {
                openPorts.add(p);
            }
        }
        List<Service> services = new ArrayList<>(w.services().values());
        List<Service> openServices = new ArrayList<>();
        List<String[]> waiting = new ArrayList<>();
        for (Service s : services) {
            if (s.open()) {
                openServices.add(s);
                if (!s.waiting().isEmpty()) {
                    waiting.add(new String[] {s.owner(), s.name()});
                }
            }
        }
        for (ClientPort p : ports) {
            if (p.open() && !p.replies().isEmpty()) {
                waiting.add(new String[] {p.owner(), p.name()});
            }
        }
        List<CapsMessage> serving = new ArrayList<>();
        for (CapsMessage m : w.liveMessages().values()) {
            if (m.state() == MsgState.SERVING) {
                serving.add(m);
            }
        }
        String anyProc = procs.isEmpty() ? "srv" : RandomPick.pick(procs, rnd);
        boolean wrong = rnd.nextInt(10) == 0;
        int roll = rnd.nextInt(100);
        // a useful step of the kind rolled, or a put when that kind has nothing to work on
        if ((roll >= 28 && roll < 58 && waiting.isEmpty()) || (roll >= 58 && roll < 76 && serving.isEmpty())) {
            roll = wrong ? roll : 0;
        }
        if (roll < 28 && openPorts.isEmpty() && !wrong) {
            roll = openServices.isEmpty() ? 91 : 85;
        }
        if (roll < 28 && !ports.isEmpty()) {
            ClientPort p = !openPorts.isEmpty() && !wrong ? RandomPick.pick(openPorts, rnd) : RandomPick.pick(ports, rnd);
            int times = rnd.nextInt(25) == 0 ? 20 + rnd.nextInt(120) : 1;
            return new CapsAction.Put(wrong && rnd.nextBoolean() ? anyProc : p.owner(), p.name(), data(rnd), times);
        }
        if (roll < 58) {
            int buffer = rnd.nextInt(6) == 0 ? rnd.nextInt(8) : CapsWorld.DEFAULT_BUFFER;
            if (!waiting.isEmpty() && !wrong) {
                String[] src = RandomPick.pick(waiting, rnd);
                return new CapsAction.Get(src[0], src[1], buffer);
            }
            List<String[]> sources = new ArrayList<>();
            ports.forEach(p -> sources.add(new String[] {p.owner(), p.name()}));
            services.forEach(s -> sources.add(new String[] {s.owner(), s.name()}));
            if (sources.isEmpty()) {
                return new CapsAction.Get(anyProc, "echo", buffer);
            }
            String[] src = RandomPick.pick(sources, rnd);
            return new CapsAction.Get(rnd.nextInt(4) == 0 ? anyProc : src[0], src[1], buffer);
        }
        if (roll < 76) {
            if (!serving.isEmpty() && !wrong) {
                CapsMessage m = RandomPick.pick(serving, rnd);
                return new CapsAction.Reply(w.services().get(m.service()).owner(), m.id(), data(rnd));
            }
            int id = 1 + rnd.nextInt(Math.max(1, w.nextMessage()));
            return new CapsAction.Reply(anyProc, id, data(rnd));
        }
        if (roll < 80) {
            List<String[]> closable = new ArrayList<>();
            ports.forEach(p -> closable.add(new String[] {p.owner(), p.name()}));
            if (rnd.nextInt(3) == 0) {
                services.forEach(s -> closable.add(new String[] {s.owner(), s.name()}));
            }
            if (closable.isEmpty()) {
                return new CapsAction.Close(anyProc, "echo");
            }
            String[] c = RandomPick.pick(closable, rnd);
            return new CapsAction.Close(c[0], c[1]);
        }
        if (roll < 91) {
            String port = "c" + (ports.size() + 1);
            if (!openServices.isEmpty() && !wrong) {
                Service s = RandomPick.pick(openServices, rnd);
                return new CapsAction.Connect(anyProc, s.name(), s.uid(), s.gid(), port);
            }
            return new CapsAction.Connect(anyProc, SERVICE_NAMES[rnd.nextInt(SERVICE_NAMES.length)], rnd.nextInt(2) * 1000,
                    rnd.nextInt(2) * 100, port);
        }
        if (roll < 97) {
            CapsProcess p = w.processes().get(anyProc);
            int uid = p == null || wrong ? 1000 : p.uid();
            int gid = p == null || wrong ? 100 : p.gid();
            return new CapsAction.Register(anyProc, SERVICE_NAMES[rnd.nextInt(SERVICE_NAMES.length)], uid, gid, flags(rnd));
        }
        return new CapsAction.NewProcess("p" + procs.size(), 1000 + rnd.nextInt(3), 100 * (1 + rnd.nextInt(2)),
                rnd.nextInt(3) == 0 ? 0 : 4 + rnd.nextInt(20));
    }

    private static String data(SplittableRandom rnd) {
        int n = rnd.nextInt(20) == 0 ? 100 + rnd.nextInt(4000) : rnd.nextInt(12);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(rnd.nextInt(8) == 0 ? (char) rnd.nextInt(256) : (char) ('a' + rnd.nextInt(26)));
        }
        return b.toString();
    }
}
