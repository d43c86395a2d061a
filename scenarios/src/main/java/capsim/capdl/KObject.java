package capsim.capdl;

import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One object of a capDL model: its kind, its parameters as written ({@code 12 bits}, {@code 4k},
 * {@code prio: 254}...), and, for the kinds that have them, its slots.
 */
public record KObject(ObjectType type, List<Param> params, SortedMap<Long, Cap> slots) {
    public KObject {
        params = List.copyOf(params);
        slots = Collections.unmodifiableSortedMap(new TreeMap<>(slots));
        if (!type.hasSlots() && !slots.isEmpty()) {
            throw new IllegalArgumentException(type.keyword() + " objects hold no capabilities");
        }
    }

    /** An object with no parameters and no capabilities. */
    public static KObject of(ObjectType type, Param... params) {
        return new KObject(type, List.of(params), new TreeMap<>());
    }

    /** The same object with other slots. */
    public KObject withSlots(SortedMap<Long, Cap> slots) {
        return new KObject(type, params, slots);
    }

    /** One parameter: {@code key: value}, or with an empty key a phrase such as {@code 12 bits}. */
    public record Param(String key, String value) {
        /** A size in bits: {@code N bits}. */
        public static Param bits(long n) {
            return new Param("", n + " bits");
        }

        /** {@code key: value}. */
        public static Param of(String key, Object value) {
            return new Param(key, String.valueOf(value));
        }

        @Override
        public String toString() {
            return key.isEmpty() ? value : key + ": " + value;
        }
    }

    /** The value of parameter {@code key}, or null. */
    public String param(String key) {
        for (Param p : params) {
            if (p.key().equals(key)) {
                return p.value();
            }
        }
        return null;
    }

    /** The size in bits a bare parameter gives ({@code 12 bits}, {@code 4k}, {@code 4096 bytes}), or null. */
    static Long sizeOf(Param p) {
        return p.key().isEmpty() ? new KObject(ObjectType.UNTYPED, List.of(p), new TreeMap<>()).sizeBits() : null;
    }

    /**
     * The size in bits: {@code N bits} (CNode radix, untyped size), a frame's {@code 4k}/{@code 2M}/{@code 1G}
     * as a power of two, or {@code N bytes} (the kernel's dump); null when none is given.
     */
    public Long sizeBits() {
        for (Param p : params) {
            if (!p.key().isEmpty()) {
                continue;
            }
            String[] w = p.value().split(" ");
            try {
                if (w.length == 2 && w[1].equals("bits")) {
                    return parseNumber(w[0]);
                }
                if (w.length == 2 && w[1].equals("bytes")) {
                    long n = parseNumber(w[0]);
                    return n > 0 ? (long) (63 - Long.numberOfLeadingZeros(n)) : 0L;
                }
                Long vm = vmSizeBits(p.value());
                if (vm != null) {
                    return vm;
                }
            } catch (NumberFormatException e) {
                // not a size
            }
        }
        return null;
    }

    /** {@code 4k} is 12, {@code 2M} is 21, {@code 1G} is 30; null when {@code s} is not such a size or not a power of two. */
    static Long vmSizeBits(String s) {
        String t = s.replace(" ", "");
        if (t.length() < 2) {
            return null;
        }
        char unit = t.charAt(t.length() - 1);
        int shift = switch (unit) {
            case 'k' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> -1;
        };
        if (shift < 0) {
            return null;
        }
        long n = parseNumber(t.substring(0, t.length() - 1));
        if (n <= 0 || Long.bitCount(n) != 1) {
            return null;
        }
        return (long) (63 - Long.numberOfLeadingZeros(n)) + shift;
    }

    /** A capDL number: decimal, {@code 0x} hexadecimal or {@code 0o} octal. */
    static long parseNumber(String s) {
        String t = s.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            return Long.parseUnsignedLong(t.substring(2), 16);
        }
        if (t.startsWith("0o") || t.startsWith("0O")) {
            return Long.parseUnsignedLong(t.substring(2), 8);
        }
        return Long.parseUnsignedLong(t);
    }
}
