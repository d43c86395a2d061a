package capsim.personality;

/**
 * One step of a personality, as data: who does what, by name. Scenarios parse into actions, the checker
 * generates them, counterexamples print them with {@link #text()}, which must parse back to an equal step.
 *
 * @param <W> the personality's world
 */
public interface PersonalityAction<W extends World<W>> {

    /** The step as a scenario line without its outcome, e.g. {@code client put conn "hello"}. */
    String text();

    /**
     * Runs the step on {@code world}; returns its outcome word ({@code ok}, or a non-error word the design
     * reports such as {@code EASYNC}). A refusal throws; the caller then discards the world it changed.
     */
    String apply(W world) throws PersonalityException;
}
