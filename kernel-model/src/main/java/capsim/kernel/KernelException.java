package capsim.kernel;

/**
 * A kernel operation was refused. The kernel guarantees the state is exactly as
 * before the call. Carries no stack trace: refusals are ordinary outcomes that
 * property runs provoke by the million.
 */
public final class KernelException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final KernelError error;

    public KernelException(KernelError error, String message) {
        super(error + ": " + message, null, false, false);
        this.error = error;
    }

    public KernelError error() {
        return error;
    }
}
