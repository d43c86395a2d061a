package capsim.personality.sel4;

import java.util.List;

/**
 * What a thread puts in its message registers and IPC buffer before a Send, Call or Reply: a label, up to
 * {@link Sel4World#MSG_MAX_LENGTH} words, and up to {@link Sel4World#MAX_EXTRA_CAPS} CPtrs of capabilities to send
 * (they travel only through a capability with the Grant right).
 */
public record Message(long label, List<Long> words, List<Long> caps) {
    public static final Message EMPTY = new Message(0, List.of(), List.of());

    public Message {
        words = List.copyOf(words);
        caps = List.copyOf(caps);
        if (words.size() > Sel4World.MSG_MAX_LENGTH || caps.size() > Sel4World.MAX_EXTRA_CAPS) {
            throw new IllegalArgumentException("at most " + Sel4World.MSG_MAX_LENGTH + " words and "
                    + Sel4World.MAX_EXTRA_CAPS + " capabilities");
        }
    }

    /** The message as a scenario writes it after the CPtr: {@code [label L] [msg W,...] [caps C,...]}. */
    public String text() {
        StringBuilder b = new StringBuilder();
        if (label != 0) {
            b.append(" label ").append(label);
        }
        if (!words.isEmpty()) {
            b.append(" msg ").append(join(words));
        }
        if (!caps.isEmpty()) {
            b.append(" caps ").append(join(caps));
        }
        return b.toString();
    }

    static String join(List<Long> xs) {
        StringBuilder b = new StringBuilder();
        for (long x : xs) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(x);
        }
        return b.toString();
    }
}
