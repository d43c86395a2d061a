package capsim.capdl;

/**
 * An access right of an endpoint, notification or frame capability: capDL-tool's {@code Rights}
 * ({@code CapDL/Model.hs}), written R, W, G and P (P is GrantReply, which capDL.md does not list but the
 * parser reads). Older capDL-tool read X as Grant; the kernel's aarch64 dump writes X for an executable
 * frame, so X on a frame capability is kept as the frame's "executable" attribute and elsewhere means G.
 */
public enum Right {
    READ('R'), WRITE('W'), GRANT('G'), GRANT_REPLY('P');

    private final char letter;

    Right(char letter) {
        this.letter = letter;
    }

    /** The letter capDL writes. */
    public char letter() {
        return letter;
    }

    /** The right a letter stands for, or null. */
    static Right of(char c) {
        for (Right r : values()) {
            if (r.letter == c) {
                return r;
            }
        }
        return c == 'X' ? GRANT : null;
    }
}
