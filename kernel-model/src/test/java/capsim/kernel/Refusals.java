package capsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Asserts that an operation is refused with a given error and leaves the kernel exactly as it was. */
final class Refusals {
    private Refusals() {
    }

    static KernelException assertRefused(Kernel k, KernelError expected, Runnable op) {
        String before = StateText.of(k);
        int events = k.trace().size();
        KernelException e = catchThrowableOfType(KernelException.class, op::run);
        assertThat(e).as("expected a refusal with " + expected).isNotNull();
        assertThat(e.error()).isEqualTo(expected);
        assertThat(e.getMessage()).isNotBlank();
        assertThat(StateText.of(k)).as("state after a refused operation").isEqualTo(before);
        assertThat(k.trace().size()).as("events after a refused operation").isEqualTo(events);
        return e;
    }
}
