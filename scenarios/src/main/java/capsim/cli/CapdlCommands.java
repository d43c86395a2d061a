package capsim.cli;

import capsim.capdl.Capdl;
import capsim.capdl.CapdlException;
import capsim.capdl.CapdlModel;
import capsim.capdl.CapdlRender;
import capsim.visual.DiagramEngine;
import capsim.visual.Format;
import java.io.IOException;
import java.nio.file.Path;

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

    /** The capDL model of {@code file}: read from a .cdl file (for now; a sel4 scenario's final state once bridged). */
    static CapdlModel modelOf(Path file) {
        return load(file);
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
