package capsim.explore;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.Kernel;
import capsim.scenario.Explorable;
import capsim.scenario.ScenarioException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** Issue 14's state primitives: the packed canonical encoding and the fingerprint, on states a search reaches. */
class CanonicalStateTest {

    /** The ints of a packed encoding (zig-zag varints), written independently of the packer. */
    static int[] unpack(byte[] b) {
        List<Integer> out = new ArrayList<>();
        int i = 0;
        while (i < b.length) {
            int v = 0;
            int shift = 0;
            int x;
            do {
                x = b[i++];
                v |= (x & 0x7f) << shift;
                shift += 7;
            } while ((x & 0x80) != 0);
            out.add((v >>> 1) ^ -(v & 1));
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void packedBytesAreTheEncodingAndFingerprintsFollowEquality(TestReporter reporter) throws ScenarioException {
        Model m = Explorable.load(ExplorerTest.TRANSFER_3X2).model();
        List<Kernel> states = new ArrayList<>();
        new Explorer(m, ExplorerTest.options(false, false, 1), null).onNewState((k, pcs) -> states.add(k.copy())).run();
        CanonicalState c = new CanonicalState();
        StateCodec ints = new StateCodec();
        Map<String, Long> fingerprintOf = new HashMap<>();
        long packed = 0;
        for (Kernel k : states) {
            byte[] b = c.encode(k);
            int[] expected = ints.encode(k, new int[0], null);
            assertThat(unpack(b)).isEqualTo(expected);
            assertThat(c.fingerprint(k.copy())).as("a copy is the same state").isEqualTo(c.fingerprint(k));
            // Equal encodings, equal fingerprints: the states without program counters may repeat.
            Long before = fingerprintOf.putIfAbsent(Arrays.toString(b), c.fingerprint(k));
            if (before != null) {
                assertThat(c.fingerprint(k)).isEqualTo(before);
            }
            packed += b.length;
        }
        assertThat(states).hasSize(1082);
        // Different kernel states (as encodings) get different fingerprints here (no collision among a thousand).
        assertThat(fingerprintOf.values().stream().distinct().count()).isEqualTo(fingerprintOf.size());
        assertThat(fingerprintOf.size()).isGreaterThan(100);
        reporter.publishEntry("packed bytes per state (transfer-3x2)", String.valueOf(packed / states.size()));
    }
}
