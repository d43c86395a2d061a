package capsim.personality.caps;

/**
 * The credentials CAPS attaches to a message: the process that sent it and its user and group ids. The kernel
 * fills them in from the sending process, never from the message's data, so a receiver can trust them.
 *
 * @param process the sending process's name
 * @param uid     its user id
 * @param gid     its group id
 */
public record Credentials(String process, int uid, int gid) {
    public Credentials {
        if (process == null) {
            throw new IllegalArgumentException("credentials name a process");
        }
    }

    /** As events print them: {@code alice (uid 1000 gid 100)}. */
    @Override
    public String toString() {
        return process + " (uid " + uid + " gid " + gid + ")";
    }
}
