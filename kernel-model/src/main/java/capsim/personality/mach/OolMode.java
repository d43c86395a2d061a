package capsim.personality.mach;

/** How an out-of-line region travels. */
public enum OolMode {
    /** The kernel copies the page at send time; the sender keeps its region. */
    COPY,
    /** The page itself travels (deallocate on send): the sender loses the region. */
    MOVE,
    /**
     * The page itself travels and the kernel gives the sender a fresh clear page under the same name at once:
     * the double-buffered staging of seed 002 ("the kernel replaces the user VM page with a new buffer").
     */
    SWAP;

    public String word() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static OolMode fromWord(String w) {
        for (OolMode m : values()) {
            if (m.word().equals(w)) {
                return m;
            }
        }
        return null;
    }
}
