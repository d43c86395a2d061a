package capsim.capdl;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityException;
import capsim.personality.sel4.Sel4Personality;
import capsim.personality.sel4.Sel4World;
import capsim.scenario.Parser;
import capsim.scenario.ScenarioFile;
import capsim.scenario.Script;
import capsim.scenario.ScriptRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * capDL out and back in: any seL4 world written as capDL reads back (model check passed) into a world with
 * the same capability distribution, for random worlds and for the final state of every library scenario.
 */
class Sel4BridgeTest {
    static final int WORLDS = 80;
    static final int STEPS = 40;

    /** Writes {@code w} as capDL, reads it back and builds a new world; returns what went wrong, or null. */
    static String roundTrip(Sel4World w, String name) throws Exception {
        CapdlModel m = Sel4Bridge.model(w);
        String text = Capdl.print(m);
        CapdlModel again;
        try {
            again = Capdl.load(name, text);
        } catch (CapdlException e) {
            return name + ": the capDL written does not read back: " + e.getMessage() + "\n" + text;
        }
        if (!again.equals(m)) {
            return name + ": the model read back differs from the one written\n" + text;
        }
        Sel4Bridge.Result r = Sel4Bridge.build(again);
        String before = Sel4Bridge.fingerprint(w);
        String after = Sel4Bridge.fingerprint(r.world());
        if (!before.equals(after) || !r.notes().isEmpty()) {
            return name + ": the world built from it differs (notes " + r.notes() + ")\n--- before\n" + before + "--- after\n" + after
                    + "--- capDL\n" + text;
        }
        return null;
    }

    private static Sel4World apply(Sel4World w, PersonalityAction<Sel4World> a) {
        Sel4World copy = w.copy();
        try {
            a.apply(copy);
            return copy;
        } catch (PersonalityException | RuntimeException e) {
            return w; // refused: the world is as it was
        }
    }

    @Test
    void randomWorldsComeBackFromCapdlWithTheSameCapabilityDistribution(TestReporter report) throws Exception {
        Sel4Personality p = new Sel4Personality();
        int caps = 0;
        for (int seed = 0; seed < WORLDS; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            Sel4World w = p.newWorld();
            for (PersonalityAction<Sel4World> a : p.randomSetup(rnd)) {
                w = apply(w, a);
            }
            for (int i = 0; i < STEPS; i++) {
                w = apply(w, p.randomStep(w, rnd));
            }
            caps += w.caps().size();
            assertThat(roundTrip(w, "seed " + seed)).isNull();
        }
        assertThat(caps).as("the random worlds hold capabilities").isGreaterThan(WORLDS * 4);
        report.publishEntry("capdl round trips", WORLDS + " random worlds, " + caps + " capabilities");
    }

    @Test
    void everyLibraryScenariosFinalStateComesBack(TestReporter report) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("library", "sel4"))) {
            files = s.filter(f -> f.toString().endsWith(".scn")).sorted().toList();
        }
        assertThat(files).isNotEmpty();
        List<String> checked = new ArrayList<>();
        for (Path f : files) {
            ScenarioFile sf = Parser.load(f);
            Sel4World last = finalWorld((Script<?>) sf);
            assertThat(roundTrip(last, f.toString())).isNull();
            checked.add(f.getFileName().toString());
        }
        report.publishEntry("library final states written and read back", String.join(", ", checked));
    }

    static Sel4World finalWorld(Script<?> s) {
        return (Sel4World) ScriptRunner.finalWorld(s);
    }

}
