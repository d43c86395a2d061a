package capsim.kernel.check;

/** An invariant broke at a step: which one and what exactly was wrong. */
public record Violation(String invariant, String message) {
    @Override
    public String toString() {
        return invariant + ": " + message;
    }
}
