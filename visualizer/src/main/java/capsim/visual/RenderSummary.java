package capsim.visual;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What {@link RunRenderer#render} wrote.
 *
 * @param index    the viewer page ({@code index.html})
 * @param diagrams the step diagrams, step 0 (the initial state) first
 * @param sequence the sequence chart ({@code sequence.svg})
 * @param engine   one line naming the engine that rendered (or that none was needed, for DOT)
 * @param elapsed  how long it took
 */
public record RenderSummary(Path index, List<Path> diagrams, Path sequence, String engine, Duration elapsed) {
    public RenderSummary {
        diagrams = List.copyOf(diagrams);
    }
}
