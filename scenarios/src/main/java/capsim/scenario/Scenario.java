package capsim.scenario;

import capsim.kernel.Spec;
import capsim.kernel.variant.Variant;
import java.util.List;

/**
 * A parsed scenario: header, initial state (a {@link Spec}, with the line of each declaration), and the
 * steps and expectations in file order.
 *
 * @param invariants the invariants to check after every step (empty: none)
 */
public record Scenario(String file, String title, Variant variant, int workBound, long rootQuota,
                       List<String> invariants, Spec spec, List<Integer> declLines, List<Item> items)
        implements ScenarioFile {

    public Scenario {
        invariants = List.copyOf(invariants);
        declLines = List.copyOf(declLines);
        items = List.copyOf(items);
    }

    /** A step or an expectation. */
    public sealed interface Item permits StepItem, ExpectItem {
        int line();
    }

    /**
     * A step: {@code thread} (null for the kernel's own {@code resume}) runs {@code op}; {@code expected} is the
     * outcome word after {@code =>} (or null); {@code bindAs} names the object the step allocates (or null).
     */
    public record StepItem(int line, String thread, Op op, String expected, String bindAs) implements Item {
        /** The step as written (without the outcome and binding). */
        public String text() {
            return (thread == null ? "kernel" : thread) + " " + op.text();
        }
    }

    public record ExpectItem(Expectation expectation) implements Item {
        public int line() {
            return expectation.line();
        }
    }

    @Override
    public String variantName() {
        return variant.name();
    }

    public long stepCount() {
        return items.stream().filter(i -> i instanceof StepItem).count();
    }

    public long expectationCount() {
        return items.stream().filter(i -> i instanceof ExpectItem).count();
    }
}
