package capsim.scenario;

import capsim.kernel.MessageBuffer;

/** Buffer flag words: {@code activate-on-send}, {@code activate-on-receive}, joined with {@code ,}; {@code none}. */
final class Flags {
    private Flags() {
    }

    static final String SEND = "activate-on-send";
    static final String RECEIVE = "activate-on-receive";

    /** The flag bit of a word, or -1. */
    static int bit(String word) {
        return switch (word) {
            case SEND -> MessageBuffer.ACTIVATE_ON_SEND;
            case RECEIVE -> MessageBuffer.ACTIVATE_ON_RECEIVE;
            case "none" -> 0;
            default -> -1;
        };
    }

    static String text(int flags) {
        if (flags == 0) {
            return "none";
        }
        StringBuilder b = new StringBuilder();
        if ((flags & MessageBuffer.ACTIVATE_ON_SEND) != 0) {
            b.append(SEND);
        }
        if ((flags & MessageBuffer.ACTIVATE_ON_RECEIVE) != 0) {
            b.append(b.length() > 0 ? "," : "").append(RECEIVE);
        }
        return b.toString();
    }
}
