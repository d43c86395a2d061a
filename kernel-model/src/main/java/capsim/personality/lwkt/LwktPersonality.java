package capsim.personality.lwkt;

import capsim.personality.PersonalityAction;
import capsim.personality.Personality;
import capsim.personality.PersonalityInvariant;
import capsim.personality.Role;
import java.util.ArrayList;
import java.util.List;
import capsim.personality.RandomPick;
import java.util.SplittableRandom;

/**
 * DragonFly's LWKT message ports with Matt Dillon's syscall-message idea (seeds 002 and 003): messages owned by
 * one party at a time, ports whose agent completes a message at once or queues it (EASYNC), synchronous domsg,
 * reply ports that queue silently or upcall (held back in a critical section until flushsys), system calls as
 * messages (sendsys, waitsys), persistent signal and timer messages, advisory abort.
 */
public final class LwktPersonality implements Personality<LwktWorld> {
    static final String ROLE_ACTIVITY = "activity";
    static final String ROLE_THREAD = "thread";
    static final String ROLE_PORT = "port";
    static final String ROLE_SYSTEM_PORT = "system-port";
    static final String ROLE_MESSAGE = "message";
    static final String ROLE_STAGED = "staged-page";

    private static final List<Call> CALLS = List.of(new Call.Getpid(), new Call.Sleep(1), new Call.Sleep(3),
            new Call.Stage(), new Call.Signal("INT"), new Call.Signal("HUP"), new Call.Timer(2), new Call.Timer(3));

    public String name() {
        return "lwkt";
    }

    public String summary() {
        return "DragonFly LWKT message ports with syscall messages: owned messages, EASYNC or synchronous completion, "
                + "reply-port upcalls held in critical sections, persistent signals and timers, advisory abort";
    }

    public LwktWorld newWorld() {
        return new LwktWorld();
    }

    public List<PersonalityInvariant<LwktWorld>> invariants() {
        return List.of(new Ownership(), new NoUpcallInCritical(), new PersistentSingleQueue(),
                new PaidFor());
    }

    @Override
    public capsim.personality.SequenceMap<LwktWorld> sequence() {
        return new LwktChart();
    }

    public List<Role> roles() {
        return List.of(
                new Role(ROLE_ACTIVITY, "house", "#f4c2d7", "a thread's activity: pays for its thread, ports and messages"),
                new Role(ROLE_THREAD, "ellipse", "#6baed6", "an LWKT thread (a kernel thread)"),
                new Role(ROLE_PORT, "cylinder", "#b8a9d9", "a message port (a kernel message queue its owner pays for)"),
                new Role(ROLE_SYSTEM_PORT, "doubleoctagon", "#fff59d", "the kernel's system port (sendsys)"),
                new Role(ROLE_MESSAGE, "note", "#9fe2e8", "a message (a page its creator pays for)"),
                new Role(ROLE_STAGED, "tab", "#e8b4b8", "a page the kernel took in a double-buffered hand-off"));
    }

    public List<PersonalityAction<LwktWorld>> randomSetup(SplittableRandom rnd) {
        List<PersonalityAction<LwktWorld>> out = new ArrayList<>();
        int n = 2 + rnd.nextInt(2);
        long[] quotas = {0, 0, 4, 6, 10};
        for (int i = 1; i <= n; i++) {
            String t = "t" + i;
            out.add(new LwktAction.NewThread(t, quotas[rnd.nextInt(quotas.length)]));
            out.add(new LwktAction.NewPort(t, "p" + i, rnd.nextInt(4) == 0 ? MsgPort.Agent.SYNC : MsgPort.Agent.QUEUE,
                    rnd.nextBoolean() ? MsgPort.Arrival.UPCALL : MsgPort.Arrival.QUEUE));
            out.add(new LwktAction.NewPort(t, "r" + i, MsgPort.Agent.QUEUE,
                    rnd.nextInt(3) == 0 ? MsgPort.Arrival.QUEUE : MsgPort.Arrival.UPCALL));
            int k = 1 + rnd.nextInt(3);
            for (int j = 1; j <= k; j++) {
                out.add(randomMessage(t, "m" + i + j, "r" + i, rnd));
            }
        }
        return out;
    }

    private static LwktAction.NewMessage randomMessage(String thread, String name, String reply, SplittableRandom rnd) {
        Call call = rnd.nextInt(3) == 0 ? null : CALLS.get(rnd.nextInt(CALLS.size()));
        String r = reply;
        if (rnd.nextInt(6) == 0) {
            r = null;
        }
        return new LwktAction.NewMessage(thread, name, call, r, rnd.nextBoolean(), rnd.nextInt(4) != 0);
    }

