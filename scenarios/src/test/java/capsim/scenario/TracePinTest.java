package capsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins the trace hash and outcome of every library scenario and every docs example against the checked-in
 * table {@code trace-pins.tsv}. A change of behaviour shows up here as a changed pin; re-pin knowingly with
 * {@code -Dcapsim.repin=true} (it rewrites the table in src/test/resources) and say in the commit which
 * scenarios changed and why.
 */
class TracePinTest {
    private static final Path TABLE = Paths.get("src", "test", "resources", "capsim", "scenario", "trace-pins.tsv");

    /** name -> "hash outcome" for every pinned scenario, in a fixed order. */
    static Map<String, String> current() throws IOException, ScenarioException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Path p : LibraryTest.library()) {
            out.put("library/" + LibraryTest.LIBRARY.relativize(p).toString().replace('\\', '/'),
                    pin(Runner.run(Parser.load(p))));
        }
        List<Path> docs = new ArrayList<>();
        try (Stream<Path> s = Stream.concat(Files.list(Paths.get("..", "docs")), Stream.of(Paths.get("..", "README.md")))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        for (Path doc : docs) {
            Matcher m = DocsExamplesTest.BLOCK.matcher(Files.readString(doc));
            int n = 0;
            while (m.find()) {
                n++;
                String name = doc.getFileName() + "#" + n;
                out.put("docs/" + name, pin(Runner.run(Parser.load(name, m.group(1)))));
            }
        }
        return out;
    }

    private static String pin(RunResult r) {
        List<String> broken = r.violations().stream().map(v -> v.invariant()).distinct().toList();
        return r.hashText() + "\t" + (r.passed() ? "held" : "failed") + "\t" + r.steps()
                + "\t" + (broken.isEmpty() ? "-" : String.join(",", broken));
    }

    @Test
    void everyLibraryScenarioAndDocsExampleKeepsItsTraceHashAndOutcome() throws IOException, ScenarioException {
        Map<String, String> now = current();
        if (Boolean.getBoolean("capsim.repin")) {
            StringBuilder sb = new StringBuilder("# scenario\ttrace hash\toutcome\tsteps\tinvariants broken (expected)\n");
            now.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
            Files.writeString(TABLE, sb.toString(), StandardCharsets.UTF_8);
        }
        Map<String, String> pinned = new LinkedHashMap<>();
        for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int tab = line.indexOf('\t');
            pinned.put(line.substring(0, tab), line.substring(tab + 1));
        }
        assertThat(now.keySet()).as("the pinned scenarios (new or removed ones need a re-pin)")
                .containsExactlyInAnyOrderElementsOf(pinned.keySet());
        List<String> changed = new ArrayList<>();
        now.forEach((k, v) -> {
            if (!v.equals(pinned.get(k))) {
                changed.add(k + ": pinned " + pinned.get(k) + ", now " + v);
            }
        });
        assertThat(changed).as("scenarios whose trace hash, outcome, steps or expected breaks changed").isEmpty();
        assertThat(now).hasSizeGreaterThan(40);
    }
}
