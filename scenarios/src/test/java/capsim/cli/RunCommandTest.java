package capsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

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

class RunCommandTest {
    static final Path MALFORMED = Paths.get("src/test/resources/malformed");

    static List<Path> malformed() throws IOException {
        try (Stream<Path> s = Files.list(MALFORMED)) {
            return s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
    }

    @Test
    void theCorpusIsLargeEnough() throws IOException {
        assertThat(malformed()).hasSizeGreaterThanOrEqualTo(30);
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void malformedFileIsExit2WithItsLocation(Path file) throws IOException {
        String where = Files.readString(Paths.get(file.toString().replaceFirst("\\.scn$", ".where"))).strip();
        CliTestSupport.Result r = CliTestSupport.run("run", file.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith(file + ":" + where + ": ");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(r.err().strip().lines().count()).as("one line").isEqualTo(1);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void passingScenarioIsExit0WithANumberedTrace() {
        CliTestSupport.Result r = CliTestSupport.run("run", "library/rpc-messenger.scn");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("step 4 (line 31): client rpc request to inbox reply reply")
                .contains("msg 1: delivered request -> inbox")
                .contains("ok    (line 32) expect slot server_root[20] = reply rw")
                .containsPattern("(?m)^ +\\d+  msg 1: transfer request -> inbox")
                .contains("PASS library/rpc-messenger.scn: 6 steps, 9/9 expectations held");
    }

    @Test
    void failingExpectationIsExit1(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("fails.scn");
        Files.writeString(f, """
                scenario "a failing expectation"
                variant messenger-2008
                activity a quota 5
                expect usage a = 4
                """);
        CliTestSupport.Result r = CliTestSupport.run("run", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL  (line 4) expect usage a = 4   <-- usage 0").contains("FAIL " + f);
    }

    @Test
    void unexpectedRefusalFailsTheStepButExpectedOneDoesNot(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("refusal.scn");
        Files.writeString(f, """
                scenario "refusals"
                variant messenger-2008
                activity a
                cappage p in a
                thread t in a root p
                t collect
                t collect => BAD_ARGUMENT
                t collect
                expect error BAD_ARGUMENT
                """);
        CliTestSupport.Result r = CliTestSupport.run("run", f.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("step 1 (t collect): refused: BAD_ARGUMENT");
        assertThat(r.out()).doesNotContain("step 2 (t collect): refused").doesNotContain("step 3 (t collect): refused");
    }

    @Test
    void jsonLinesAreOneObjectEach() {
        CliTestSupport.Result r = CliTestSupport.run("run", "--json", "library/blocked-target.scn");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).allMatch(l -> l.startsWith("{\"type\":\"") && l.endsWith("}"));
        assertThat(lines).anyMatch(l -> l.contains("\"type\":\"event\"") && l.contains("\"kind\":\"Delivered\""));
        assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"summary\"").contains("\"passed\":true");
    }

    @Test
    void missingFileIsBadInput() {
        CliTestSupport.Result r = CliTestSupport.run("run", "no/such/file.scn");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("no/such/file.scn:1:1: cannot read the file");
    }

    @Test
    void demoRunsTheLibrary() {
        CliTestSupport.Result r = CliTestSupport.run("demo", "--library", "library", "--no-render", "--check-tries", "20",
                "--out", System.getProperty("java.io.tmpdir") + "/capsim-demo-test");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("rpc-messenger.scn").contains("scenarios, ").contains(" 0 failed")
                .containsPattern("revised +held").containsPattern("proposal-2008 +BROKEN");
    }

    @Test
    void renderWritesTheViewer(@TempDir Path dir) {
        CliTestSupport.Result r = CliTestSupport.run("render", "library/rpc-revised.scn", "--out", dir.toString(), "--format", "dot");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(dir.resolve("index.html")).exists();
        assertThat(dir.resolve("step-000.dot")).exists();
        assertThat(dir.resolve("sequence.svg")).exists();
        assertThat(CliTestSupport.run("render", "library/rpc-revised.scn", "--out", dir.toString(), "--format", "gif").code())
                .isEqualTo(2);
    }
}
