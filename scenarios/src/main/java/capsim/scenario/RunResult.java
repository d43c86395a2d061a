package capsim.scenario;

import capsim.kernel.check.Violation;
import java.util.List;

/** The result of running one scenario. */
public record RunResult(String file, String title, String variant, int steps, int expectations, int expectationsFailed,
                        List<String> failures, List<Violation> violations, long traceHash) {
    public RunResult {
        failures = List.copyOf(failures);
        violations = List.copyOf(violations);
    }

    /** True when every step ran as written, every expectation held and no unexpected invariant broke. */
    public boolean passed() {
        return failures.isEmpty();
    }

    public String hashText() {
        return String.format("%016x", traceHash);
    }
}
