package capsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every counterexample in docs/findings/ replays to the break docs/findings.md reports for it. */
class FindingsReplayTest {
    private static final Pattern CHECKED = Pattern.compile("(?m)^check invariant (\\S+)$");

    static List<Path> findings() throws IOException {
        try (Stream<Path> s = Files.list(Paths.get("..", "docs", "findings"))) {
            return s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("findings")
    void replaysToItsBreak(Path file) throws IOException, ScenarioException {
        Matcher m = CHECKED.matcher(Files.readString(file));
        assertThat(m.find()).as(file + " names the invariant it breaks").isTrue();
        String invariant = m.group(1);
        RunResult r = Runner.run(Parser.load(file));
        assertThat(r.violations()).as(file.toString()).extracting(v -> v.invariant()).contains(invariant);
        assertThat(Files.readString(Paths.get("..", "docs", "findings.md"))).as("findings.md describes it")
                .contains(file.getFileName().toString());
    }
}
