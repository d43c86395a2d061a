package capsim.personality.sel4;

import java.util.List;

/**
 * What a thread's last receive (Recv, Wait, Poll, a reply to its Call) left in its registers and IPC buffer: the
 * badge, the message label and words, how many capabilities were transferred into its receive slot, the badges
 * of the capabilities unwrapped (seL4's msgCapsUnwrapped), and the fault it reports, if a fault message.
 */
public record Received(String from, long badge, long label, List<Long> words, int capsTransferred,
                       List<Long> unwrapped, String fault) {
    public Received {
        words = List.copyOf(words);
        unwrapped = List.copyOf(unwrapped);
    }

    /** What a failed non-blocking receive leaves: badge 0, nothing else (doNBRecvFailedTransfer). */
    static Received nothing(String from) {
        return new Received(from, 0, 0, List.of(), 0, List.of(), null);
    }

    public String text() {
        return "from " + from + " badge " + badge + " label " + label + " words " + words + " caps " + capsTransferred
                + " unwrapped " + unwrapped + (fault != null ? " fault " + fault : "");
    }
}
