package capsim.scenario;

import capsim.personality.PersonalityAction;
import capsim.personality.World;
import java.util.List;
import java.util.function.Function;

/**
 * A parsed personality scenario: header, then steps and expectations in file order.
 *
 * @param invariants the invariants to check after every step (empty: none)
 */
public record Script<W extends World<W>>(String file, String title, Dialect<W> dialect, List<String> invariants,
                                         List<Item<W>> items) implements ScenarioFile {
    public Script {
        invariants = List.copyOf(invariants);
        items = List.copyOf(items);
    }

    @Override
    public String variantName() {
        return dialect.personality().name();
    }

    /** A step or an expectation, with its line. */
    public sealed interface Item<W extends World<W>> {
        int line();
    }

    /** A step; {@code expected} is the outcome word after {@code =>}, or null. */
    public record StepItem<W extends World<W>>(int line, PersonalityAction<W> action, String expected) implements Item<W> {
    }

    /**
     * An expectation as written ({@code text}); {@code failure} is null for the shared forms, which the runner
     * evaluates: {@code expect event "..."} (some event so far contains it), {@code expect no event "..."},
     * {@code expect invariant NAME holds|broken}.
     */
    public record ExpectItem<W extends World<W>>(int line, String text, Function<W, String> failure, Shared shared)
            implements Item<W> {
    }

    /** The expectations every dialect has. */
    public sealed interface Shared {
        record Event(String contains, boolean present) implements Shared {
        }

        record Invariant(String name, boolean holds) implements Shared {
        }
    }
}
