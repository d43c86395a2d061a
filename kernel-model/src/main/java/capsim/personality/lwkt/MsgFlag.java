package capsim.personality.lwkt;

/**
 * The flags of an LWKT message, as DragonFly names them (MSGF_*) plus the two the syscall-message idea adds.
 * {@link #ABORT} is not written into the message: it is the abort request the sender leaves with the holder
 * (see {@link LwktWorld#abortRequested}), shown with the flags.
 */
public enum MsgFlag {
    /** The sender asked for asynchronous operation (sendsys honours it; signals and timers always have it). */
    ASYNC,
    /** A synchronous {@code domsg} (or a synchronous sendsys) waits for it: the reply goes straight to the waiter. */
    SYNC,
    /** It is on a port's queue. */
    QUEUED,
    /** It is complete: its result is final and it is back with (or on its way to) its sender. */
    DONE,
    /** It has been returned (replied) at least once since it was last sent. */
    REPLY,
    /** A signal or periodic timer: the kernel returns it again and again until it is aborted. */
    PERSISTENT,
    /**
     * Its creator made it abortable (MSGF_ABORTABLE). lwkt_msgport.c lwkt_abortmsg does nothing to a message without
     * it, so only such a message can be aborted.
     */
    ABORTABLE,
    /** Its sender asked for an abort (advisory: the holder decides). */
    ABORT
}
