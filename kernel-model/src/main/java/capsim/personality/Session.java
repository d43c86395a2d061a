package capsim.personality;

import capsim.kernel.Kernel;
import capsim.kernel.StateText;
import capsim.kernel.check.Invariant;
import capsim.kernel.check.StepView;
import capsim.kernel.check.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs personality steps on a world: a refused step leaves the world exactly as it was (the session keeps the
 * copy taken before it), and the chosen invariants, the design's own and the core ones, are checked after
 * every step. Scenarios and the checker both run through a session, so a counterexample replays the same.
 *
 * @param <W> the personality's world
 */
public final class Session<W extends World<W>> {
    /** The outcome word of a step whose action threw (a bug in the personality, reported as {@link #NO_CRASH}). */
    public static final String CRASH = "CRASH";
    /** The violation a step that threw reports, whatever the session checks. */
    public static final String NO_CRASH = "no-crash";

    private final Personality<W> personality;
    private final List<PersonalityInvariant<W>> own;
    private final List<Invariant> core;
    private final boolean determinism;
    private final List<Kernel> initial;
    private W world;

    /** What one step did. {@code refusal} is the refusal's explanation (null when it ran); events are new ones. */
    public record Step(String outcome, String refusal, List<String> events, List<Violation> violations) {
        public boolean refused() {
            return refusal != null;
        }
    }

    /**
     * A session on {@code world} checking the invariants named (the design's own and those of
     * {@link Personalities#CORE}); unknown names are an {@link IllegalArgumentException}.
     */
    public Session(Personality<W> personality, W world, List<String> invariants) {
        this.personality = personality;
        this.world = world;
        this.initial = world.kernels().stream().map(Kernel::copy).toList();
        List<PersonalityInvariant<W>> mine = new ArrayList<>();
        List<String> coreNames = new ArrayList<>();
        for (String n : invariants) {
            PersonalityInvariant<W> found = null;
            for (PersonalityInvariant<W> i : personality.invariants()) {
                if (i.name().equals(n)) {
                    found = i;
                }
            }
            if (found != null) {
                mine.add(found);
            } else if (Personalities.CORE.contains(n)) {
                coreNames.add(n);
            } else {
                throw new IllegalArgumentException("no invariant '" + n + "' for " + personality.name()
                        + " (expected one of " + String.join(", ", Personalities.invariantNames(personality)) + ")");
            }
        }
        this.own = List.copyOf(mine);
        this.core = Personalities.coreKernelInvariants(coreNames);
        this.determinism = coreNames.contains("determinism");
    }

    /** A session checking every invariant of the design and every core one. */
    public static <W extends World<W>> Session<W> checkingAll(Personality<W> p, W world) {
        return new Session<>(p, world, Personalities.invariantNames(p));
    }

    /** A session checking nothing. */
    public static <W extends World<W>> Session<W> unchecked(Personality<W> p, W world) {
        return new Session<>(p, world, List.of());
    }

    public Personality<W> personality() {
        return personality;
    }

    /** The current world (replaced, not changed, when a step is refused). */
    public W world() {
        return world;
    }

    /** Runs {@code action}, then checks the invariants over the world before and after it. */
    public Step step(PersonalityAction<W> action) {
        W before = world.copy();
        int firstEvent = world.events().size();
        String outcome;
        String refusal = null;
        RuntimeException crash = null;
        try {
            outcome = action.apply(world);
        } catch (PersonalityException e) {
            world = before.copy();
            outcome = e.code();
            refusal = e.detail();
        } catch (RuntimeException e) {
            // A bug in the personality, not a refusal: report it as a broken step rather than crash a long run.
            world = before.copy();
            crash = e;
            outcome = CRASH;
            refusal = e.toString();
        }
        List<String> events = List.copyOf(world.events().subList(Math.min(firstEvent, world.events().size()),
                world.events().size()));
        List<Violation> broken = new ArrayList<>();
        if (crash != null) {
            broken.add(new Violation(NO_CRASH, action.text() + " threw " + crash));
        }
        for (PersonalityInvariant<W> inv : own) {
            String v = inv.check(before, world, action, outcome);
            if (v != null) {
                broken.add(new Violation(inv.name(), v));
            }
        }
        for (int node = 0; node < world.kernels().size(); node++) {
            StepView view = new StepView(initial.get(Math.min(node, initial.size() - 1)), before.kernels().get(node),
                    world.kernels().get(node), null, null, null);
            for (Invariant inv : core) {
                Violation v = inv.check(view);
                if (v != null) {
                    broken.add(world.kernels().size() == 1 ? v
                            : new Violation(v.invariant(), "on " + world.nodeNames().get(node) + ": " + v.message()));
                }
            }
        }
        if (determinism) {
            // The invariants are done with 'before': the replay may run on it instead of on another copy.
            Violation v = replay(before, action, outcome, refusal != null, firstEvent);
            if (v != null) {
                broken.add(v);
            }
        }
        return new Step(outcome, refusal, events, broken);
    }

    /**
     * Replays {@code action} on {@code again} (a copy of the world before the step) and compares it with the
     * step as it ran. Only what the step can have changed is compared: the kernels, the design's state and the
     * events added since {@code firstEvent} (both worlds share the log before it, and the log only grows), so
     * the check costs the size of the state, not of the whole history ({@link World#fingerprint()} hashes
     * every event ever logged, which made deep checks quadratic).
     */
    private Violation replay(W again, PersonalityAction<W> action, String outcome, boolean wasUndone, int firstEvent) {
        String second;
        boolean undone;
        try {
            second = action.apply(again);
            undone = false;
        } catch (PersonalityException e) {
            second = e.code();
            undone = true;
        } catch (RuntimeException e) {
            second = CRASH;
            undone = true;
        }
        if (!second.equals(outcome)) {
            return new Violation("determinism", "replaying '" + action.text() + "' gave " + second + ", first " + outcome);
        }
        // A refused step is undone both times: the world is the copy taken before it, by construction.
        if (!undone && !wasUndone && !sameAfter(again, world, firstEvent)) {
            return new Violation("determinism", "replaying '" + action.text() + "' gave a different world");
        }
        return null;
    }

    /** Whether two worlds that were equal before a step are equal after it (see {@link #replay}). */
    private static <W extends World<W>> boolean sameAfter(W a, W b, int firstEvent) {
        List<String> ea = a.events();
        List<String> eb = b.events();
        if (ea.size() != eb.size() || !ea.subList(firstEvent, ea.size()).equals(eb.subList(firstEvent, eb.size()))) {
            return false;
        }
        List<Kernel> ka = a.kernels();
        List<Kernel> kb = b.kernels();
        if (ka.size() != kb.size()) {
            return false;
        }
        for (int i = 0; i < ka.size(); i++) {
            if (!StateText.of(ka.get(i)).equals(StateText.of(kb.get(i)))) {
                return false;
            }
        }
        return a.stateText().equals(b.stateText());
    }
}
