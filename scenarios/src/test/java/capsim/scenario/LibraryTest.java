package capsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.cli.Renders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundled scenario parses, runs with every expectation holding, replays to the same hash, and renders. */
class LibraryTest {
    static final Path LIBRARY = Paths.get("library");

    static List<Path> library() throws IOException {
        try (Stream<Path> s = Files.walk(LIBRARY)) {
            // library/explore holds questions for 'capsim explore' (ExploreLibraryTest runs them).
            return s.filter(p -> p.toString().endsWith(".scn") && !p.startsWith(LIBRARY.resolve("explore"))).sorted().toList();
        }
    }

    @Test
    void theLibraryIsThere() throws IOException {
        assertThat(library()).hasSizeGreaterThanOrEqualTo(12);
        for (Path p : library()) {
            String readme = Files.readString(p.resolveSibling("README.md"));
            assertThat(readme).as("the README beside it lists " + p).contains(p.getFileName().toString());
        }
    }

    @ParameterizedTest
    @MethodSource("library")
    void runsAndHolds(Path file) throws ScenarioException {
        RunResult r = Runner.run(Parser.load(file));
        assertThat(r.failures()).as(file.toString()).isEmpty();
        assertThat(r.expectations()).as("a library scenario states what it shows").isPositive();
        RunResult again = Runner.run(Parser.load(file));
        assertThat(again.traceHash()).as("deterministic").isEqualTo(r.traceHash());
    }

    @ParameterizedTest
    @MethodSource("library")
    void rendersToDot(Path file, @TempDir Path out) throws Exception {
        Path index = Renders.dot(Parser.load(file), out);
        assertThat(index).exists();
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.filter(p -> p.toString().endsWith(".dot")).count()).isGreaterThanOrEqualTo(2);
        }
    }
}
