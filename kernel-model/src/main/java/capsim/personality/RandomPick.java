package capsim.personality;

import java.util.List;
import java.util.SplittableRandom;

/** Random choices for personalities' generators, all from the checker's one seeded source. */
public final class RandomPick {
    private RandomPick() {
    }

    /** One element of {@code xs} (not empty). */
    public static <T> T pick(List<T> xs, SplittableRandom rnd) {
        return xs.get(rnd.nextInt(xs.size()));
    }

    /** One element of {@code xs} (not empty). */
    public static <T> T pick(T[] xs, SplittableRandom rnd) {
        return xs[rnd.nextInt(xs.length)];
    }
}
