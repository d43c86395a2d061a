package capsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** import, render, analyse and export of capDL on the command line: outputs and exit codes. */
class CapdlCliTest {
    static final Path SPECS = Path.of("src", "test", "resources", "capdl");

    @Test
    void renderDrawsRecordsWithSlotPortsAndCoversAsClusters(@TempDir Path out) throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("render", SPECS.resolve("tour.cdl").toString(), "--out", out.toString(),
                "--format", "dot");
        assertThat(r.code()).as(r.err()).isZero();
        String dot = Files.readString(out.resolve("objects.dot"));
        assertThat(dot).contains("subgraph cluster_").contains("untyped pool (20 bits)")
                .contains("PORT=\"s0\"").contains("\"o:boot_cn\":s2:e -> \"o:door\"")
                .contains("8–12: 5 × frame caps")   // bufs[1..5] in slots 8 to 12: one row
                .contains("slab[2..7]");            // the untypeds of an array that cover nothing: one node
    }

    @Test
    void renderOfABadFileIsBadInputAndWritesNothing(@TempDir Path out) throws Exception {
        Path bad = out.resolve("bad.cdl");
        Files.writeString(bad, "arch aarch64\nobjects { x = nonsense }\n");
        CliTestSupport.Result r = CliTestSupport.run("render", bad.toString(), "--out", out.resolve("pics").toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).startsWith(bad + ":2:15: unknown object type 'nonsense'");
        assertThat(out.resolve("pics")).doesNotExist();
    }

    @Test
    void analyseWritesTheMatricesAndTheDiagram(@TempDir Path out) throws Exception {
        CliTestSupport.Result r = CliTestSupport.run("analyse", SPECS.resolve("camkes-style.cdl").toString(), "--out", out.toString(),
                "--format", "dot");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("t0   echo_echo_0_control_tcb").contains("leak (").contains("flow (");
        assertThat(Files.readString(out.resolve("authority.dot"))).contains("digraph authority");
        assertThat(CliTestSupport.run("analyse", SPECS.resolve("tour.cdl").toString(), "--format", "gif").code())
                .isEqualTo(Main.EXIT_BAD_INPUT);
    }

    @Test
    void exportWritesCapdlThatImportReadsBack(@TempDir Path out) throws Exception {
        Path cdl = out.resolve("grant.cdl");
        CliTestSupport.Result r = CliTestSupport.run("export", "--capdl", Path.of("library", "sel4", "grant.scn").toString(),
                "--out", cdl.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readString(cdl)).startsWith("-- grant.scn, written by capsim export --capdl\narch aarch64");
        CliTestSupport.Result back = CliTestSupport.run("import", cdl.toString());
        assertThat(back.code()).as(back.err()).isZero();
        assertThat(back.out()).contains("model check passed");
    }

    @Test
    void exportOfAnotherDesignsScenarioIsBadInput() {
        CliTestSupport.Result r = CliTestSupport.run("export", "--capdl", Path.of("library", "revocation.scn").toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains("not a 'variant sel4' scenario");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aScenarioStartingFromABadCapdlFilePointsIntoThatFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("sys.cdl"), "arch aarch64\nobjects { t = tcb }\ncaps { t {\n  cspace: t } }\n");
        Path scn = dir.resolve("s.scn");
        Files.writeString(scn, "scenario \"x\"\nvariant sel4\ncapdl \"sys.cdl\"\n");
        CliTestSupport.Result r = CliTestSupport.run("run", scn.toString());
        assertThat(r.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(r.err()).contains(dir.resolve("sys.cdl") + ":4:3: the cap in slot 0 of 't' is not valid there");
        Files.writeString(scn, "scenario \"x\"\nvariant sel4\ncapdl \"missing.cdl\"\n");
        CliTestSupport.Result missing = CliTestSupport.run("run", scn.toString());
        assertThat(missing.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(missing.err()).contains(":3:7: cannot read the capDL file");
    }

    @Test
    void theCapdlCommandsAnswerHelp() {
        for (String c : new String[] {"import", "analyse", "export"}) {
            CliTestSupport.Result r = CliTestSupport.run(c, "--help");
            assertThat(r.code()).as(c).isZero();
            assertThat(r.out()).as(c).contains("Usage: capsim " + c);
        }
    }

    @Test
    void importSaysWhatItReadAndPrintsTheModelOnRequest() {
        CliTestSupport.Result r = CliTestSupport.run("import", "--warnings", SPECS.resolve("kernel-dump.cdl").toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("objects: 15").contains("capabilities: 24").contains("warnings: 3")
                .contains("is not declared in this kernel dump; taken as a notification");
        CliTestSupport.Result p = CliTestSupport.run("import", "--print", SPECS.resolve("tour.cdl").toString());
        assertThat(p.out()).startsWith("arch aarch64\n").contains("  bufs[6] = frame (4k)");
        assertThat(CliTestSupport.run("import", "no/such/file.cdl").code()).isEqualTo(Main.EXIT_BAD_INPUT);
    }
}
