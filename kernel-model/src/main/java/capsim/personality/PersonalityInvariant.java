package capsim.personality;

/**
 * A property of one design, checked after every step of a scenario that asks for it and of every
 * {@code capsim check --variant NAME} run. What it needs of the run so far, the world keeps (a log of
 * freed messages, say), so an invariant is a pure function of the step.
 *
 * @param <W> the personality's world
 */
public interface PersonalityInvariant<W extends World<W>> {

    /** Lower-case name with dashes, unique in the catalogue (core invariants included). */
    String name();

    /** One line: what the invariant says. */
    String description();

    /**
     * Checks the step just taken: the world before it, after it (equal to before when refused), the action
     * and its outcome word or error code. Returns null when the invariant holds, else what broke.
     */
    String check(W before, W after, PersonalityAction<W> action, String outcome);
}
