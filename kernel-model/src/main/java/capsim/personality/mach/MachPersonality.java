package capsim.personality.mach;

import capsim.personality.PersonalityAction;
import capsim.personality.Personality;
import capsim.personality.PersonalityInvariant;
import capsim.personality.Role;
import java.util.ArrayList;
import java.util.List;
import capsim.personality.RandomPick;
import java.util.SplittableRandom;

/**
 * Mach ports on the kernel model: tasks with IPC name spaces, ports with one receive right, send rights
 * with user references, send-once rights, port sets and dead names; the six dispositions; queue limits;
 * out-of-line memory copied, moved or swapped; notifications (no-senders, dead-name, send-once,
 * port-destroyed); refusal of receive-right cycles. Activities pay for everything, capabilities name everything.
 */
public final class MachPersonality implements Personality<MachWorld> {

    private static final String[] DATA = {"hello", "req", "page 1", "", "x", "reply", "\u0000\u00ff"};

    @Override
    public String name() {
        return "mach";
    }

    @Override
    public String summary() {
        return "Mach ports: send/receive/send-once rights with user references, port sets, dead names, "
                + "notifications, out-of-line memory; tasks pay for ports and messages";
    }

    @Override
    public MachWorld newWorld() {
        return new MachWorld();
    }

    @Override
    public List<PersonalityInvariant<MachWorld>> invariants() {
        return List.of(new SendCount(), new NoSendersExact(), new SendOnceExactlyOnce(), new NoReceiveCycle(),
                new OneReceiver(), new PortSetSingle(), new QueueLimit(), new NameMirror(), new OolExclusive());
    }

    @Override
    public capsim.personality.SequenceMap<MachWorld> sequence() {
        return new MachChart();
    }

    @Override
    public List<Role> roles() {
        return List.of(
                new Role("task", "house", "#6baed6", "a task: the activity that pays for its ports, messages and pages"),
                new Role("thread", "ellipse", "#c6dbef", "the task's thread"),
                new Role("ipc-space", "tab", "#fff3a0", "the task's IPC name space: one capability slot per name"),
                new Role("port", "cylinder", "#bcbddc", "a port: a message queue charged to its receiver"),
                new Role("port-set", "folder", "#e7cbf5", "a port set: a receive point for member ports"),
                new Role("message", "note", "#fcc5d8", "a queued message's page, charged to its sender"),
                new Role("reply-page", "component", "#f2a7a7", "the page a send-once right prepays for its one message"),
                new Role("ool-page", "box3d", "#a6e3e9", "an out-of-line region: one page"));
    }

    @Override
    public List<PersonalityAction<MachWorld>> randomSetup(SplittableRandom rnd) {
        List<PersonalityAction<MachWorld>> out = new ArrayList<>();
        int n = 2 + rnd.nextInt(2);
        String[] tasks = {"a", "b", "c"};
        int port = 1;
        for (int i = 0; i < n; i++) {
            out.add(new MachAction.CreateTask(tasks[i], rnd.nextInt(4) == 0 ? 9 + rnd.nextInt(6) : 60));
        }
        for (int i = 0; i < n; i++) {
            int ports = 1 + rnd.nextInt(2);
            for (int j = 0; j < ports; j++) {
                String label = "p" + port++;
                out.add(new MachAction.AllocatePort(tasks[i], label, rnd.nextInt(3) == 0 ? 1 + rnd.nextInt(3) : Port.DEFAULT_LIMIT));
                String other = tasks[(i + 1 + rnd.nextInt(n - 1)) % n];
                out.add(new MachAction.InsertRight(tasks[i], label, Disposition.MAKE_SEND, other));
                if (rnd.nextInt(3) == 0) {
                    out.add(new MachAction.RequestNotification(tasks[i], NotificationKind.NO_SENDERS, label, label));
                }
            }
        }
        out.add(new MachAction.Region(tasks[0], "buf", "page 0"));
        if (rnd.nextBoolean()) {
            out.add(new MachAction.AllocatePortSet(tasks[1], "s1"));
        }
        return out;
    }

