package capsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A page's used-slot index and its copy-on-write slots agree with the slots themselves after any stores. */
class CapPageUsedSlotsTest {

    @Test
    void usedSlotsFollowEveryStoreAndCopiesStayIndependent() {
        SplittableRandom rnd = new SplittableRandom(3);
        Capability cap = new Capability(CapType.FRAME, 5, 1, Rights.FULL, 0);
        List<CapPage> pages = new ArrayList<>(List.of(new CapPage(1, 0, -1)));
        List<Capability[]> expected = new ArrayList<>();
        expected.add(filledVoid());
        for (int step = 0; step < 20_000; step++) {
            int p = rnd.nextInt(pages.size());
            if (rnd.nextInt(20) == 0 && pages.size() < 16) {
                pages.add(pages.get(p).copy());
                expected.add(expected.get(p).clone());
                continue;
            }
            int slot = rnd.nextInt(CapPage.SLOTS);
            Capability c = rnd.nextBoolean() ? Capability.VOID : cap;
            pages.get(p).setSlot(slot, c);
            expected.get(p)[slot] = c;
        }
        for (int p = 0; p < pages.size(); p++) {
            List<Integer> walked = new ArrayList<>();
            for (int i = pages.get(p).nextUsed(0); i >= 0; i = pages.get(p).nextUsed(i + 1)) {
                walked.add(i);
            }
            List<Integer> want = new ArrayList<>();
            for (int i = 0; i < CapPage.SLOTS; i++) {
                assertThat(pages.get(p).slot(i)).isEqualTo(expected.get(p)[i]);
                if (!expected.get(p)[i].isVoid()) {
                    want.add(i);
                }
            }
            assertThat(walked).isEqualTo(want);
        }
    }

    private static Capability[] filledVoid() {
        Capability[] a = new Capability[CapPage.SLOTS];
        java.util.Arrays.fill(a, Capability.VOID);
        return a;
    }
}
