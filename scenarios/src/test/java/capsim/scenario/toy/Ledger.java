package capsim.scenario.toy;

import capsim.kernel.CapType;
import capsim.personality.PersonalityAction;
import capsim.personality.Personality;
import capsim.personality.PersonalityException;
import capsim.personality.PersonalityInvariant;
import capsim.personality.Role;
import capsim.personality.World;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * A toy personality for testing the personality engine: processes (activities) keep named records
 * (frames they pay for). {@code leak} forgets a record without freeing it, which breaks ledger-no-leak, so
 * the checker has something to find and shrink.
 */
public final class Ledger implements Personality<Ledger.LedgerWorld> {

    public static final class LedgerWorld extends World<LedgerWorld> {
        final Map<String, Integer> processes = new TreeMap<>();
        final Map<String, Integer> records = new TreeMap<>();

        LedgerWorld() {
        }

        private LedgerWorld(LedgerWorld o) {
            super(o);
            processes.putAll(o.processes);
            records.putAll(o.records);
        }

        @Override
        public LedgerWorld copy() {
            return new LedgerWorld(this);
        }

        @Override
        public String stateText() {
            return processes + " " + records;
        }

        @Override
        public List<String> details(int oid) {
            return List.of("oid " + oid);
        }

        public int records() {
            return records.size();
        }

        int process(String name) throws PersonalityException {
            Integer a = processes.get(name);
            if (a == null) {
                throw new PersonalityException("NO_PROCESS", "no process " + name);
            }
            return a;
        }
    }

    public sealed interface Step extends PersonalityAction<LedgerWorld> {
    }

    public record Proc(String name, long quota) implements Step {
        public String text() {
            return "process " + name + " quota " + quota;
        }

        public String apply(LedgerWorld w) throws PersonalityException {
            if (w.processes.containsKey(name)) {
                throw new PersonalityException("EXISTS", "process " + name + " exists");
            }
            w.processes.put(name, w.activity(w.rootActivity(), quota, name, "process"));
            w.event("process " + name + " with quota " + quota);
            return "ok";
        }
    }

    public record Put(String who, String key, String bytes) implements Step {
        public String text() {
            return who + " put " + key + " \"" + bytes + "\"";
        }

        public String apply(LedgerWorld w) throws PersonalityException {
            int a = w.process(who);
            if (w.records.containsKey(key)) {
                throw new PersonalityException("EXISTS", "record " + key + " exists");
            }
            int f = w.allocate(CapType.FRAME, a, key, "record");
            w.writeBytes(f, bytes.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            w.records.put(key, f);
            w.event(who + " put record " + key + " (" + bytes.length() + " bytes)");
            return "ok";
        }
    }

    public record Drop(String who, String key) implements Step {
        public String text() {
            return who + " drop " + key;
        }

        public String apply(LedgerWorld w) throws PersonalityException {
            w.process(who);
            Integer f = w.records.remove(key);
            if (f == null) {
                throw new PersonalityException("NO_RECORD", "no record " + key);
            }
            w.free(f);
            w.event(who + " dropped " + key);
            return "ok";
        }
    }

    public record Leak(String who, String key) implements Step {
        public String text() {
            return who + " leak " + key;
        }

        public String apply(LedgerWorld w) throws PersonalityException {
            w.process(who);
            if (w.records.remove(key) == null) {
                throw new PersonalityException("NO_RECORD", "no record " + key);
            }
            w.event(who + " forgot " + key);
            return "LEAKED";
        }
    }

    /** Every live frame is someone's record. */
    static final class NoLeak implements PersonalityInvariant<LedgerWorld> {
        public String name() {
            return "ledger-no-leak";
        }

        public String description() {
            return "every frame is a record someone holds";
        }

        public String check(LedgerWorld before, LedgerWorld after, PersonalityAction<LedgerWorld> a, String outcome) {
            int frames = 0;
            for (int oid = 0; oid < after.kernel().heap().highWater(); oid++) {
                if (after.kernel().heap().get(oid) instanceof capsim.kernel.Frame) {
                    frames++;
                }
            }
            return frames == after.records.size() ? null : frames + " frames but " + after.records.size() + " records";
        }
    }

    private final boolean leaky;

    /** The ledger whose checker may draw {@code leak} steps. */
    public Ledger() {
        this(true);
    }

    public Ledger(boolean leaky) {
        this.leaky = leaky;
    }

    public String name() {
        return "ledger";
    }

    public String summary() {
        return "a toy for testing the personality engine";
    }

    public LedgerWorld newWorld() {
        return new LedgerWorld();
    }

    public List<PersonalityInvariant<LedgerWorld>> invariants() {
        return List.of(new NoLeak());
    }

    public List<Role> roles() {
        return List.of(new Role("process", "house", "#c6d8f0", "a process: an activity paying for its records"),
                new Role("record", "cylinder", "#f0d8c6", "a record: a frame"));
    }

    public List<PersonalityAction<LedgerWorld>> randomSetup(SplittableRandom rnd) {
        return List.of(new Proc("a", 2 + rnd.nextInt(3)), new Proc("b", 0));
    }

    public PersonalityAction<LedgerWorld> randomStep(LedgerWorld w, SplittableRandom rnd) {
        String who = rnd.nextBoolean() ? "a" : "b";
        String key = "k" + rnd.nextInt(6);
        int r = rnd.nextInt(leaky ? 20 : 19);
        return r < 10 ? new Put(who, key, "x".repeat(rnd.nextInt(4))) : r < 19 ? new Drop(who, key) : new Leak(who, key);
    }
}
