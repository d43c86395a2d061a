package capsim.explore;

import capsim.kernel.Kernel;

/**
 * The explorer's state primitives for tools and benchmarks (issue 14): the canonical encoding of a kernel
 * state and its 64-bit fingerprint. Canonical as the explorer's encoding is: every object with every field,
 * the unfinished transfers and the message count, message serials renumbered in order of appearance; not
 * the trace, not the work counters. Oids are kept as allocated (the model names objects by oid, and a
 * capability's oid and version are state); interchangeable threads are renamed by the explorer's symmetry
 * reduction, not here. Reuses its buffers: one instance per thread.
 */
public final class CanonicalState {
    private static final int[] NO_PROGRAMS = new int[0];
    private final StateCodec codec = new StateCodec();

    /** The 64-bit fingerprint of {@code k}'s canonical encoding (never 0); equal states give equal fingerprints. */
    public long fingerprint(Kernel k) {
        return codec.fingerprint(k, NO_PROGRAMS, null);
    }

    /** The canonical encoding packed as bytes (zig-zag varints of the encoding's ints): what {@code --exact} stores. */
    public byte[] encode(Kernel k) {
        codec.fingerprint(k, NO_PROGRAMS, null);
        return codec.packLast();
    }

    /** The number of ints of the encoding made last (4 bytes each unpacked). */
    public int lastInts() {
        return codec.lastLength();
    }
}
