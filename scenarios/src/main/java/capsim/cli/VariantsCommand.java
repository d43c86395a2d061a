package capsim.cli;

import capsim.kernel.variant.Variant;
import capsim.kernel.variant.Variants;
import capsim.personality.Personalities;
import capsim.personality.Personality;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code capsim variants}: one variant a line, its name first, then a one-line summary. */
@Command(name = "variants", mixinStandardHelpOptions = true,
        description = "List the design variants and the personalities, one a line: name, then a summary.",
        footer = {"", "Example:", "  capsim variants", "  capsim check --variant \"$(capsim variants | head -n 1 | cut -d' ' -f1)\""})
final class VariantsCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        int width = 0;
        for (Variant v : Variants.all()) {
            width = Math.max(width, v.name().length());
        }
        for (Personality<?> p : Personalities.all()) {
            width = Math.max(width, p.name().length());
        }
        for (Variant v : Variants.all()) {
            System.out.println(String.format("%-" + width + "s  %s", v.name(), v.summary()));
        }
        for (Personality<?> p : Personalities.all()) {
            System.out.println(String.format("%-" + width + "s  %s", p.name(), "personality: " + p.summary()));
        }
        return 0;
    }
}
