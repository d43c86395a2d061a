package capsim.kernel.check;

/**
 * How far a random check got, for progress lines: told after every try by the kernel's {@link Checker} and by
 * {@code capsim.personality.PersonalityChecker}, and after every step inside a try by the latter (deep
 * personality checks run long tries). The command line prints it; tests and benchmarks pass {@link #none()}.
 */
public interface CheckProgress {

    /** {@code done} of {@code total} tries have run, {@code steps} steps in all. */
    void tried(int done, int total, long steps);

    /** Step {@code step} of {@code of} (setup included) of try {@code run} (1-based) is done. */
    default void stepped(int run, int step, int of) {
    }

    /** Reports nothing. */
    static CheckProgress none() {
        return (done, total, steps) -> { };
    }
}
