package capsim.cli;

import capsim.capdl.AuthorityAnalysis;
import capsim.capdl.CapdlModel;
import capsim.capdl.CapdlRender;
import capsim.visual.Format;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capsim analyse FILE}: the take-grant authority closure between the threads of a capDL system. */
@Command(name = "analyse", aliases = "analyze", mixinStandardHelpOptions = true, description = {
        "Take-grant authority analysis of a capDL file (or of the final state of a 'variant sel4' scenario):",
        "for each pair of threads, whether one can come to hold authority over the other, whether one's",
        "authority can leak to the other, and whether information can pass between them, as matrices;",
        "with --out, also DIR/authority.svg. docs/capdl.md says how the rules compare with capDL-tool's -a."},
        footer = {"", "Examples:", "  capsim analyse system.cdl", "  capsim analyse scenarios/library/sel4/badged-clients.scn --out out/analyse"})
final class AnalyseCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "a capDL file (.cdl) or a 'variant sel4' scenario (.scn)")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "also draw the authority and flow diagram into DIR")
    Path out;

    @Option(names = "--format", paramLabel = "svg|png|dot", defaultValue = "svg", description = "diagram format (default svg)")
    String format;

    @Override
    public Integer call() {
        Format f;
        try {
            f = Format.parse(format);
        } catch (IllegalArgumentException e) {
            System.err.println("capsim: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        CapdlModel m = CapdlCommands.modelOf(file);
        if (m == null) {
            return Main.EXIT_BAD_INPUT;
        }
        AuthorityAnalysis a = AuthorityAnalysis.of(m);
        System.out.print(a.text());
        if (out != null) {
            try {
                Path p = CapdlRender.authority(a, file.getFileName() + ": authority (red) and information flow (blue)", out, f);
                System.out.println("\ndiagram: " + p);
            } catch (IOException e) {
                System.err.println("capsim: cannot write " + out + ": " + e.getMessage());
                return Main.EXIT_BAD_INPUT;
            }
        }
        return 0;
    }
}
