package capsim.cli;

import capsim.kernel.Kernel;
import java.util.List;

/**
 * The limits every subcommand applies to its numeric and named options, so an option means the same
 * wherever it appears (and the same as the scenario-file statement of that name). Each rule returns
 * the refusal to print, or null when the value is fine.
 */
final class OptionRules {
    /** The largest work bound: the same cap as a scenario file's {@code work-bound} statement. */
    static final int MAX_WORK_BOUND = 1_000_000;
    static final String WORK_BOUND_RANGE = Kernel.MIN_WORK_BOUND + " to " + MAX_WORK_BOUND;

    private OptionRules() {
    }

    static String atLeast(String option, long value, long min) {
        return value < min ? option + " must be at least " + min + " (got " + value + ")" : null;
    }

    static String workBound(int value) {
        return value < Kernel.MIN_WORK_BOUND || value > MAX_WORK_BOUND
                ? "--work-bound must be from " + WORK_BOUND_RANGE + " (got " + value + ")" : null;
    }

    /**
     * Every skipped name must be an invariant of {@code all}, and something must be left to check.
     *
     * @param personality the personality's name for the message, or null for a Viengoos-model variant
     */
    static String skips(List<String> skipped, List<String> all, String personality) {
        for (String s : skipped) {
            if (!all.contains(s)) {
                return "unknown invariant '" + s + "'" + (personality != null ? " for " + personality : "")
                        + " (expected one of " + String.join(", ", all) + ")";
            }
        }
        return all.stream().allMatch(skipped::contains) ? "every invariant is skipped; nothing to check" : null;
    }
}
