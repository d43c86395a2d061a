package capsim.scenario;

/** A step could not be formed when it ran (a name the thread cannot reach): the run fails, it is not bad input. */
public final class StepFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StepFailure(String message) {
        super(message, null, false, false);
    }
}
