package capsim.personality;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A kernel design built on capsim's kernel model (DragonFly CAPS, LWKT ports, Mach ports): its world, its
 * invariants, how its objects are drawn, and how the checker generates its steps. A personality's objects
 * are kernel objects charged to activities, so the core invariants (storage accounting, revocation, ...)
 * hold of it too. Register one in {@link Personalities}.
 *
 * @param <W> the personality's world
 */
public interface Personality<W extends World<W>> {

    /** Lower-case name, used after {@code variant} in scenarios and with {@code capsim check --variant}. */
    String name();

    /** One line: the design. */
    String summary();

    /** An empty world: a fresh kernel with the personality's own bookkeeping. */
    W newWorld();

    /** The design's invariants (the core ones are added by {@link Session}). */
    List<PersonalityInvariant<W>> invariants();

    /** The kinds of object, for diagrams and their legend. */
    List<Role> roles();

    /**
     * How a run is drawn as a message-sequence chart: the design's actors and the arrow each event is. A
     * design that declares nothing gets one lifeline per node with its events as notes.
     */
    default SequenceMap<W> sequence() {
        return SequenceMap.plain();
    }

    /** The first steps of a random run: the processes, services and ports the run works on. */
    List<PersonalityAction<W>> randomSetup(SplittableRandom rnd);

    /** One random step fit for {@code world} (it may be refused: refusals are tested too). */
    PersonalityAction<W> randomStep(W world, SplittableRandom rnd);
}
