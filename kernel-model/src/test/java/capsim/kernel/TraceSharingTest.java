package capsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Copies of a trace share their events (O(1) copy) and its hash is kept incrementally: both must behave
 * exactly like an independent list per trace hashed from scratch, however copies and appends interleave.
 */
class TraceSharingTest {

    @Test
    void copiesAppendIndependentlyAndHashLikeAFreshList() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<Trace> traces = new ArrayList<>();
        List<List<Event>> expected = new ArrayList<>();
        traces.add(new Trace());
        expected.add(new ArrayList<>());
        for (int step = 0; step < 5_000; step++) {
            int i = rnd.nextInt(traces.size());
            Trace t = traces.get(i);
            switch (rnd.nextInt(10)) {
                case 0, 1 -> {
                    if (traces.size() < 40) {
                        traces.add(t.copy());
                        expected.add(new ArrayList<>(expected.get(i)));
                    }
                }
                case 2 -> assertThat(t.hash()).isEqualTo(Trace.hash(expected.get(i)));
                case 3 -> {
                    if (rnd.nextInt(50) == 0) {
                        t.clear();
                        expected.get(i).clear();
                    }
                }
                default -> {
                    Event e = new Event.Resumed(rnd.nextInt(1000));
                    t.add(e);
                    expected.get(i).add(e);
                }
            }
        }
        for (int i = 0; i < traces.size(); i++) {
            assertThat(traces.get(i).events()).containsExactlyElementsOf(expected.get(i));
            assertThat(traces.get(i).hash()).isEqualTo(Trace.hash(expected.get(i)));
        }
    }

    @Test
    void theEventsViewFollowsLaterEventsAndIsReadOnly() {
        Trace t = new Trace();
        List<Event> view = t.events();
        t.add(new Event.Resumed(1));
        assertThat(view).containsExactly(new Event.Resumed(1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> view.add(new Event.Resumed(2)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aTraceNotRecordingKeepsNothing() {
        Trace t = new Trace();
        t.setRecording(false);
        t.add(new Event.Resumed(1));
        Trace c = t.copy();
        assertThat(c.recording()).isFalse();
        assertThat(t.size()).isZero();
        assertThat(t.hash()).isEqualTo(Trace.hash(List.of()));
    }
}
