package capsim.scenario;

import capsim.kernel.CapAddress;

/** Address lists in scenario text: {@code [20 21 8.0 none]}. */
final class Addresses {
    private Addresses() {
    }

    static String text(int[] addrs) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < addrs.length; i++) {
            b.append(i > 0 ? " " : "").append(CapAddress.format(addrs[i]));
        }
        return b.append(']').toString();
    }
}
