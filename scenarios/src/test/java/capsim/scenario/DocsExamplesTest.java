package capsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** Every ```scn block in docs/ is a complete scenario that parses and holds. */
class DocsExamplesTest {
    static final Pattern BLOCK = Pattern.compile("```scn\\n(.*?)```", Pattern.DOTALL);

    @Test
    void everyScenarioExampleInTheDocsRunsAndHolds(TestReporter reporter) throws IOException, ScenarioException {
        List<String> ran = new ArrayList<>();
        try (Stream<Path> docs = Stream.concat(Files.list(Paths.get("..", "docs")), Stream.of(Paths.get("..", "README.md")))) {
            for (Path doc : docs.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = BLOCK.matcher(Files.readString(doc));
                int n = 0;
                while (m.find()) {
                    n++;
                    String name = doc.getFileName() + "#" + n;
                    RunResult r = Runner.run(Parser.load(name, m.group(1)));
                    assertThat(r.failures()).as(name).isEmpty();
                    ran.add(name);
                }
            }
        }
        assertThat(ran).as("the scenario language page has runnable examples")
                .anyMatch(n -> n.startsWith("scenario-language.md#"));
        assertThat(ran).as("the README's example runs").anyMatch(n -> n.startsWith("README.md#"));
        reporter.publishEntry("docs examples run", String.join(", ", ran));
    }

    @Test
    void theTraceShownInTheDocsIsWhatRunPrints() throws IOException {
        String doc = Files.readString(Paths.get("..", "docs", "scenario-language.md"));
        Matcher m = BLOCK.matcher(doc);
        assertThat(m.find()).isTrue();
        Path tmp = Files.createTempFile("first", ".scn");
        Files.writeString(tmp, m.group(1));
        String out = RunOutput.of(tmp);
        int start = doc.indexOf("step 3 (line 17)");
        String shown = doc.substring(start, doc.indexOf("```", start)).strip();
        for (String line : shown.lines().toList()) {
            assertThat(out).contains(line.stripTrailing());
        }
    }
}
