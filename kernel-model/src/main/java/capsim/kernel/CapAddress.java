package capsim.kernel;

/**
 * Capability addresses: a path of slot indices through capability pages,
 * starting at an address-space root. {@code 3} is slot 3 of the root page;
 * {@code 3.7} is slot 7 of the page that slot 3 designates. Encoded in an int
 * (depth 1..3, 8 bits a level) so message pages can hold arrays of them.
 */
public final class CapAddress {
    /** The void address: names no slot. */
    public static final int NONE = -1;
    public static final int MAX_DEPTH = 3;

    private CapAddress() {
    }

    /** The address of the given slot path. */
    public static int of(int... slots) {
        if (slots.length < 1 || slots.length > MAX_DEPTH) {
            throw new IllegalArgumentException("an address has 1 to " + MAX_DEPTH + " levels, not " + slots.length);
        }
        int a = (slots.length - 1) << 24;
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] < 0 || slots[i] >= CapPage.SLOTS) {
                throw new IllegalArgumentException("slot index " + slots[i] + " is outside 0.." + (CapPage.SLOTS - 1));
            }
            a |= slots[i] << (16 - 8 * i);
        }
        return a;
    }

    public static boolean isNone(int address) {
        return address < 0;
    }

    public static int depth(int address) {
        return (address >>> 24) + 1;
    }

    /** The slot index at the given level (0 = in the root page). */
    public static int slot(int address, int level) {
        return (address >>> (16 - 8 * level)) & 0xff;
    }

    /** "3.7", or "none". */
    public static String format(int address) {
        if (isNone(address)) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < depth(address); i++) {
            if (i > 0) {
                b.append('.');
            }
            b.append(slot(address, i));
        }
        return b.toString();
    }

    /** Parses {@link #format}; returns {@link #NONE} for "none"; throws IllegalArgumentException otherwise. */
    public static int parse(String text) {
        if (text.equals("none")) {
            return NONE;
        }
        String[] parts = text.split("\\.", -1);
        int[] slots = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                slots[i] = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a capability address (like 3 or 3.7)");
            }
        }
        return of(slots);
    }
}
