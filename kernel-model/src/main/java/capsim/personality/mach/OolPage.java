package capsim.personality.mach;

/** An out-of-line region travelling in a message: its name in the sender's space, the frame, how it went. */
public record OolPage(String region, int frame, OolMode mode) {
    @Override
    public String toString() {
        return region + "(" + mode.word() + " frame#" + frame + ")";
    }
}
