package capsim.kernel.variant;

/** How the sender loses access to the frame it hands off. */
public enum SourceRevocation {
    /** Nothing is revoked (used with byte copying). */
    NONE,
    /** The frame is removed from the source buffer's payload slot; other capabilities to it stay live. */
    DETACH_FROM_BUFFER,
    /** The frame's version is bumped before anything is written to it: every other capability to it is void. */
    REIDENTIFY
}
