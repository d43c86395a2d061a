package capsim.personality.mach;

/**
 * A notification request on a port: the kernel holds send-once right {@code sendOnce} to {@code notifyPort}
 * and uses it when the event happens. {@code requester} asked for it; {@code name} is the requester's name
 * for the port (what a dead-name notification reports).
 */
public record NotificationRequest(NotificationKind kind, String requester, String name, String notifyPort, int sendOnce) {
    @Override
    public String toString() {
        return "request " + kind.word() + " by " + requester + " (" + name + ") to " + notifyPort + " #" + sendOnce;
    }
}
