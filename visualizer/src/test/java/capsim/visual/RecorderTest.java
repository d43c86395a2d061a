package capsim.visual;

import static capsim.kernel.ClientServerFixture.a;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.kernel.ClientServerFixture;
import capsim.kernel.Event;
import capsim.kernel.KernelException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecorderTest {

    @Test
    void stepsShareSnapshotsAndKeepTheirEventsAndTraceLines() {
        ClientServerFixture w = new ClientServerFixture("revised");
        Recorder r = new Recorder("t", w.k, w.names);
        r.step("ready", k -> {
            w.serverReady();
            return null;
        });
        r.step("write", k -> {
            w.clientWrites();
            return null;
        });
        Recording rec = r.recording();
        assertThat(rec.variant()).isEqualTo("revised");
        assertThat(rec.steps()).hasSize(2);
        assertThat(rec.steps().get(0).before()).isSameAs(rec.initial());
        assertThat(rec.steps().get(1).before()).isSameAs(rec.steps().get(0).after());
        List<Event> events = rec.steps().get(1).events();
        assertThat(events).hasSize(2).first().isInstanceOf(Event.Allocated.class);
        assertThat(rec.steps().get(1).trace()).containsExactly(events.get(0).text(), events.get(1).text());
        // snapshots do not follow the live kernel
        w.clientCalls();
        assertThat(rec.steps().get(1).after().trace().size()).isLessThan(w.k.trace().size());
    }

    @Test
    void aRefusalIsRecordedAsATraceLineAndRethrown() {
        ClientServerFixture w = new ClientServerFixture("revised");
        Recorder r = new Recorder("t", w.k, null).name(w.client, "c");
        assertThatThrownBy(() -> r.step("bad send", k -> k.send(w.client, a(3), a(5), false)))
                .isInstanceOf(KernelException.class);
        Recording rec = r.recording();
        assertThat(rec.steps()).singleElement().satisfies(s -> {
            assertThat(s.label()).isEqualTo("bad send");
            assertThat(s.trace()).singleElement().asString().startsWith("refused: ");
        });
        assertThat(rec.names()).isEqualTo(Map.of(w.client, "c"));
    }
}
