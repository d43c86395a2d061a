package capsim.visual;

import capsim.kernel.Kernel;
import java.io.IOException;
import java.io.Writer;
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
        Map<String, String> cut = Labels.record();
        Names names = Names.of(Labels.names(recording.names(), cut));
        Frames frames = new Frames() {
            private StateGraph previous = StateGraph.of(recording.initial());
            private Kernel previousState = recording.initial();

            @Override
            public int total() {
                return recording.steps().size() + 1;
            }

            @Override
            public Frame frame(int i) {
                if (i == 0) {
                    return new Frame(configure(StateDiagram.of(previous), names, options).title(caption(recording.title(),
                            recording.variant(), 0, "initial state")).dot(), "initial state", List.of(), List.of());
                }
                Recording.Step s = recording.steps().get(i - 1);
                // Consecutive steps usually share a snapshot: reuse its graph instead of rebuilding it.
                StateGraph before = s.before() == previousState ? previous : StateGraph.of(s.before());
                StateGraph after = StateGraph.of(s.after());
                StepDiff sd = StepDiff.between(before, after);
                previous = after;
                previousState = s.after();
                String dot = configure(StateDiagram.of(sd), names, options)
                        .title(caption(recording.title(), recording.variant(), i, s.label())).dot();
                return new Frame(dot, s.label(), s.trace(), sd.summary(names));
            }
        };
        return write(frames, recording.title(), recording.variant(), SequenceChart.svg(recording), outDir, format, options,
                cut);
    }

    /**
     * Renders a run over several kernels: each diagram holds every node, as a cluster of its own, with the
     * links between nodes dashed; the sequence chart is the first node's.
     */
    public static RenderSummary render(NodesRecording recording, Path outDir, Format format, RenderOptions options)
            throws IOException {
        int nodes = recording.nodes().size();
        Map<String, String> cut = Labels.record();
        List<Names> names = recording.names().stream().map(n -> Names.of(Labels.names(n, cut))).toList();
        Frames frames = new Frames() {
            @Override
            public int total() {
                return recording.steps().size() + 1;
            }

            @Override
            public Frame frame(int i) {
                List<StateDiagram> diagrams = new ArrayList<>();
                List<String> diff = new ArrayList<>();
                for (int n = 0; n < nodes; n++) {
                    StateDiagram d;
                    if (i == 0) {
                        d = StateDiagram.of(recording.initial().get(n));
                    } else {
                        NodesRecording.Step s = recording.steps().get(i - 1);
                        StepDiff sd = StepDiff.between(StateGraph.of(s.before().get(n)), StateGraph.of(s.after().get(n)));
                        for (String line : sd.summary(names.get(n))) {
                            diff.add(recording.nodes().get(n) + ": " + line);
                        }
                        d = StateDiagram.of(sd);
                    }
                    diagrams.add(configure(d, names.get(n), options).legend(options.legend() && n == 0));
                }
                String label = i == 0 ? "initial state" : recording.steps().get(i - 1).label();
                List<String> trace = i == 0 ? List.of() : recording.steps().get(i - 1).trace();
                String dot = NodesDiagram.dot(caption(recording.title(), recording.variant(), i, label), recording.nodes(),
                        diagrams, i == 0 ? recording.initialLinks() : recording.steps().get(i - 1).links());
                return new Frame(dot, label, trace, diff);
            }
        };
        return write(frames, recording.title(), recording.variant(), SequenceChart.svg(recording.of(0)), outDir, format,
                options, cut);
    }

    /** One picture of a run: its DOT text, and the label, trace lines and diff summary shown beside it. */
    private record Frame(String dot, String label, List<String> trace, List<String> diff) {
    }

    /** The pictures of a run, made one at a time (a long run never holds every diagram's model at once). */
    private interface Frames {
        int total();

        Frame frame(int i);
    }

    private static StateDiagram configure(StateDiagram d, Names names, RenderOptions options) {
        return d.names(names).style(options.style()).legend(options.legend());
    }

    private static RenderSummary write(Frames frames, String title, String variant, String sequence, Path outDir,
                                       Format format, RenderOptions options, Map<String, String> cut) throws IOException {
        long start = System.nanoTime();
        // Everything is written into a fresh directory beside outDir and moved into place when complete: a
        // failure (a full disk, an engine error) leaves outDir as it was and no half-written files anywhere.
        RenderDirectory target = RenderDirectory.claim(outDir);
        try {
            Path work = target.work();
            String engine = format == Format.DOT ? "DOT output: no rendering engine needed" : DiagramEngine.describe();
            options.progress().note("diagrams rendered by " + engine);
            int total = frames.total();
            List<String> names = new ArrayList<>(total);
            List<ViewerPage.StepView> views = new ArrayList<>(total);
            long svgBytes = 0;
            for (int i = 0; i < total; i++) {
                Frame fr = frames.frame(i);
                String name = fileName(i, format);
                Path file = work.resolve(name);
                switch (format) {
                    case DOT -> Files.writeString(file, fr.dot(), StandardCharsets.UTF_8);
                    case PNG -> Files.write(file, DiagramEngine.png(fr.dot()));
                    case SVG -> {
                        String svg = DiagramEngine.svg(fr.dot());
                        Files.writeString(file, svg, StandardCharsets.UTF_8);
                        svgBytes += svg.length();
                    }
                }
                names.add(name);
                views.add(new ViewerPage.StepView(i, fr.label(), fr.trace(), fr.diff(), name));
                options.progress().update(i + 1, total);
            }
            // Small runs embed their SVG in the page (it works from anywhere); large ones reference the files.
            boolean embed = format == Format.DOT || format == Format.SVG && svgBytes <= INLINE_LIMIT;
            Files.writeString(work.resolve("sequence.svg"), sequence, StandardCharsets.UTF_8);
            try (Writer w = Files.newBufferedWriter(work.resolve("index.html"), StandardCharsets.UTF_8)) {
                ViewerPage.write(w, title, variant, engine, views, sequence, cut, i -> {
                    String name = names.get(i);
                    if (!embed) {
                        return img(name, views.get(i).label());
                    }
                    String text = Files.readString(work.resolve(name), StandardCharsets.UTF_8);
                    return format == Format.DOT ? "<pre class=\"dot\">" + Xml.escape(text) + "</pre>" : text;
                });
            }
            target.commit();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            Path index = outDir.resolve("index.html");
            options.progress().note(String.format(Locale.ROOT, "%d diagrams in %.1f s; open %s", total,
                    elapsed.toMillis() / 1000.0, index.toAbsolutePath()));
            return new RenderSummary(index, names.stream().map(outDir::resolve).toList(), outDir.resolve("sequence.svg"),
                    engine, elapsed);
        } catch (IOException | RuntimeException | Error e) {
            target.abandon(e);
            throw e;
        }
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

    /** The line above a diagram, cut to {@link Labels#CAPTION} (the viewer shows the title and step in full). */
    private static String caption(String title, String variant, int step, String label) {
        return Labels.cut(Labels.cut(title, Labels.CAPTION / 2) + " [" + Labels.cut(variant, Labels.NAME) + "] step " + step
                + (label.isEmpty() ? "" : ": " + label), Labels.CAPTION);
    }

    private static String img(String file, String label) {
        return "<img src=\"" + Xml.escape(file) + "\" alt=\"" + Xml.escape(label) + "\">";
    }
}
