package capsim.kernel;

/** A read-only view of an unfinished transfer: message serial, buffers, how far it got. */
public record TransferState(int msg, int source, int target, int caps, String phase, int index) {
}
