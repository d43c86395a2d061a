package capsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/capdl.md shows files and command output: they are the files in docs/capdl/ and what the commands print. */
class CapdlDocsTest {
    static final Path DOCS = Path.of("..", "docs");

    private static List<String> blocks(String doc, String fence) {
        Matcher m = Pattern.compile("```" + fence + "\\n(.*?)```", Pattern.DOTALL).matcher(doc);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    @Test
    void theExampleFilesAndOutputsAreWhatThePageShows() throws Exception {
        String doc = Files.readString(DOCS.resolve("capdl.md"));
        Path rpc = DOCS.resolve("capdl").resolve("rpc.cdl");
        assertThat(blocks(doc, "cdl")).containsExactly(Files.readString(rpc));
        List<String> text = blocks(doc, "text");
        assertThat(text).hasSizeGreaterThanOrEqualTo(4);

        CliTestSupport.Result imported = CliTestSupport.run("import", rpc.toString());
        assertThat(imported.code()).isZero();
        assertThat(imported.out().replace(rpc.toString(), "docs/capdl/rpc.cdl")).isEqualTo(text.get(0));

        CliTestSupport.Result analysed = CliTestSupport.run("analyse", rpc.toString());
        assertThat(analysed.code()).isZero();
        assertThat(analysed.out()).contains(text.get(1).strip());

        Path scn = DOCS.resolve("capdl").resolve("rpc.scn");
        assertThat(Files.readString(scn)).isEqualTo(text.get(2));
        CliTestSupport.Result ran = CliTestSupport.run("run", scn.toString());
        assertThat(ran.code()).as(ran.out() + ran.err()).isZero();

        Path bad = DOCS.resolve("capdl").resolve("bad.cdl");
        CliTestSupport.Result refused = CliTestSupport.run("import", bad.toString());
        assertThat(refused.code()).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(refused.err().replace(bad.toString(), "docs/capdl/bad.cdl")).isEqualTo(text.get(3));
        assertThat(refused.out()).isEmpty();
    }
}
