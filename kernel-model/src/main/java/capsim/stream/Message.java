package capsim.stream;

import java.util.List;

/**
 * One message of the stream protocol (seed 004): the link it travels on, its transaction id, a 15-bit
 * command with a response flag, and its items.
 */
public record Message(long linkId, int msgId, int command, boolean response, List<Item> items) {
    /** Commands are 15 bits: bit 15 of the wire field is the response flag. */
    public static final int MAX_COMMAND = 0x7FFF;

    public Message {
        if (command < 0 || command > MAX_COMMAND) {
            throw new IllegalArgumentException("a command is 0.." + MAX_COMMAND + ", not " + command);
        }
        items = List.copyOf(items);
    }
}
