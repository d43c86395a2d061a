package capsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Counterexamples the checker once found in a design that must hold, kept so the bug stays fixed. */
class RegressionTest {
    static List<Path> regressions() throws IOException {
        try (Stream<Path> s = Files.list(Paths.get("src/test/resources/regressions"))) {
            return s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("regressions")
    void holdsEveryInvariant(Path file) throws ScenarioException {
        Scenario s = Parser.parse(file);
        assertThat(s.invariants()).isNotEmpty();
        RunResult r = Runner.run(s, new Runner.Listener() { });
        assertThat(r.failures()).isEmpty();
        assertThat(r.violations()).isEmpty();
    }
}
