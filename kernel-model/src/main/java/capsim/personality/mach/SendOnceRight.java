package capsim.personality.mach;

/**
 * A send-once right to {@code port}, made by {@code maker} (the task holding the port's receive right). Its
 * one message is paid for when it is made: {@code frame}, charged to the maker, becomes the reply, or the
 * send-once notification if the right is destroyed unused. So a reply can never fail for want of storage
 * and never waits for queue space.
 */
public record SendOnceRight(int id, String port, int frame, String maker) {
    @Override
    public String toString() {
        return "send-once #" + id + " to " + port + " frame#" + frame + " made by " + maker;
    }
}
