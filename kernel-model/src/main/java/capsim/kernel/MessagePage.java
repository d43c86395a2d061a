package capsim.kernel;

import java.util.Arrays;

/** A snapshot of a message page as a thread reads it: capability addresses and bytes. */
public record MessagePage(int[] capAddresses, byte[] data) {
    public MessagePage {
        capAddresses = capAddresses.clone();
        data = data.clone();
    }

    @Override
    public int[] capAddresses() {
        return capAddresses.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MessagePage m && Arrays.equals(capAddresses, m.capAddresses) && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(capAddresses) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < capAddresses.length; i++) {
            b.append(i > 0 ? " " : "").append(CapAddress.format(capAddresses[i]));
        }
        return b.append("] ").append(data.length).append(" bytes").toString();
    }
}
