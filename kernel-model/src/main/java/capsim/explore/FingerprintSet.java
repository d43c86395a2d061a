package capsim.explore;

/**
 * 64-bit fingerprints in one open-addressed {@code long[]} (linear probing; 0 marks an empty slot). The
 * table grows by half when three quarters full, so it holds between 10.7 and 16 bytes per state. Two
 * states with the same fingerprint are taken for one: the search reports the chance that this happened.
 */
final class FingerprintSet implements VisitedSet {
    private long[] table;
    private long size;
    private int limit;

    FingerprintSet(int initialCapacity) {
        table = new long[Math.max(16, initialCapacity)];
        limit = (int) (table.length * 0.75);
    }

    @Override
    public boolean add(long fp, byte[] encoding) {
        if (size >= limit) {
            grow();
        }
        if (insert(table, fp)) {
            size++;
            return true;
        }
        return false;
    }

    @Override
    public boolean contains(long fp, byte[] encoding) {
        long[] t = table;
        int i = index(fp, t.length);
        while (true) {
            long x = t[i];
            if (x == fp) {
                return true;
            }
            if (x == 0) {
                return false;
            }
            if (++i == t.length) {
                i = 0;
            }
        }
    }

    private static int index(long fp, int length) {
        return (int) Math.floorMod(fp ^ (fp >>> 31), (long) length);
    }

    private static boolean insert(long[] t, long fp) {
        int i = index(fp, t.length);
        while (true) {
            long x = t[i];
            if (x == fp) {
                return false;
            }
            if (x == 0) {
                t[i] = fp;
                return true;
            }
            if (++i == t.length) {
                i = 0;
            }
        }
    }

    private void grow() {
        long n = (long) table.length + table.length / 2;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("the fingerprint table cannot grow past " + table.length + " slots");
        }
        long[] bigger = new long[(int) n];
        for (long x : table) {
            if (x != 0) {
                insert(bigger, x);
            }
        }
        table = bigger;
        limit = (int) (bigger.length * 0.75);
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long bytes() {
        return 8L * table.length;
    }

    @Override
    public long bytesAfterGrowth() {
        return size + 1 >= limit ? bytes() + 12L * table.length : bytes();
    }

    @Override
    public boolean exact() {
        return false;
    }
}
