package capsim.kernel.check;

import java.util.List;
import java.util.Optional;

/** The invariant catalogue (see docs/invariants.md). */
public final class Invariants {
    private Invariants() {
    }

    /** Every invariant in the catalogue, in a fixed order. */
    public static List<Invariant> all() {
        return List.of(new AuthorityConfinement(), new NoDisclosure(), new FrameExclusivity(), new StorageAccounting(),
                new Revocation(), new MessageConservation(), new ActivationOnce(), new BoundedKernelWork(), new Determinism());
    }

    public static Optional<Invariant> byName(String name) {
        return all().stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return all().stream().map(Invariant::name).toList();
    }
}
