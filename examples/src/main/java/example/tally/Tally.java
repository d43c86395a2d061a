package example.tally;

import capsim.kernel.CapPage;
import capsim.kernel.CapType;
import capsim.kernel.Capability;
import capsim.kernel.Rights;
import capsim.personality.RandomPick;
import capsim.personality.PersonalityAction;
import capsim.personality.Personality;
import capsim.personality.PersonalityException;
import capsim.personality.PersonalityInvariant;
import capsim.personality.Role;
import capsim.personality.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * An example personality built outside capsim's tree: processes own counters and may show them to others.
 * A process is an activity (it pays) with a capability page (its space); a counter is a frame charged to its
 * owner, named by a writable capability in the owner's page; {@code share} puts a read-only capability to it
 * in another process's page, which the diagrams draw as an edge. Closing a counter frees its frame, so every
 * capability to it reads as void (the kernel's revocation).
 */
public final class Tally implements Personality<Tally.TallyWorld> {

    /** The design's own bookkeeping beside the kernel: names to oids, and each counter's owner and value. */
    public static final class TallyWorld extends World<TallyWorld> {
        final Map<String, Process> processes = new TreeMap<>();
        final Map<String, Counter> counters = new TreeMap<>();
        int nextSlot = 1;

        record Process(int activity, int space) {
        }

        record Counter(String owner, int frame, int slot, long value) {
        }

        TallyWorld() {
        }

        private TallyWorld(TallyWorld o) {
            super(o);
            processes.putAll(o.processes);
            counters.putAll(o.counters);
            nextSlot = o.nextSlot;
        }

        @Override
        public TallyWorld copy() {
            return new TallyWorld(this);
        }

        @Override
        public String stateText() {
            return processes + "\n" + counters + "\nnext slot " + nextSlot;
        }

        @Override
        public List<String> details(int oid) {
            for (var e : counters.entrySet()) {
                if (e.getValue().frame() == oid) {
                    return List.of("value " + e.getValue().value(), "owner " + e.getValue().owner());
                }
            }
            return List.of();
        }

        /** The value of counter {@code name}, or -1 when there is none (for expectations). */
        public long value(String name) {
            Counter c = counters.get(name);
            return c == null ? -1 : c.value();
        }

        Process process(String name) throws PersonalityException {
            Process p = processes.get(name);
            if (p == null) {
                throw new PersonalityException("NO_PROCESS", "no process " + name);
            }
            return p;
        }

        Counter owned(String who, String counter) throws PersonalityException {
            process(who);
            Counter c = counters.get(counter);
            if (c == null) {
                throw new PersonalityException("NO_COUNTER", "no counter " + counter);
            }
            if (!c.owner().equals(who)) {
                throw new PersonalityException("EPERM", who + " does not own " + counter);
            }
            return c;
        }
    }

    /** A step of the design; {@link #text()} is the scenario line that reads back to it. */
    public sealed interface Step extends PersonalityAction<TallyWorld> {
    }

    public record NewProcess(String name, long quota) implements Step {
        public String text() {
            return "process " + name + " quota " + quota;
        }

        public String apply(TallyWorld w) throws PersonalityException {
            if (w.processes.containsKey(name)) {
                throw new PersonalityException("EXISTS", "process " + name + " exists");
            }
            int act = w.activity(w.rootActivity(), quota, name, "process");
            int space = w.allocate(CapType.CAPPAGE, act, name + ".space", "space");
            w.processes.put(name, new TallyWorld.Process(act, space));
            w.event("process " + name + " with quota " + quota);
            return "ok";
        }
    }

    public record Open(String who, String counter) implements Step {
        public String text() {
            return who + " open " + counter;
        }

        public String apply(TallyWorld w) throws PersonalityException {
            TallyWorld.Process p = w.process(who);
            if (w.counters.containsKey(counter)) {
                throw new PersonalityException("EXISTS", "counter " + counter + " exists");
            }
            if (w.nextSlot >= CapPage.SLOTS) {
                throw new PersonalityException("ENOSPC", "no slot left for another counter");
            }
            int frame = w.allocate(CapType.FRAME, p.activity(), counter, "counter");
            w.boot().setSlot(p.space(), w.nextSlot, w.boot().cap(frame));
            w.counters.put(counter, new TallyWorld.Counter(who, frame, w.nextSlot++, 0));
            w.event(who + " opened " + counter);
            return "ok";
        }
    }

    public record Add(String who, String counter, long amount) implements Step {
        public String text() {
            return who + " add " + counter + " " + amount;
        }

        public String apply(TallyWorld w) throws PersonalityException {
            TallyWorld.Counter c = w.owned(who, counter);
            long value = c.value() + amount;
            w.writeBytes(c.frame(), Long.toString(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            w.counters.put(counter, new TallyWorld.Counter(c.owner(), c.frame(), c.slot(), value));
            w.event(who + " added " + amount + " to " + counter + ": " + value);
            return "ok";
        }
    }

    public record Share(String who, String counter, String with) implements Step {
        public String text() {
            return who + " share " + counter + " with " + with;
        }

        public String apply(TallyWorld w) throws PersonalityException {
            TallyWorld.Counter c = w.owned(who, counter);
            TallyWorld.Process other = w.process(with);
            w.boot().setSlot(other.space(), c.slot(), w.boot().cap(c.frame(), Rights.WEAK, 0));
            w.event(who + " showed " + counter + " to " + with + " (read-only)");
            return "ok";
        }
    }

    public record Close(String who, String counter) implements Step {
        public String text() {
            return who + " close " + counter;
        }

        public String apply(TallyWorld w) throws PersonalityException {
            TallyWorld.Counter c = w.owned(who, counter);
            w.free(c.frame());
            w.counters.remove(counter);
            w.event(who + " closed " + counter);
            return "ok";
        }
    }

    /** Only a counter's owner can write it: exactly one live writable capability per counter, in its owner's space. */
    static final class OwnerWrites implements PersonalityInvariant<TallyWorld> {
        public String name() {
            return "tally-owner-writes";
        }

        public String description() {
            return "each counter has one writable capability, in its owner's space";
        }

        public String check(TallyWorld before, TallyWorld after, PersonalityAction<TallyWorld> a, String outcome) {
            for (var e : after.counters.entrySet()) {
                List<String> writers = new ArrayList<>();
                for (var p : after.processes.entrySet()) {
                    CapPage space = (CapPage) after.kernel().heap().get(p.getValue().space());
                    for (int s = 0; s < CapPage.SLOTS; s++) {
                        Capability cap = space.slot(s);
                        if (cap != null && cap.oid() == e.getValue().frame() && cap.rights().write()
                                && after.kernel().designates(cap)) {
                            writers.add(p.getKey());
                        }
                    }
                }
                if (!writers.equals(List.of(e.getValue().owner()))) {
                    return "counter " + e.getKey() + " is writable by " + writers + ", owner " + e.getValue().owner();
                }
            }
            return null;
        }
    }

    public String name() {
        return "tally";
    }

    public String summary() {
        return "example plugin: processes own counters and show them read-only to others";
    }

    public TallyWorld newWorld() {
        return new TallyWorld();
    }

    public List<PersonalityInvariant<TallyWorld>> invariants() {
        return List.of(new OwnerWrites());
    }

    public List<Role> roles() {
        return List.of(new Role("process", "house", "#c6d8f0", "a process: the activity paying for its counters"),
                new Role("space", "box3d", "#e8e8e8", "a process's capability page"),
                new Role("counter", "cylinder", "#f0d8c6", "a counter: a frame its owner writes"));
    }

    public List<PersonalityAction<TallyWorld>> randomSetup(SplittableRandom rnd) {
        return List.of(new NewProcess("a", 2 + rnd.nextInt(4)), new NewProcess("b", 0));
    }

    public PersonalityAction<TallyWorld> randomStep(TallyWorld w, SplittableRandom rnd) {
        String who = RandomPick.pick(List.of("a", "b"), rnd);
        String counter = "c" + rnd.nextInt(4);
        return switch (rnd.nextInt(4)) {
            case 0 -> new Open(who, counter);
            case 1 -> new Add(who, counter, rnd.nextInt(10));
            case 2 -> new Share(who, counter, who.equals("a") ? "b" : "a");
            default -> new Close(who, counter);
        };
    }
}
