package capsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code run --json} read back as another tool would: every line parses as one JSON object, and a kernel
 * event carries its kind, message number, the objects it names (oid and scenario name) and its counts as
 * fields (the shape in docs/trace-json.md).
 */
class RunJsonTest {

    private static List<Map<String, Object>> run(String file) {
        CliTestSupport.Result r = CliTestSupport.run("run", "--json", file);
        assertThat(r.code()).as(r.err()).isZero();
        return r.out().lines().map(JsonReader::object).toList();
    }

    private static List<Map<String, Object>> events(List<Map<String, Object>> lines, String kind) {
        return lines.stream().filter(l -> "event".equals(l.get("type")) && kind.equals(l.get("kind"))).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ref(Map<String, Object> event, String field) {
        return (Map<String, Object>) event.get(field);
    }

    @Test
    void kernelEventsAreStructured() {
        List<Map<String, Object>> lines = run("library/blocked-target.scn");
        List<Map<String, Object>> all = lines.stream().filter(l -> "event".equals(l.get("type"))).toList();
        assertThat(all).isNotEmpty().allSatisfy(e -> assertThat(e).containsKeys("step", "n", "kind", "text"));
        // the steps' events are numbered consecutively, as in the text trace (the declarations' events come first)
        long first = (Long) all.get(0).get("n");
        assertThat(all.stream().map(e -> e.get("n")).toList())
                .isEqualTo(java.util.stream.LongStream.range(first, first + all.size()).boxed().toList());

        // "client send first to inbox" and "client send second to inbox": two messages, both wait on inbox
        List<Map<String, Object>> sent = events(lines, "Sent");
        assertThat(sent).hasSize(2);
        assertThat(sent).extracting(e -> ref(e, "source").get("name")).containsExactly("first", "second");
        assertThat(sent).extracting(e -> ref(e, "target").get("name")).containsOnly("inbox");
        assertThat(sent).extracting(e -> ref(e, "thread").get("name")).containsOnly("client");
        long firstMsg = (Long) sent.get(0).get("msg");
        long secondMsg = (Long) sent.get(1).get("msg");
        assertThat(firstMsg).isNotEqualTo(secondMsg);
        assertThat(events(lines, "Enqueued")).extracting(e -> e.get("msg")).containsExactly(firstMsg, secondMsg);

        // each unblock delivers one waiting sender, FIFO: msg numbers and oids tie the events together
        List<Map<String, Object>> delivered = events(lines, "Delivered");
        assertThat(delivered).extracting(e -> e.get("msg")).containsExactly(firstMsg, secondMsg);
        assertThat(ref(delivered.get(0), "source").get("oid")).isEqualTo(ref(sent.get(0), "source").get("oid"));
        assertThat(delivered).extracting(e -> ref(e, "target").get("name")).containsOnly("inbox");

        // counts are numbers: "ONE" then "two", three bytes each
        List<Map<String, Object>> copied = events(lines, "BytesCopied");
        assertThat(copied).extracting(e -> e.get("msg")).containsExactly(firstMsg, secondMsg);
        assertThat(copied).extracting(e -> e.get("bytes")).containsExactly(3L, 3L);

        // "client write first [] \"one\"": a frame allocated from activity a, then the message written into it
        Map<String, Object> written = events(lines, "MessageWritten").stream()
                .filter(e -> "first".equals(ref(e, "buffer").get("name"))).findFirst().orElseThrow();
        assertThat(written).containsEntry("capCount", 0L).containsEntry("dataCount", 3L)
                .doesNotContainKey("msg");
        Map<String, Object> frame = events(lines, "Allocated").stream()
                .filter(e -> ref(e, "object").get("oid").equals(ref(written, "frame").get("oid"))).findFirst().orElseThrow();
        assertThat(frame).containsEntry("objectType", "frame").containsEntry("step", written.get("step"));
        assertThat(ref(frame, "activity").get("name")).isEqualTo("a");

        Map<String, Object> summary = lines.get(lines.size() - 1);
        assertThat(summary).containsEntry("type", "summary").containsEntry("passed", true);
    }

    @Test
    void personalityEventsAreTextLines() {
        List<Map<String, Object>> lines = run("library/mach/dead-names.scn");
        List<Map<String, Object>> all = lines.stream().filter(l -> "event".equals(l.get("type"))).toList();
        assertThat(all).isNotEmpty().allSatisfy(e -> assertThat(e).containsKeys("step", "n", "text").doesNotContainKey("kind"));
    }
}
