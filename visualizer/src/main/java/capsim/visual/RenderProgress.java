package capsim.visual;

import java.io.PrintStream;

/** Where a long render reports how far it got. */
public interface RenderProgress {

    /** {@code done} of {@code total} diagrams are written. */
    void update(int done, int total);

    /** A one-line message (which engine renders, where the viewer is). */
    void note(String line);

    /** Reports nothing. */
    static RenderProgress none() {
        return new RenderProgress() {
            @Override
            public void update(int done, int total) {
            }

            @Override
            public void note(String line) {
            }
        };
    }

    /**
     * Reports on standard error, prefixed "capsim render: ": notes always, counts only for runs of more
     * than ten steps and at most every two seconds (plus the last), so logs stay short.
     */
    static RenderProgress stderr() {
        return printingTo(System.err, 2_000);
    }

    /** Like {@link #stderr()} on any stream, with the given minimum interval between count lines. */
    static RenderProgress printingTo(PrintStream out, long intervalMillis) {
        return new RenderProgress() {
            private long lastPrinted;
            private boolean printed;

            @Override
            public void update(int done, int total) {
                if (total <= 10) {
                    return;
                }
                long now = System.currentTimeMillis();
                if ((done == total && printed) || now - lastPrinted >= intervalMillis) {
                    out.println("capsim render: " + done + "/" + total + " diagrams");
                    lastPrinted = now;
                    printed = true;
                }
            }

            @Override
            public void note(String line) {
                out.println("capsim render: " + line);
            }
        };
    }
}
