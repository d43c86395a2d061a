package capsim.kernel;

import java.util.Arrays;

/**
 * A data page. When used as a message page it holds the seed's layout: a
 * header (cap_count, data_count), then cap_count capability addresses, then
 * data_count bytes; all of it must fit in {@link #PAGE_SIZE} bytes. Kept as
 * fields rather than raw bytes so traces and diagrams can show it.
 */
public final class Frame extends KernelObject {
    public static final int PAGE_SIZE = 4096;
    /** Bytes of the header: cap_count and data_count, 4 bytes each. */
    public static final int HEADER_SIZE = 8;
    /** Bytes one capability address takes in the page. */
    public static final int ADDRESS_SIZE = 4;

    private int[] capAddresses;
    private int capCount;
    private byte[] data;
    private int dataCount;
    /**
     * Copy-on-write: a copy shares both arrays with its original until either of them changes its page
     * (checker and explorer copy whole kernels after every step; most pages do not change in a step).
     */
    private boolean shared;

    Frame(int oid, int version, int chargedTo) {
        super(CapType.FRAME, oid, version, chargedTo);
        this.capAddresses = new int[0];
        this.data = new byte[0];
    }

    private Frame(Frame o) {
        super(CapType.FRAME, o.oid(), o.version(), o.chargedTo());
        this.capAddresses = o.capAddresses;
        this.capCount = o.capCount;
        this.data = o.data;
        this.dataCount = o.dataCount;
        this.shared = true;
        o.shared = true;
    }

    /** Before any change: takes private copies of the arrays if they are shared with a copy. */
    private void own() {
        if (shared) {
            capAddresses = Arrays.copyOf(capAddresses, capCount);
            data = Arrays.copyOf(data, dataCount);
            shared = false;
        }
    }


    @Override
    Frame copy() {
        return new Frame(this);
    }

    /** True when a message of this shape fits in one page. */
    public static boolean fits(int capCount, int dataCount) {
        return capCount >= 0 && dataCount >= 0
                && (long) HEADER_SIZE + (long) ADDRESS_SIZE * capCount + dataCount <= PAGE_SIZE;
    }

    public int capCount() {
        return capCount;
    }

    public int dataCount() {
        return dataCount;
    }

    public int capAddress(int i) {
        if (i < 0 || i >= capCount) {
            throw new IndexOutOfBoundsException(i);
        }
        return capAddresses[i];
    }

    /** A copy of the capability address array. */
    public int[] capAddresses() {
        return Arrays.copyOf(capAddresses, capCount);
    }

    /** A copy of the data bytes. */
    public byte[] data() {
        return Arrays.copyOf(data, dataCount);
    }

    /** True when both pages hold the same addresses and bytes (a state comparison without copies). */
    public boolean sameContents(Frame o) {
        return capCount == o.capCount && dataCount == o.dataCount
                && Arrays.equals(capAddresses, 0, capCount, o.capAddresses, 0, capCount)
                && Arrays.equals(data, 0, dataCount, o.data, 0, dataCount);
    }

    /** True when the page is all zero (no addresses, no bytes). */
    public boolean isClear() {
        return capCount == 0 && dataCount == 0;
    }

    void write(int[] addresses, byte[] bytes) {
        own();
        // Reuse the arrays when they are big enough: a page is rewritten for every message.
        if (capAddresses.length < addresses.length) {
            capAddresses = new int[addresses.length];
        }
        System.arraycopy(addresses, 0, capAddresses, 0, addresses.length);
        capCount = addresses.length;
        if (data.length < bytes.length) {
            data = new byte[bytes.length];
        }
        System.arraycopy(bytes, 0, data, 0, bytes.length);
        dataCount = bytes.length;
    }

    void setCapCount(int n) {
        own();
        if (n > capAddresses.length) {
            capAddresses = Arrays.copyOf(capAddresses, Math.max(n, capAddresses.length * 2));
        }
        // New positions read as void whatever the array held before: the page's content must not depend
        // on how its storage was reused (a preempted transfer shows these positions).
        if (n > capCount) {
            Arrays.fill(capAddresses, capCount, n, CapAddress.NONE);
        }
        capCount = n;
    }

    void setCapAddress(int i, int address) {
        own();
        capAddresses[i] = address;
    }

    /** Copies {@code n} bytes from {@code src} (the copy-bytes transfer). */
    void copyDataFrom(Frame src, int n) {
        own();
        if (data.length < n) {
            data = new byte[n];
        }
        System.arraycopy(src.data, 0, data, 0, n);
        dataCount = n;
    }

    /** Zeroes the page. Nothing past the counts is readable, and growing the count voids what it uncovers. */
    void clear() {
        own();
        Arrays.fill(data, 0, dataCount, (byte) 0);
        capCount = 0;
        dataCount = 0;
    }
}
