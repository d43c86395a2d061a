package capsim.personality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SharedLogTest {

    @Test
    void growsLikeAListAndEveryEarlierVersionStaysAsItWas() {
        SplittableRandom rnd = new SplittableRandom(7);
        List<SharedLog<Integer>> versions = new ArrayList<>();
        List<List<Integer>> expected = new ArrayList<>();
        versions.add(SharedLog.empty());
        expected.add(List.of());
        // Random forks: each new version grows from an earlier one, past several levels of the tree (32, 1024, 32768).
        for (int i = 0; i < 400; i++) {
            int from = rnd.nextInt(10) == 0 ? rnd.nextInt(versions.size()) : versions.size() - 1;
            SharedLog<Integer> log = versions.get(from);
            List<Integer> list = new ArrayList<>(expected.get(from));
            int n = rnd.nextInt(1, i < 5 ? 40_000 : 300);
            for (int k = 0; k < n; k++) {
                int x = rnd.nextInt();
                log = log.with(x);
                list.add(x);
            }
            for (int k = rnd.nextInt(5); k > 0; k--) {
                int at = rnd.nextInt(list.size());
                int x = rnd.nextInt();
                log = log.with(at, x);
                list.set(at, x);
            }
            versions.add(log);
            expected.add(list);
        }
        for (int v = 0; v < versions.size(); v++) {
            assertThat(versions.get(v)).as("version %d", v).isEqualTo(expected.get(v));
            assertThat(versions.get(v).size()).isEqualTo(expected.get(v).size());
        }
    }

    @Test
    void refusesIndexesOutsideIt() {
        SharedLog<String> log = SharedLog.<String>empty().with("a");
        assertThat(log.get(0)).isEqualTo("a");
        assertThatThrownBy(() -> log.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.with(1, "b")).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> log.add("b")).isInstanceOf(UnsupportedOperationException.class);
    }
}
