package capsim.cli;

import capsim.capdl.Capdl;
import capsim.capdl.CapdlModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capsim export --capdl FILE.scn}: the final state of a 'variant sel4' scenario, as capDL. */
@Command(name = "export", mixinStandardHelpOptions = true, description = {"Write the final state of a 'variant sel4' scenario as capDL (which 'capsim import'",
        "reads back, and a 'capdl \\\"FILE\\\"' scenario line loads again). With a .cdl file, writes what capsim read."},
        footer = {"", "Examples:", "  capsim export --capdl scenarios/library/sel4/call-reply.scn", "  capsim export --capdl scenarios/library/sel4/call-reply.scn --out call-reply.cdl"})
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "a 'variant sel4' scenario (.scn), or a capDL file (.cdl)")
    Path file;

    @Option(names = "--capdl", required = true, description = "write capDL (the only export format)")
    boolean capdl;

    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path out;

    @Override
    public Integer call() {
        CapdlModel m = CapdlCommands.modelOf(file);
        if (m == null) {
            return Main.EXIT_BAD_INPUT;
        }
        String text;
        try {
            text = "-- " + file.getFileName() + ", written by capsim export --capdl\n" + Capdl.print(m);
        } catch (IllegalArgumentException e) {
            System.err.println("capsim: cannot write the state of " + file + " as capDL: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        if (out == null) {
            System.out.print(text);
            return 0;
        }
        try {
            Files.writeString(out, text, StandardCharsets.UTF_8);
            System.out.println("wrote " + out + " (" + m.objects().size() + " objects, " + m.capCount() + " caps)");
            return 0;
        } catch (IOException e) {
            System.err.println("capsim: cannot write " + out + ": " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
    }
}
