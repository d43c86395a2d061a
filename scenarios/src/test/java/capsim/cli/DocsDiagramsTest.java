package capsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sequence charts docs/diagrams.md shows are the library's, as the build draws them now: one per design,
 * in docs/diagrams/; and the charts read every line of the library's event logs. After changing a chart, write them again with
 * {@code ./mvnw -o -B verify -pl scenarios -am -Dtest=DocsDiagramsTest -Dsurefire.failIfNoSpecifiedTests=false -Dcapsim.docs.write=true}.
 */
class DocsDiagramsTest {
    static final Path DOCS = Path.of("..", "docs", "diagrams");

    /**
     * Every event line of every library scenario is read by its design's chart (or is a set-up line the
     * lifelines' heads already say): a changed log line shows up here, not as an arrow silently gone.
     */
    @Test
    void everyLibraryEventIsReadByItsDesignsChart() throws Exception {
        java.util.List<String> unread = new java.util.ArrayList<>();
        for (Path p : LibraryCharts.library()) {
            LibraryCharts.of(p).unread().forEach(e -> unread.add(p + ": " + e));
        }
        assertThat(unread).as("event lines no chart reads").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"rpc-revised.scn", "caps/round-trip.scn", "lwkt/easync-vs-sync.scn", "mach/rpc-send-once.scn",
            "cluster/link-cut.scn", "sel4/call-reply.scn"})
    void theDocumentedChartIsTheLibrarys(String scenario) throws Exception {
        LibraryCharts.Chart c = LibraryCharts.of(LibraryCharts.LIBRARY.resolve(scenario));
        Path file = DOCS.resolve(c.name() + ".svg");
        if (Boolean.getBoolean("capsim.docs.write")) {
            Files.createDirectories(DOCS);
            Files.writeString(file, c.svg(), StandardCharsets.UTF_8);
        }
        assertThat(file).as("docs/diagrams/" + file.getFileName() + " is missing: write it with -Dcapsim.docs.write=true").exists();
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .as("docs/diagrams/" + file.getFileName() + " is out of date: write it again with -Dcapsim.docs.write=true")
                .isEqualTo(c.svg());
    }
}
