package capsim.dialect.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import capsim.cli.Renders;
import capsim.scenario.Parser;
import capsim.scenario.ScenarioException;
import capsim.scenario.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster language: every step reads back from its own text, errors point at the token, diagrams hold both kernels. */
class ClusterScenarioTest {
    private static final String HEAD = "scenario \"c\"\nvariant cluster\n";

    @Test
    void everyStepPrintsAsTheLineThatReadsBackToIt() throws ScenarioException {
        List<String> lines = List.of("thread t on a quota 10", "thread u on b quota 0", "frame f for t bytes \"a \\\"b\\\" \\x01\"",
                "link up over tcp quota 5", "link up over pipe quota 8", "link cut", "t send f to u slot 3",
                "t send slot 4 to u slot 5", "u release slot 3", "t request r to u", "t request r2 to u in r",
                "u answer r", "t abort r2");
        Script<?> s = (Script<?>) Parser.load("c.scn", HEAD + String.join("\n", lines) + "\n");
        assertEquals(lines.size(), s.items().size());
        for (int i = 0; i < lines.size(); i++) {
            String text = ((Script.StepItem<?>) s.items().get(i)).action().text();
            assertEquals(lines.get(i), text);
            Script<?> again = (Script<?>) Parser.load("c.scn", HEAD + text + "\n");
            assertEquals(((Script.StepItem<?>) s.items().get(i)).action(), ((Script.StepItem<?>) again.items().get(0)).action());
        }
    }

    @Test
    void malformedLinesSayWhereAndWhat() {
        assertEquals("c.scn:3:13: expected a node (a or b), found 'c'", error("thread t on c"));
        assertEquals("c.scn:3:14: expected a transport (pipe or tcp), found 'udp'", error("link up over udp"));
        assertEquals("c.scn:3:6: expected 'up' or 'cut', found 'down'", error("link down"));
        assertEquals("c.scn:3:3: expected an operation (send, release, request, answer, abort), found 'take'", error("t take x"));
        assertEquals("c.scn:3:14: expected 'slot' and a slot number, found the end of the line", error("t send f to u"));
        assertEquals("c.scn:3:20: a slot number must be between 0 and " + (capsim.kernel.CapPage.SLOTS - 1) + ", not 9999",
                error("t send f to u slot 9999"));
        assertEquals("c.scn:3:8: expected what to expect (link, open, proxies, references, request, slot, event, invariant), "
                + "found 'nothing'", error("expect nothing"));
        assertEquals("c.scn:3:18: expected a request state (waiting, answered, ended, aborted, lost), found 'done'",
                error("expect request r done"));
    }

    private static String error(String line) {
        return assertThrows(ScenarioException.class, () -> Parser.load("c.scn", HEAD + line + "\n")).getMessage();
    }

    @Test
    void eachDiagramDrawsBothKernelsAndTheProxyLinkBetweenThem(@TempDir Path out) throws Exception {
        Renders.dot(Parser.load(Paths.get("library", "cluster", "capability-across.scn")), out);
        String afterSend = Files.readString(out.resolve("step-005.dot"));
        assertThat(afterSend).contains("subgraph \"cluster_node0\"").contains("subgraph \"cluster_node1\"")
                .contains("node a").contains("node b").contains("proxy for").contains("stands for doc on a")
                .contains("link agent: holds the proxies");
        String afterRelease = Files.readString(out.resolve("step-006.dot"));
        assertThat(afterRelease).doesNotContain("label=\"proxy for\"");
    }
}