    public PersonalityAction<LwktWorld> randomStep(LwktWorld w, SplittableRandom rnd) {
        List<String> threads = new ArrayList<>(w.threads().keySet());
        if (threads.isEmpty()) {
            return new LwktAction.NewThread("t" + (w.step() + 1), 0);
        }
        List<String> running = threads.stream().filter(t -> w.thread(t).waiting() == null).toList();
        if (running.isEmpty() && rnd.nextInt(4) != 0) {
            // Everyone waits: only the kernel (a tick, a signal) or a reply already on its way can move things.
            return rnd.nextInt(4) == 0 ? new LwktAction.Signal(RandomPick.pick(threads, rnd), "INT") : new LwktAction.Tick(1 + rnd.nextInt(3));
        }
        String t = !running.isEmpty() && rnd.nextInt(20) != 0 ? RandomPick.pick(running, rnd) : RandomPick.pick(threads, rnd);
        LwktThread me = w.thread(t);
        boolean sensible = rnd.nextInt(8) != 0; // else any argument: refusals are tested too
        List<String> userPorts = w.ports().keySet().stream().filter(p -> !p.equals(LwktWorld.KERNEL)).toList();
        List<String> ownPorts = userPorts.stream().filter(p -> t.equals(w.port(p).owner())).toList();
        List<String> allMessages = new ArrayList<>(w.messages().keySet());
        List<String> owned = allMessages.stream().filter(m -> w.message(m).owner().equals(t)).toList();
        List<String> created = allMessages.stream().filter(m -> w.message(m).creator().equals(t)).toList();
        String fresh = "n" + w.step();
        int roll = rnd.nextInt(100);
        if (roll < 6) {
            String reply = ownPorts.isEmpty() || rnd.nextInt(8) == 0 ? pickOrNull(userPorts, rnd) : RandomPick.pick(ownPorts, rnd);
            String name = rnd.nextInt(15) == 0 && !allMessages.isEmpty() ? RandomPick.pick(allMessages, rnd) : fresh;
            return randomMessage(t, name, reply, rnd);
        }
        if (roll < 8) {
            return new LwktAction.NewPort(t, "q" + w.step(), rnd.nextInt(3) == 0 ? MsgPort.Agent.SYNC : MsgPort.Agent.QUEUE,
                    rnd.nextBoolean() ? MsgPort.Arrival.UPCALL : MsgPort.Arrival.QUEUE);
        }
        if (roll < 9) {
            return new LwktAction.NewThread("u" + w.step(), rnd.nextInt(3) == 0 ? 3 : 0);
        }
        String any = rnd.nextInt(40) == 0 ? "ghost" : pickOrNull(allMessages, rnd); // "ghost": ENOENT
        if (any == null) {
            return randomMessage(t, fresh, pickOrNull(ownPorts, rnd), rnd);
        }
        String port = userPorts.isEmpty() ? LwktWorld.KERNEL : RandomPick.pick(userPorts, rnd);
        if (roll < 24) {
            List<String> sendable = owned.stream().filter(m -> !w.message(m).persistent()).toList();
            String m = choose(sensible, sendable, any, rnd);
            if (roll < 18) {
                return new LwktAction.Send(t, m, port);
            }
            List<String> others = userPorts.stream().filter(p -> !t.equals(w.port(p).owner())).toList();
            return new LwktAction.DoMsg(t, m, choose(sensible, others, port, rnd));
        }
        if (roll < 34) {
            List<String> full = ownPorts.stream().filter(p -> !w.port(p).queue().isEmpty()).toList();
            return new LwktAction.GetMsg(t, choose(sensible, full, sensible && !ownPorts.isEmpty() ? RandomPick.pick(ownPorts, rnd) : port, rnd));
        }
        if (roll < 42) {
            List<String> inFlight = owned.stream().filter(m -> w.message(m).target() != null
                    && !w.message(m).has(MsgFlag.DONE) && !w.message(m).persistent()).toList();
            return new LwktAction.Reply(t, choose(sensible, inFlight, any, rnd), rnd.nextInt(4) == 0 ? "ECANCELED" : "ok");
        }
        if (roll < 53) {
            List<String> calls = owned.stream().filter(m -> w.message(m).call() != null).toList();
            return new LwktAction.SendSys(t, choose(sensible, calls, any, rnd));
        }
        if (roll < 58) {
            List<String> waitable = new ArrayList<>(ownPorts);
            created.stream().filter(m -> !w.message(m).owner().equals(t) || w.message(m).has(MsgFlag.DONE)).forEach(waitable::add);
            return new LwktAction.WaitSys(t, choose(sensible, waitable, any, rnd));
        }
        if (roll < 64) {
            return me.critical() >= 2 && sensible ? new LwktAction.ExitCritical(t) : new LwktAction.EnterCritical(t);
        }
        if (roll < 70) {
            return me.critical() == 0 && sensible ? new LwktAction.FlushSys(t) : new LwktAction.ExitCritical(t);
        }
        if (roll < 74) {
            return me.critical() > 0 && sensible ? new LwktAction.ExitCritical(t) : new LwktAction.FlushSys(t);
        }
        if (roll < 79) {
            List<String> out = created.stream().filter(m -> w.message(m).target() != null && !w.message(m).has(MsgFlag.DONE)
                    && !w.abortRequested(m)).toList();
            return new LwktAction.Abort(t, choose(sensible, out, any, rnd));
        }
        if (roll < 83) {
            List<String> mine = owned.stream().filter(created::contains).toList();
            return new LwktAction.Free(t, choose(sensible, mine, any, rnd));
        }
        if (roll < 87) {
            return new LwktAction.Write(t, choose(sensible, owned, any, rnd), rnd.nextInt(8) == 0 ? "x".repeat(5000) : "data " + w.step());
        }
        if (roll < 95) {
            return new LwktAction.Tick(1 + rnd.nextInt(3));
        }
        return new LwktAction.Signal(rnd.nextInt(20) == 0 ? "ghost" : t, rnd.nextInt(3) == 0 ? "HUP" : "INT");
    }

    /** A fitting choice when {@code sensible} and there is one, else {@code fallback}. */
    private static String choose(boolean sensible, List<String> fitting, String fallback, SplittableRandom rnd) {
        return sensible && !fitting.isEmpty() ? RandomPick.pick(fitting, rnd) : fallback;
    }

    private static String pickOrNull(List<String> xs, SplittableRandom rnd) {
        return xs.isEmpty() ? null : RandomPick.pick(xs, rnd);
    }
}
