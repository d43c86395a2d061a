package capsim.personality.caps;

import capsim.kernel.Capability;

/**
 * What a process's last {@code get} returned: the message, the state it came in (REQUEST, REPLY, DISPOSE), its
 * length, whether it was read (an oversized one is not: it stays queued, only its length is reported), the bytes
 * read, the credentials attached, the reply status, and the frame the bytes were read from (null when none).
 */
public record LastGet(int msg, MsgState state, int length, boolean read, String data, Credentials from, String status,
                  Capability frame) {
}
