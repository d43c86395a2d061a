package capsim.explore;

import capsim.kernel.Action;

/**
 * One step a program may take: the kernel action (with its arguments resolved in the initial state), the
 * outcome it must have to be taken ({@code guard}; null: any outcome the kernel accepts), and how the
 * scenario wrote it ({@code text}, also the key of the coverage summary).
 *
 * <p>A step whose kernel call is refused is not enabled (the thread waits, as a blocked Promela statement
 * does), unless its guard names that refusal, in which case it is taken and changes nothing but the
 * program counter.
 */
public record Step(String text, Action action, String guard) {
    public Step {
        if (text == null || action == null) {
            throw new IllegalArgumentException("a step needs its text and its action");
        }
    }
}
