package capsim.kernel;

/**
 * The rights a capability carries. Viengoos pairs each type with a weak
 * facet; here the weak facet is the same type without {@link #write()}.
 * Rights only ever narrow: {@link #narrow} is an intersection.
 *
 * <p>Write on a capability page is the take-grant "grant" right (store into
 * it); read is "take" (fetch from it, weakened when the path is weak).
 */
public record Rights(boolean read, boolean write) {
    public static final Rights FULL = new Rights(true, true);
    public static final Rights WEAK = new Rights(true, false);
    public static final Rights NONE = new Rights(false, false);

    /** The intersection of these rights and {@code mask}. */
    public Rights narrow(Rights mask) {
        if (mask == FULL || this == NONE) {
            return this;
        }
        return of(read && mask.read, write && mask.write);
    }

    /** True when every right in {@code other} is also here. */
    public boolean covers(Rights other) {
        return (read || !other.read) && (write || !other.write);
    }

    /** The canonical instance for the two flags (keeps comparisons cheap). */
    public static Rights of(boolean read, boolean write) {
        if (read) {
            return write ? FULL : WEAK;
        }
        return write ? new Rights(false, true) : NONE;
    }

    /** "rw", "r", "w" or "-". */
    public String word() {
        if (read && write) {
            return "rw";
        }
        if (read) {
            return "r";
        }
        return write ? "w" : "-";
    }

    /** Parses {@link #word()}; null when not a rights word. */
    public static Rights fromWord(String w) {
        return switch (w) {
            case "rw" -> FULL;
            case "r" -> WEAK;
            case "w" -> of(false, true);
            case "-" -> NONE;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return word();
    }
}
