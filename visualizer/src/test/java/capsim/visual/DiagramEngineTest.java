package capsim.visual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.kernel.ClientServerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiagramEngineTest {
    private static final String LIB = "libj2v8_linux_x86_64.so";

    @AfterEach
    void backToAuto() {
        DiagramEngine.use(DiagramEngine.Kind.AUTO);
    }

    @Test
    void autoPrefersTheNativeDotWhenItIsInstalled() {
        DiagramEngine.use(DiagramEngine.Kind.AUTO);
        if (DiagramEngine.nativeAvailable()) {
            assertThat(DiagramEngine.describe()).startsWith("native dot (").contains("graphviz version");
        } else {
            assertThat(DiagramEngine.describe()).startsWith("J2V8");
        }
    }

    @Test
    void j2v8RendersOfflineWithItsLibraryUnderTheTempDirectoryNotHome() {
        Path home = Path.of(System.getProperty("user.home"), LIB);
        boolean inHomeBefore = Files.exists(home);
        DiagramEngine.use(DiagramEngine.Kind.J2V8);
        ClientServerFixture w = new ClientServerFixture("revised");
        String svg = DiagramEngine.svg(StateDiagram.of(w.k).names(w.names).dot());

        assertThat(DiagramEngine.describe()).startsWith("J2V8").contains(DiagramEngine.j2v8Directory().toString());
        assertThat(svg).startsWith("<svg").contains("<title>o" + w.clientRoot + "</title>").contains("client&#45;root");
        assertThat(DiagramEngine.j2v8Directory().resolve(LIB)).exists();
        assertThat(DiagramEngine.j2v8Directory().toString()).startsWith(System.getProperty("java.io.tmpdir"));
        if (!inHomeBefore) {
            assertThat(home).doesNotExist();
        }
    }

    @Test
    void kindsParseAndUnknownOnesAreRefused() {
        assertThat(DiagramEngine.Kind.parse("Native")).isEqualTo(DiagramEngine.Kind.NATIVE);
        assertThat(DiagramEngine.Kind.parse("j2v8")).isEqualTo(DiagramEngine.Kind.J2V8);
        assertThatThrownBy(() -> DiagramEngine.Kind.parse("nashorn")).hasMessageContaining("auto, native or j2v8");
    }

    @Test
    void nativeDotReportsSyntaxErrors() {
        NativeDot dot = NativeDot.find();
        org.junit.jupiter.api.Assumptions.assumeTrue(dot != null, "native dot not installed (apt package graphviz)");
        assertThatThrownBy(() -> dot.render("digraph { a -> }", "svg")).hasMessageContaining("dot failed");
        assertThat(new String(dot.render("digraph { a -> b }", "svg"), java.nio.charset.StandardCharsets.UTF_8)).contains("<svg");
    }
}
