package capsim.visual;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.ClientServerFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Renders with whatever engine this machine has: native dot when installed, else J2V8. */
class RunRendererTest {
    static Recording rec;

    @BeforeAll
    static void record() {
        rec = SequenceChartTest.rpcRun();
    }

    @Test
    void svgRunWritesOneDiagramPerStepTheSequenceAndTheViewer(@TempDir Path out) throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RenderSummary s = RunRenderer.render(rec, out, Format.SVG,
                RenderOptions.defaults().withProgress(RenderProgress.printingTo(new PrintStream(log, true, StandardCharsets.UTF_8), 0)));

        assertThat(s.diagrams()).hasSize(rec.steps().size() + 1);
        for (int i = 0; i <= rec.steps().size(); i++) {
            Path f = out.resolve(String.format("step-%03d.svg", i));
            assertThat(s.diagrams().get(i)).isEqualTo(f);
            String svg = Files.readString(f);
            assertThat(svg).startsWith("<svg").contains("</svg>");
            // graphviz writes each node's name as its title: every object is there
            ClientServerFixture w = new ClientServerFixture("revised");
            assertThat(svg).contains("<title>o" + w.clientRoot + "</title>", "<title>o" + w.server + "</title>", "<title>legend</title>");
            assertThat(svg).contains("cluster_a" + w.clientAct);
        }
        String step3 = Files.readString(out.resolve("step-003.svg"));
        assertThat(step3).contains("step 3: client calls").contains(StateDiagram.ADDED).contains("~ changed");
        assertThat(Files.readString(out.resolve("step-000.svg"))).doesNotContain("~ changed");

        assertThat(s.sequence()).isEqualTo(out.resolve("sequence.svg"));
        assertThat(Files.readString(s.sequence())).contains("msg 1 delivered");
        String html = Files.readString(s.index());
        assertThat(s.index()).isEqualTo(out.resolve("index.html"));
        assertThat(count(html, "<template id=\"diagram-")).isEqualTo(rec.steps().size() + 1);
        assertThat(count(html, "<template id=\"diagram-\\d+\"><svg")).isEqualTo(rec.steps().size() + 1);
        assertThat(html).contains("id=\"step-index\"", "id=\"prev\"", "id=\"next\"", "server replies", "msg 1 delivered")
                .doesNotContain("<script src").doesNotContain("<link");
        // nothing is fetched from the network: no external src or href
        assertThat(count(html, "(src|href)=\"(https?:)?//")).isZero();
        assertThat(s.engine()).isEqualTo(DiagramEngine.describe());
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("capsim render: diagrams rendered by " + s.engine());
    }

    @Test
    void dotRunNeedsNoEngineAndShowsTheDotText(@TempDir Path out) throws Exception {
        RenderSummary s = RunRenderer.render(rec, out, Format.DOT, RenderOptions.defaults().withProgress(RenderProgress.none()));
        assertThat(s.engine()).contains("no rendering engine");
        assertThat(Files.readString(out.resolve("step-002.dot"))).startsWith("digraph \"capsim\" {");
        assertThat(Files.readString(s.index())).contains("<pre class=\"dot\">digraph &quot;capsim&quot;");
    }

    @Test
    void aSingleStateRendersToPngAndSvg(@TempDir Path out) throws Exception {
        ClientServerFixture w = new ClientServerFixture("revised");
        Path png = RunRenderer.renderState(w.k, w.names, "initial", out.resolve("sub/state.png"), Format.PNG);
        byte[] b = Files.readAllBytes(png);
        assertThat(b.length).isGreaterThan(1000);
        assertThat(new String(b, 1, 3, StandardCharsets.ISO_8859_1)).isEqualTo("PNG");
        Path svg = RunRenderer.renderState(w.k, null, null, out.resolve("state.svg"), Format.SVG);
        assertThat(Files.readString(svg)).startsWith("<svg").contains("<title>o" + w.client + "</title>");
    }

    @Test
    void formatsParseAsTheCommandLineGivesThem() {
        assertThat(Format.parse("svg")).isEqualTo(Format.SVG);
        assertThat(Format.parse(" PNG ")).isEqualTo(Format.PNG);
        assertThat(Format.parse("dot").extension()).isEqualTo("dot");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Format.parse("pdf")).hasMessageContaining("svg, png or dot");
        assertThat(RunRenderer.fileName(12, Format.PNG)).isEqualTo("step-012.png");
    }

    @Test
    void progressPrintsCountsOnlyForLongRunsAndTheLastOne() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        RenderProgress p = RenderProgress.printingTo(new PrintStream(bytes, true, StandardCharsets.UTF_8), 60_000);
        for (int i = 1; i <= 5; i++) {
            p.update(i, 5);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
        for (int i = 1; i <= 50; i++) {
            p.update(i, 50);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("capsim render: 1/50 diagrams" + System.lineSeparator()
                + "capsim render: 50/50 diagrams" + System.lineSeparator());
    }

    private static int count(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
