package capsim.capdl;

import java.util.List;

/**
 * A capDL file that cannot be read or that fails the model check. The message is one or more lines of the
 * form {@code file:line:col: message}; {@link #problems()} has them one by one.
 */
public final class CapdlException extends Exception {
    private final transient List<Problem> problems;

    /** One problem at one place. */
    public CapdlException(SourcePos at, String message) {
        this(List.of(new Problem(at, message)));
    }

    /** Several problems (never empty). */
    public CapdlException(List<Problem> problems) {
        super(String.join("\n", problems.stream().map(Problem::toString).toList()));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a CapdlException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, in file order. */
    public List<Problem> problems() {
        return problems;
    }

    /** One finding of the reader or the model check. */
    public record Problem(SourcePos at, String message) {
        @Override
        public String toString() {
            return at + ": " + message;
        }
    }
}
