package capsim.visual;

import java.util.Locale;

/** The file format of rendered diagrams. The sequence chart is always SVG (it is written directly). */
public enum Format {
    SVG, PNG, DOT;

    /** The file extension, without the dot. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "svg", "png" or "dot" (any case), as the command line's {@code --format} takes it. */
    public static Format parse(String s) {
        for (Format f : values()) {
            if (f.extension().equalsIgnoreCase(s.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + s + "' (svg, png or dot)");
    }
}
