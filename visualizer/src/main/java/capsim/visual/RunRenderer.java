package capsim.visual;

import capsim.kernel.Kernel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link Recording} into a directory: {@code step-000.<ext>} (the initial state),
 * {@code step-001.<ext>}, ... (each step's after-state, with what the step added, changed and removed
 * highlighted), {@code sequence.svg}, and {@code index.html}, the viewer that steps through them.
 * This is what {@code capsim render FILE --out DIR --format svg|png|dot} calls.
 */
public final class RunRenderer {
    /** Past this much SVG in total the viewer references the files instead of embedding them. */
    static final long INLINE_LIMIT = 32L * 1024 * 1024;

    private RunRenderer() {
    }

    /** Renders with the default options (progress on standard error). */
    public static RenderSummary render(Recording recording, Path outDir, Format format) throws IOException {
        return render(recording, outDir, format, RenderOptions.defaults());
    }

    public static RenderSummary render(Recording recording, Path outDir, Format format, RenderOptions options)
            throws IOException {
        long start = System.nanoTime();
        Files.createDirectories(outDir);
        Names names = Names.of(recording.names());
        String engine = format == Format.DOT ? "DOT output: no rendering engine needed" : DiagramEngine.describe();
        options.progress().note("diagrams rendered by " + engine);
        int total = recording.steps().size() + 1;
        List<Path> files = new ArrayList<>(total);
        List<String> inline = new ArrayList<>(total);
        List<ViewerPage.StepView> views = new ArrayList<>(total);
        long inlineBytes = 0;

        StateGraph previous = StateGraph.of(recording.initial());
        Kernel previousState = recording.initial();
        for (int i = 0; i < total; i++) {
            StateDiagram d;
            String label;
            List<String> trace;
            List<String> diff;
            if (i == 0) {
                d = StateDiagram.of(previous);
                label = "initial state";
                trace = List.of();
                diff = List.of();
            } else {
                Recording.Step s = recording.steps().get(i - 1);
                // Consecutive steps usually share a snapshot: reuse its graph instead of rebuilding it.
                StateGraph before = s.before() == previousState ? previous : StateGraph.of(s.before());
                StateGraph after = StateGraph.of(s.after());
                StepDiff sd = StepDiff.between(before, after);
                d = StateDiagram.of(sd);
                label = s.label();
                trace = s.trace();
                diff = sd.summary(names);
                previous = after;
                previousState = s.after();
            }
            d.names(names).personality(options.personality()).legend(options.legend())
                    .title(caption(recording, i, label));
            Path file = outDir.resolve(fileName(i, format));
            String dot = d.dot();
            String content = switch (format) {
                case DOT -> {
                    Files.writeString(file, dot, StandardCharsets.UTF_8);
                    yield "<pre class=\"dot\">" + Xml.escape(dot) + "</pre>";
                }
                case PNG -> {
                    Files.write(file, DiagramEngine.png(dot));
                    yield img(file, label);
                }
                case SVG -> {
                    String svg = DiagramEngine.svg(dot);
                    Files.writeString(file, svg, StandardCharsets.UTF_8);
                    inlineBytes += svg.length();
                    yield inlineBytes <= INLINE_LIMIT ? svg : null;
                }
            };
            files.add(file);
            inline.add(content);
            views.add(new ViewerPage.StepView(i, label, trace, diff, file.getFileName().toString(), null));
            options.progress().update(i + 1, total);
        }
        boolean embed = inlineBytes <= INLINE_LIMIT;
        for (int i = 0; i < views.size(); i++) {
            ViewerPage.StepView v = views.get(i);
            String diagram = format == Format.SVG && !embed ? img(files.get(i), v.label()) : inline.get(i);
            views.set(i, new ViewerPage.StepView(v.index(), v.label(), v.trace(), v.diff(), v.file(), diagram));
        }
        inline.clear();

        String sequence = SequenceChart.svg(recording);
        Path sequenceFile = outDir.resolve("sequence.svg");
        Files.writeString(sequenceFile, sequence, StandardCharsets.UTF_8);
        Path index = outDir.resolve("index.html");
        Files.writeString(index, ViewerPage.html(recording.title(), recording.variant(), engine, views, sequence),
                StandardCharsets.UTF_8);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        options.progress().note(String.format(Locale.ROOT, "%d diagrams in %.1f s; open %s", total,
                elapsed.toMillis() / 1000.0, index.toAbsolutePath()));
        return new RenderSummary(index, files, sequenceFile, engine, elapsed);
    }

    /**
     * Renders one state (no diff) to {@code file} in {@code format}; returns the file.
     *
     * @param names scenario names, oid → name (may be null)
     * @param title a caption, or null
     */
    public static Path renderState(Kernel state, Map<Integer, String> names, String title, Path file, Format format)
            throws IOException {
        String dot = StateDiagram.of(state).names(names).title(title).dot();
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        switch (format) {
            case DOT -> Files.writeString(file, dot, StandardCharsets.UTF_8);
            case SVG -> Files.writeString(file, DiagramEngine.svg(dot), StandardCharsets.UTF_8);
            case PNG -> Files.write(file, DiagramEngine.png(dot));
        }
        return file;
    }

    /** "step-000.svg", "step-001.svg", ... */
    static String fileName(int step, Format format) {
        return String.format(Locale.ROOT, "step-%03d.%s", step, format.extension());
    }

    private static String caption(Recording r, int step, String label) {
        return r.title() + " [" + r.variant() + "] step " + step + (label.isEmpty() ? "" : ": " + label);
    }

    private static String img(Path file, String label) {
        return "<img src=\"" + Xml.escape(file.getFileName().toString()) + "\" alt=\"" + Xml.escape(label) + "\">";
    }
}