    @Override
    public PersonalityAction<MachWorld> randomStep(MachWorld w, SplittableRandom rnd) {
        List<String> taskNames = new ArrayList<>(w.tasks.keySet());
        if (taskNames.isEmpty()) {
            return new MachAction.CreateTask("a", 0);
        }
        Task t = w.tasks.get(RandomPick.pick(taskNames, rnd));
        List<String> names = new ArrayList<>(t.names.keySet());
        List<String> receives = new ArrayList<>();
        List<String> setNames = new ArrayList<>();
        for (RightEntry e : t.names.values()) {
            if (e.receive) {
                receives.add(e.name);
            }
            if (e.portSet) {
                setNames.add(e.name);
            }
        }
        String any = names.isEmpty() ? "nothing" : RandomPick.pick(names, rnd);
        String recv = receives.isEmpty() ? any : RandomPick.pick(receives, rnd);
        int r = rnd.nextInt(100);
        if (r < 34) {
            return randomSend(w, t, names, receives, rnd);
        }
        if (r < 60) {
            List<String> points = new ArrayList<>(receives);
            points.addAll(setNames);
            return new MachAction.Receive(t.name, points.isEmpty() || rnd.nextInt(10) == 0 ? any : RandomPick.pick(points, rnd));
        }
        if (r < 66) {
            return new MachAction.Deallocate(t.name, any);
        }
        if (r < 70) {
            return new MachAction.Destroy(t.name, rnd.nextBoolean() ? recv : any);
        }
        if (r < 74) {
            RightKind k = RightKind.values()[rnd.nextInt(RightKind.values().length)];
            int delta = rnd.nextInt(5) == 0 ? 1 + rnd.nextInt(3) : -1;
            return new MachAction.ModRefs(t.name, any, k, delta);
        }
        if (r < 81) {
            NotificationKind k = switch (rnd.nextInt(3)) {
                case 0 -> NotificationKind.NO_SENDERS;
                case 1 -> NotificationKind.DEAD_NAME;
                default -> NotificationKind.PORT_DESTROYED;
            };
            String on = k == NotificationKind.DEAD_NAME ? any : recv;
            // now and then a no-senders sync count around the make-send count (0 or 1 in small worlds)
            Integer sync = k == NotificationKind.NO_SENDERS && rnd.nextBoolean() ? rnd.nextInt(3) : null;
            return new MachAction.RequestNotification(t.name, k, on, receives.isEmpty() ? any : RandomPick.pick(receives, rnd),
                    sync);
        }
        if (r < 85) {
            String set = setNames.isEmpty() || rnd.nextInt(4) == 0 ? null : RandomPick.pick(setNames, rnd);
            return new MachAction.MoveMember(t.name, recv, set);
        }
        if (r < 91) {
            Disposition d = Disposition.values()[rnd.nextInt(Disposition.values().length)];
            String into = rnd.nextInt(3) == 0 ? null : RandomPick.pick(taskNames, rnd);
            return new MachAction.InsertRight(t.name, rnd.nextBoolean() ? recv : any, d, into);
        }
        if (r < 94) {
            return new MachAction.AllocatePort(t.name, "p" + (w.ports.size() + 1), Port.DEFAULT_LIMIT);
        }
        if (r < 95) {
            return new MachAction.AllocatePortSet(t.name, "s" + (w.sets.size() + 1));
        }
        if (r < 96) {
            return new MachAction.SetLimit(t.name, recv, rnd.nextInt(4));
        }
        List<String> regions = new ArrayList<>(t.regions.keySet());
        String reg = regions.isEmpty() || rnd.nextInt(4) == 0 ? "r" + rnd.nextInt(3) : RandomPick.pick(regions, rnd);
        return switch (rnd.nextInt(3)) {
            case 0 -> new MachAction.Region(t.name, reg, RandomPick.pick(DATA, rnd));
            case 1 -> new MachAction.Write(t.name, reg, RandomPick.pick(DATA, rnd));
            default -> new MachAction.FreeRegion(t.name, reg);
        };
    }

    private PersonalityAction<MachWorld> randomSend(MachWorld w, Task t, List<String> names, List<String> receives, SplittableRandom rnd) {
        List<String> targets = new ArrayList<>();
        for (RightEntry e : t.names.values()) {
            if (e.sendUrefs > 0 || e.sendOnce != 0 || (e.receive && rnd.nextInt(4) == 0)) {
                targets.add(e.name);
            }
        }
        String dest = targets.isEmpty() || rnd.nextInt(12) == 0 ? (names.isEmpty() ? "nothing" : RandomPick.pick(names, rnd)) : RandomPick.pick(targets, rnd);
        Disposition dd = rnd.nextInt(5) == 0 ? Disposition.values()[rnd.nextInt(Disposition.values().length)] : null;
        MachWorld.PortItem reply = null;
        if (!receives.isEmpty() && rnd.nextInt(5) < 2) {
            reply = new MachWorld.PortItem(RandomPick.pick(receives, rnd), rnd.nextInt(4) == 0 ? Disposition.MAKE_SEND : Disposition.MAKE_SEND_ONCE);
        } else if (!names.isEmpty() && rnd.nextInt(20) == 0) {
            reply = new MachWorld.PortItem(RandomPick.pick(names, rnd), Disposition.values()[rnd.nextInt(Disposition.values().length)]);
        }
        List<MachWorld.PortItem> body = new ArrayList<>();
        if (!names.isEmpty() && rnd.nextInt(10) < 3) {
            String n = RandomPick.pick(names, rnd);
            RightEntry e = t.names.get(n);
            Disposition d = e.receive && rnd.nextBoolean() ? Disposition.MOVE_RECEIVE
                    : e.sendOnce != 0 ? Disposition.MOVE_SEND_ONCE
                    : e.sendUrefs > 0 ? (rnd.nextBoolean() ? Disposition.COPY_SEND : Disposition.MOVE_SEND)
                    : Disposition.values()[rnd.nextInt(Disposition.values().length)];
            body.add(new MachWorld.PortItem(n, d));
        }
        List<MachWorld.OolItem> ool = new ArrayList<>();
        if (!t.regions.isEmpty() && rnd.nextInt(5) == 0) {
            ool.add(new MachWorld.OolItem(RandomPick.pick(new ArrayList<>(t.regions.keySet()), rnd), OolMode.values()[rnd.nextInt(3)]));
        } else if (rnd.nextInt(30) == 0) {
            ool.add(new MachWorld.OolItem("buf", OolMode.values()[rnd.nextInt(3)]));
        }
        return new MachAction.Send(t.name, dest, dd, RandomPick.pick(DATA, rnd), reply, body, ool);
    }
}
