package capsim.personality.mach;

/**
 * A right travelling in a message: a receive right, a send right, or send-once right {@code sendOnce}, to
 * port {@code port}. {@code reply} marks the header's reply port.
 */
public record CarriedRight(RightKind kind, String port, int sendOnce, boolean reply) {
    @Override
    public String toString() {
        return (reply ? "reply " : "") + port + ":" + kind.word() + (sendOnce != 0 ? "#" + sendOnce : "");
    }
}
