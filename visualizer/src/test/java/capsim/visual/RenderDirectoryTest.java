package capsim.visual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.kernel.Kernel;
import capsim.kernel.variant.Variants;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A render that fails part-way leaves nothing behind: not its files, not its work directory. */
class RenderDirectoryTest {
    @Test
    void aRenderThatFailsPartWayLeavesNothing(@TempDir Path tmp) throws IOException {
        Kernel k = new Kernel(Variants.byName("revised").orElseThrow());
        List<Recording.Step> steps = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            steps.add(new Recording.Step("step " + i, List.of(), k, k));
        }
        Recording rec = new Recording("t", null, null, k, steps);
        // Standing in for a full disk or an engine failure after a few diagrams are written.
        RenderProgress failing = new RenderProgress() {
            @Override
            public void update(int done, int total) {
                if (done == 5) {
                    throw new IllegalStateException("disk full");
                }
            }

            @Override
            public void note(String line) {
            }
        };
        Path out = tmp.resolve("out");
        assertThatThrownBy(() -> RunRenderer.render(rec, out, Format.DOT, RenderOptions.defaults().withProgress(failing)))
                .hasMessage("disk full");
        assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s).isEmpty();
        }
        // and an earlier render in its place stays as it was
        RunRenderer.render(new Recording("t", null, null, k, steps.subList(0, 2)), out, Format.DOT,
                RenderOptions.defaults().withProgress(RenderProgress.none()));
        assertThat(out.resolve("step-002.dot")).exists();
        assertThatThrownBy(() -> RunRenderer.render(rec, out, Format.DOT, RenderOptions.defaults().withProgress(failing)))
                .hasMessage("disk full");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(".capsim-render", "index.html",
                    "sequence.svg", "step-000.dot", "step-001.dot", "step-002.dot");
        }
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out");
        }
    }

    @Test
    void longNamesAreCutForDrawingAndKeptInFullInTheViewer(@TempDir Path tmp) throws IOException {
        Kernel k = new Kernel(Variants.byName("revised").orElseThrow());
        String longName = "n".repeat(20_000);
        Recording rec = new Recording("T".repeat(20_000), null, java.util.Map.of(0, longName), k,
                List.of(new Recording.Step("s".repeat(20_000), List.of(), k, k)));
        RenderSummary r = RunRenderer.render(rec, tmp.resolve("out"), Format.DOT,
                RenderOptions.defaults().withProgress(RenderProgress.none()));
        for (Path d : r.diagrams()) {
            String dot = Files.readString(d);
            assertThat(dot).doesNotContain("n".repeat(Labels.NAME + 1)).doesNotContain("T".repeat(Labels.CAPTION + 1))
                    .doesNotContain("s".repeat(Labels.CAPTION + 1));
        }
        assertThat(Files.readString(r.index())).contains("Names shortened in the diagrams").contains(longName);
    }
}
