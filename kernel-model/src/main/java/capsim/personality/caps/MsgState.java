package capsim.personality.caps;

import java.util.Locale;

/**
 * Where a CAPS message is in its life: REQUEST (queued to the service), SERVING (the server has read it and owes a
 * reply), REPLY (queued to the client's port), DISPOSE (queued back to the service so the server may drop its reply
 * data), FREED (gone; it is never anything else again).
 */
public enum MsgState {
    REQUEST, SERVING, REPLY, DISPOSE, FREED;

    /** The scenario word, lower case. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MsgState fromWord(String word) {
        for (MsgState s : values()) {
            if (s.word().equals(word)) {
                return s;
            }
        }
        return null;
    }
}
