package capsim.personality.lwkt;

/**
 * What a message asks the kernel to do when it is sent with {@code sendsys}: the system call it carries. A
 * message without one is an ordinary port message. Signals and timers are persistent: the kernel keeps them
 * armed and returns them again and again until they are aborted.
 */
public sealed interface Call {

    /** The clause as a scenario writes it after the message name ({@code call sleep 3}, {@code signal INT}). */
    String text();

    /** True for signals and timers. */
    default boolean persistent() {
        return false;
    }

    /** Completes at once: the kernel's agent returns a synchronous result. */
    record Getpid() implements Call {
        public String text() {
            return "call getpid";
        }
    }

    /** Completes after {@code ticks} kernel ticks: asynchronous when the message asks for it, else the sender blocks. */
    record Sleep(int ticks) implements Call {
        public Sleep {
            if (ticks < 1) {
                throw new IllegalArgumentException("a sleep lasts at least one tick, not " + ticks);
            }
        }

        public String text() {
            return "call sleep " + ticks;
        }
    }

    /**
     * Seed 002's double-buffered hand-off: the kernel takes the message's data page for itself (it writes it out
     * and frees it at the next tick) and gives the message a fresh page, charged to the sender like the first.
     */
    record Stage() implements Call {
        public String text() {
            return "call stage";
        }
    }

    /** Seed 003's signal message: returned each time {@code signal} is raised for the sender, until aborted. */
    record Signal(String signal) implements Call {
        public Signal {
            if (signal == null || !signal.matches("[A-Z][A-Z0-9]*")) {
                throw new IllegalArgumentException("a signal is an upper-case word like INT, not " + signal);
            }
        }

        public String text() {
            return "signal " + signal;
        }

        @Override
        public boolean persistent() {
            return true;
        }
    }

    /** A periodic timer: returned every {@code period} ticks, until aborted. */
    record Timer(int period) implements Call {
        public Timer {
            if (period < 1) {
                throw new IllegalArgumentException("a timer period is at least one tick, not " + period);
            }
        }

        public String text() {
            return "timer " + period;
        }

        @Override
        public boolean persistent() {
            return true;
        }
    }
}
