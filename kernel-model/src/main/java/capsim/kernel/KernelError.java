package capsim.kernel;

/** Why a kernel operation was refused. Names follow the errno the real kernels return where one exists. */
public enum KernelError {
    /** The invoking thread is not a live thread. */
    NO_THREAD,
    /** An address does not resolve to a slot (missing page, void or stale capability on the path). */
    INVALID_ADDRESS,
    /** The capability at an address is void or stale. */
    VOID_CAPABILITY,
    /** The capability designates an object of the wrong type for this operation. */
    WRONG_TYPE,
    /** The operation needs write authority the capability (or its path) lacks. */
    READ_ONLY,
    /** Allocation would exceed an activity's quota or the quota of one of its ancestors. */
    ENOMEM,
    /** A non-blocking receive found no message waiting (Viengoos {@code server.c}). */
    EWOULDBLOCK,
    /** A non-blocking send could not deliver now (Viengoos {@code server.c} answers ETIMEDOUT). */
    ETIMEDOUT,
    /** The target was destroyed while the message waited (the Viengoos error message). */
    EFAULT,
    /** The buffer is already queued or in transfer. */
    BUSY,
    /** An argument is out of range (a message too large for a page, a negative quota...). */
    BAD_ARGUMENT,
    /** The chosen variant has no such operation (e.g. queues in a design without first-class queues). */
    NOT_SUPPORTED,
    /** The operation would destroy something the kernel needs (the root activity). */
    PROTECTED;
}
