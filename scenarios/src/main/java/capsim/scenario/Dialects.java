package capsim.scenario;

import java.util.List;
import java.util.Optional;

/** The dialects of the shipped personalities, one per design. */
public final class Dialects {
    private Dialects() {
    }

    /** The dialects of the shipped personalities, in the order of {@link capsim.personality.Personalities#shipped()}. */
    public static List<Dialect<?>> shipped() {
        return List.of(new capsim.dialect.caps.CapsDialect(),
                new capsim.dialect.lwkt.LwktDialect(),
                new capsim.dialect.mach.MachDialect(),
                new capsim.dialect.cluster.ClusterDialect(),
                new capsim.dialect.sel4.Sel4Dialect());
    }

    /**
     * Every dialect: the shipped ones, then those listed in {@code META-INF/services/capsim.scenario.Dialect}
     * on the class path (a user personality's language); a name already taken is ignored.
     */
    public static List<Dialect<?>> all() {
        java.util.Map<String, Dialect<?>> byName = new java.util.LinkedHashMap<>();
        for (Dialect<?> d : shipped()) {
            byName.put(d.personality().name(), d);
        }
        for (Dialect<?> d : java.util.ServiceLoader.load(Dialect.class)) {
            byName.putIfAbsent(d.personality().name(), d);
        }
        return List.copyOf(byName.values());
    }

    public static Optional<Dialect<?>> byName(String name) {
        return all().stream().filter(d -> d.personality().name().equals(name)).findFirst();
    }

    public static List<String> names() {
        return all().stream().map(d -> d.personality().name()).toList();
    }
}
