package capsim.kernel.variant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The variant registry: the shipped variants first, then those found through {@link ServiceLoader}. */
public final class Variants {
    private Variants() {
    }

    /** The variants shipped with capsim, in a fixed order. */
    public static List<Variant> shipped() {
        return List.of(new Proposal2008(), new Messenger2008(), new Revised());
    }

    /** Every variant: shipped ones, then user ones on the class path (a user variant may not reuse a name). */
    public static List<Variant> all() {
        Map<String, Variant> byName = new LinkedHashMap<>();
        for (Variant v : shipped()) {
            byName.put(v.name(), v);
        }
        List<Variant> extra = new ArrayList<>();
        for (Variant v : ServiceLoader.load(Variant.class)) {
            if (!byName.containsKey(v.name())) {
                extra.add(v);
            }
        }
        extra.sort((a, b) -> a.name().compareTo(b.name()));
        for (Variant v : extra) {
            byName.put(v.name(), v);
        }
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /** The variant with this name, if any. */
    public static Optional<Variant> byName(String name) {
        return all().stream().filter(v -> v.name().equals(name)).findFirst();
    }

    /** The names of all variants, for error messages. */
    public static List<String> names() {
        return all().stream().map(Variant::name).toList();
    }
}
