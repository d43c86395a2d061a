package capsim.explore;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/** Whole canonical encodings, packed ({@code --exact}; {@link StateCodec#packLast}): no collisions, at the cost of the encoding's size per state. */
final class ExactSet implements VisitedSet {
    private record Key(byte[] enc, long fp) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.fp == fp && Arrays.equals(k.enc, enc);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(fp);
        }
    }

    private final Set<Key> states = new HashSet<>();
    private long bytes;

    @Override
    public boolean add(long fp, byte[] encoding) {
        if (states.add(new Key(encoding, fp))) {
            // The array, its key record and the hash set's entry.
            bytes += 16 + encoding.length + 24 + 48;
            return true;
        }
        return false;
    }

    @Override
    public boolean contains(long fp, byte[] encoding) {
        return states.contains(new Key(encoding, fp));
    }

    @Override
    public long size() {
        return states.size();
    }

    @Override
    public long bytes() {
        return bytes;
    }

    @Override
    public long bytesAfterGrowth() {
        return bytes;
    }

    @Override
    public boolean exact() {
        return true;
    }
}
