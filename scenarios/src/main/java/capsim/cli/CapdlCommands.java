package capsim.cli;

import capsim.capdl.Capdl;
import capsim.capdl.CapdlException;
import capsim.capdl.CapdlModel;
import capsim.capdl.CapdlRender;
import capsim.visual.DiagramEngine;
import capsim.visual.Format;
import java.io.IOException;
import java.nio.file.Path;
import capsim.capdl.Sel4Bridge;
import capsim.personality.sel4.Sel4World;
import capsim.scenario.Parser;
import capsim.scenario.ScenarioException;
import capsim.scenario.ScenarioFile;
import capsim.scenario.Script;
import capsim.scenario.ScriptRunner;

/** What the command line does with capDL files, shared by import, render and analyse. */
final class CapdlCommands {
    private CapdlCommands() {
    }

    /** Reads and model-checks {@code file}; prints the findings and returns null when it does not pass. */
    static CapdlModel load(Path file) {
        try {
            return Capdl.load(file);
        } catch (CapdlException e) {
            System.err.println(e.getMessage());
        } catch (IOException e) {
            System.err.println("capsim: cannot read " + file + ": " + e.getMessage());
        }
        return null;
    }

    /** The capDL model of {@code file}: a .cdl file read and checked, or the final state of a 'variant sel4' scenario. */
    static CapdlModel modelOf(Path file) {
        if (!file.toString().endsWith(".scn")) {
            return load(file);
        }
        Sel4World w = finalWorld(file);
        return w == null ? null : Sel4Bridge.model(w);
    }

    /** Runs a 'variant sel4' scenario and returns its final world; prints why and returns null when it cannot. */
    static Sel4World finalWorld(Path file) {
        ScenarioFile s;
        try {
            s = Parser.load(file);
        } catch (ScenarioException e) {
            System.err.println(e.getMessage());
            return null;
        }
        if (!(s instanceof Script<?> script) || !(script.dialect().personality().newWorld() instanceof Sel4World)) {
            System.err.println("capsim: " + file + " is not a 'variant sel4' scenario; only seL4 states are written as capDL");
            return null;
        }
        return (Sel4World) ScriptRunner.finalWorld(script);
    }


    /** {@code capsim render FILE.cdl --out DIR}: the object graph. */
    static int render(Path file, Path out, Format f) {
        CapdlModel m = load(file);
        if (m == null) {
            return Main.EXIT_BAD_INPUT;
        }
        try {
            long t0 = System.nanoTime();
            Path written = CapdlRender.objects(m, file.getFileName().toString(), out, f);
            System.out.println("rendered " + written + " (" + m.objects().size() + " objects, " + m.capCount() + " caps) with "
                    + (f == Format.DOT ? "no engine" : DiagramEngine.describe()) + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            return 0;
        } catch (IOException e) {
            System.err.println("capsim: cannot write " + out + ": " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
    }
}
