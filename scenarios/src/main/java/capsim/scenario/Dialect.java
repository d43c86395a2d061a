package capsim.scenario;

import capsim.personality.Personality;
import capsim.personality.World;

/**
 * The scenario language of one personality: how its declarations, steps and expectations read. A file
 * whose {@code variant} line names a personality is read line by line through its dialect, after the
 * header; the parser has already taken off a trailing {@code => OUTCOME} and handles the statements every
 * dialect shares ({@code expect event}, {@code expect no event}, {@code expect invariant}).
 *
 * @param <W> the personality's world
 */
public interface Dialect<W extends World<W>> {

    Personality<W> personality();

    /**
     * Reads one whole statement from {@code line} (its first token is next); errors point at the token that
     * is wrong and say what was expected there.
     */
    Statement<W> statement(Line line) throws ScenarioException;
}
