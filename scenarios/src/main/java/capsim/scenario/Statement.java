package capsim.scenario;

import capsim.personality.PersonalityAction;
import capsim.personality.World;
import java.util.function.Function;

/** One statement of a personality scenario, as its {@link Dialect} reads it. */
public sealed interface Statement<W extends World<W>> {

    /** A step (declarations are steps too: they run in order, so a refused one shows where it is). */
    record Step<W extends World<W>>(PersonalityAction<W> action) implements Statement<W> {
    }

    /** An expectation about the world where it stands: {@code failure} gives null when it holds, else what it found. */
    record Expect<W extends World<W>>(Function<W, String> failure) implements Statement<W> {
    }
}
