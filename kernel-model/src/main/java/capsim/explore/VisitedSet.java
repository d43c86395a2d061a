package capsim.explore;

/** The states seen so far. Not thread-safe: the search adds from one thread, between parallel expansions. */
interface VisitedSet {
    /** Adds a state (its fingerprint, and its encoding when the set is exact); true when it was new. */
    boolean add(long fingerprint, byte[] encoding);

    /** True when the state is known (a read-only check workers may make while nobody adds). */
    boolean contains(long fingerprint, byte[] encoding);

    long size();

    /** Bytes the set holds now. */
    long bytes();

    /** Bytes the set would hold after its next growth (so the search can stop before running out). */
    long bytesAfterGrowth();

    /** True when states are stored whole (no fingerprint collisions are possible). */
    boolean exact();
}
