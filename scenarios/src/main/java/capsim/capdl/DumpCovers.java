package capsim.capdl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The untyped covers of a kernel dump (a file whose first line is {@code -- Dump}), found from the
 * addresses in the names as capDL-tool's {@code CapDL/DumpParser.hs} finds them: an object named
 * {@code type@0xADDR} (an untyped {@code untyped@0xADDR@BITS}) is covered by the smallest untyped whose
 * memory holds that address.
 */
final class DumpCovers {
    private record Region(ObjId id, long start, long size) {
        boolean holds(long addr) {
            return Long.compareUnsigned(addr, start) >= 0 && Long.compareUnsigned(addr - start, size) < 0;
        }
    }

    private DumpCovers() {
    }

    static void add(Set<ObjId> ids, Function<ObjId, ObjectType> typeOf, Function<ObjId, Long> bitsOf,
                    Map<ObjId, LinkedHashSet<ObjId>> covers) {
        List<Region> untypeds = new ArrayList<>();
        for (ObjId id : ids) {
            Long addr = address(id.name());
            Long bits = bitsOf.apply(id);
            if (addr != null && typeOf.apply(id) == ObjectType.UNTYPED && bits != null && bits < 64) {
                untypeds.add(new Region(id, addr, 1L << bits));
            }
        }
        for (ObjId id : ids) {
            Long addr = address(id.name());
            if (addr == null) {
                continue;
            }
            Long ownBits = typeOf.apply(id) == ObjectType.UNTYPED ? bitsOf.apply(id) : null;
            long own = ownBits == null ? 0 : 1L << Math.min(62, ownBits);
            Region best = null;
            for (Region r : untypeds) {
                // an untyped is covered only by a strictly larger one
                if (!r.id().equals(id) && r.holds(addr) && r.size() > own && (best == null || r.size() < best.size())) {
                    best = r;
                }
            }
            if (best != null) {
                covers.computeIfAbsent(best.id(), k -> new LinkedHashSet<>()).add(id);
            }
        }
    }

    /** The address in {@code type@0xADDR...}, or null. */
    static Long address(String name) {
        int at = name.indexOf("@0x");
        if (at < 0) {
            return null;
        }
        int end = name.indexOf('@', at + 3);
        try {
            return Long.parseUnsignedLong(name.substring(at + 3, end < 0 ? name.length() : end), 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
