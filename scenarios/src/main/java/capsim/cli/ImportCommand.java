package capsim.cli;

import capsim.capdl.Capdl;
import capsim.capdl.CapdlException;
import capsim.capdl.CapdlModel;
import capsim.capdl.CapdlSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capsim import FILE.cdl}: read a capDL spec or kernel dump, model-check it, print a summary. */
@Command(name = "import", mixinStandardHelpOptions = true, description = {"Read a capDL file (a spec, or a kernel dump), check it as capDL-tool's model check does,",
        "and print a summary: objects and capabilities by kind, untyped covers, IRQs, derivations.",
        "Exit 0 when it reads and checks, 2 when it does not (file:line:col: message)."},
        footer = {"", "Examples:", "  capsim import system.cdl", "  capsim import --print --warnings system.cdl   # print it back, with the model check's warnings"})
final class ImportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "a capDL file (.cdl)")
    Path file;

    @Option(names = "--warnings", description = "also print what was accepted but is not capDL-tool's")
    boolean warnings;

    @Option(names = "--print", description = "print the model read, as capDL, instead of the summary")
    boolean print;

    @Override
    public Integer call() {
        CapdlModel m;
        try {
            m = Capdl.load(file);
        } catch (CapdlException e) {
            System.err.println(e.getMessage());
            return Main.EXIT_BAD_INPUT;
        } catch (IOException e) {
            System.err.println("capsim: cannot read " + file + ": " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        if (print) {
            try {
                System.out.print(Capdl.print(m));
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println("capsim: cannot write " + file + " back as capDL: " + e.getMessage());
                return Main.EXIT_BAD_INPUT;
            }
        }
        System.out.println(file + ": capDL, model check passed");
        CapdlSummary.of(m).lines().forEach(System.out::println);
        if (!m.warnings().isEmpty()) {
            System.out.println("warnings: " + m.warnings().size() + (warnings ? "" : " (--warnings to list them)"));
            if (warnings) {
                m.warnings().forEach(w -> System.out.println("  " + w));
            }
        }
        return 0;
    }
}
