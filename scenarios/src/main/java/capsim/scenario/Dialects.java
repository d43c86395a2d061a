package capsim.scenario;

import java.util.List;
import java.util.Optional;

/** The dialects of the shipped personalities, one per design. */
public final class Dialects {
    private Dialects() {
    }

    /** Every dialect, in the order of {@link capsim.personality.Personalities#all()}. */
    public static List<Dialect<?>> all() {
        return List.of(new capsim.dialect.mach.MachDialect());
    }

    public static Optional<Dialect<?>> byName(String name) {
        return all().stream().filter(d -> d.personality().name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return all().stream().map(d -> d.personality().name()).toList();
    }
}
