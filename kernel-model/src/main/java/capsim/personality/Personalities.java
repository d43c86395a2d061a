package capsim.personality;

import capsim.kernel.check.Invariant;
import capsim.kernel.check.Invariants;
import java.util.List;
import java.util.Optional;

/** The personality registry, and the core invariants that apply to every personality's kernel. */
public final class Personalities {
    /**
     * The core invariants that are properties of kernel states alone, so they hold of any design built on the
     * kernel (the others judge the kernel's own operations, which personalities do not invoke), plus
     * determinism, which {@link Session} checks by replaying the personality's step.
     */
    public static final List<String> CORE = List.of("frame-exclusivity", "storage-accounting", "revocation",
            "message-conservation", "activation", "bounded-kernel-work", "determinism");

    private Personalities() {
    }

    /** The personalities shipped with capsim, in a fixed order. */
    public static List<Personality<?>> shipped() {
        return List.of(new capsim.personality.caps.CapsPersonality(),
                new capsim.personality.lwkt.LwktPersonality(),
                new capsim.personality.mach.MachPersonality(),
                new capsim.personality.cluster.ClusterPersonality(),
                new capsim.personality.sel4.Sel4Personality());
    }

    /**
     * Every personality: the shipped ones, then those listed in
     * {@code META-INF/services/capsim.personality.Personality} on the class path (by name; a name already
     * taken by a shipped personality or a variant is ignored).
     */
    public static List<Personality<?>> all() {
        java.util.Map<String, Personality<?>> byName = new java.util.LinkedHashMap<>();
        for (Personality<?> p : shipped()) {
            byName.put(p.name(), p);
        }
        List<Personality<?>> extra = new java.util.ArrayList<>();
        for (Personality<?> p : java.util.ServiceLoader.load(Personality.class)) {
            if (!byName.containsKey(p.name()) && capsim.kernel.variant.Variants.byName(p.name()).isEmpty()) {
                extra.add(p);
            }
        }
        extra.sort(java.util.Comparator.comparing(Personality::name));
        for (Personality<?> p : extra) {
            byName.put(p.name(), p);
        }
        return List.copyOf(byName.values());
    }

    public static Optional<Personality<?>> byName(String name) {
        return all().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return all().stream().map(Personality::name).toList();
    }

    /** The core invariants a personality run checks, as kernel invariants (determinism is the session's). */
    static List<Invariant> coreKernelInvariants(List<String> names) {
        return names.stream().filter(n -> !n.equals("determinism")).map(n -> Invariants.byName(n).orElseThrow()).toList();
    }

    /** The names of every invariant a run of {@code p} can check: the design's own, then the core ones. */
    public static List<String> invariantNames(Personality<?> p) {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (PersonalityInvariant<?> i : p.invariants()) {
            out.add(i.name());
        }
        out.addAll(CORE);
        return out;
    }
}
