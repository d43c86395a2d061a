package capsim.scenario;

import capsim.kernel.CapAddress;

/**
 * A capability argument of a step: a literal address in the invoking thread's space ({@code 3}, {@code 3.7})
 * or an object name, resolved when the step runs to where the thread holds a capability to that object.
 */
public record Ref(String name, int address, int line, int column) {
    static Ref address(int address, int line, int column) {
        return new Ref(null, address, line, column);
    }

    static Ref named(String name, int line, int column) {
        return new Ref(name, CapAddress.NONE, line, column);
    }

    boolean isName() {
        return name != null;
    }

    /** How the writer prints it. */
    public String text() {
        return isName() ? name : CapAddress.format(address);
    }
}
