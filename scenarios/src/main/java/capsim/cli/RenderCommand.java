package capsim.cli;

import capsim.kernel.Event;
import capsim.kernel.Kernel;
import capsim.scenario.Parser;
import capsim.scenario.RunResult;
import capsim.scenario.Runner;
import capsim.scenario.Scenario;
import capsim.scenario.ScenarioException;
import capsim.visual.Format;
import capsim.visual.Recording;
import capsim.visual.RenderOptions;
import capsim.visual.RenderSummary;
import capsim.visual.RunRenderer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capsim render FILE --out DIR}: a diagram per step, the sequence chart and an HTML viewer. */
@Command(name = "render", description = {"Render a scenario: one diagram per step (what the step changed highlighted),",
        "the sequence chart, and DIR/index.html to step through them."})
final class RenderCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "a scenario file (.scn)")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--format", paramLabel = "svg|png|dot", defaultValue = "svg", description = "diagram format (default svg)")
    String format;

    @Override
    public Integer call() {
        Format f;
        try {
            f = Format.parse(format);
        } catch (IllegalArgumentException e) {
            System.err.println("capsim: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        Scenario s;
        try {
            s = Parser.parse(file);
        } catch (ScenarioException e) {
            System.err.println(e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        try {
            RenderSummary r = render(s, out, f);
            System.out.println("rendered " + r.diagrams().size() + " diagrams, " + out.relativize(r.sequence()) + " and "
                    + r.index() + " with " + r.engine() + " in " + r.elapsed().toMillis() + " ms");
            return 0;
        } catch (ScenarioException e) {
            System.err.println(e.getMessage());
            return Main.EXIT_BAD_INPUT;
        } catch (IOException e) {
            System.err.println("capsim: cannot write " + out + ": " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
    }

    /** Runs {@code s}, recording a snapshot after every step, and renders the recording into {@code dir}. */
    static RenderSummary render(Scenario s, Path dir, Format f) throws ScenarioException, IOException {
        Recording rec = record(s);
        return RunRenderer.render(rec, dir, f, RenderOptions.defaults());
    }

    static Recording record(Scenario s) throws ScenarioException {
        List<Recording.Step> steps = new ArrayList<>();
        Kernel[] initial = new Kernel[1];
        Kernel[] last = new Kernel[1];
        Map<Integer, String>[] names = newNames();
        RunResult ignored = Runner.run(s, new Runner.Listener() {
            @Override
            public void started(Scenario sc, Kernel kernel, Map<Integer, String> byOid) {
                initial[0] = kernel.copy();
                last[0] = initial[0];
                names[0] = byOid;
            }

            @Override
            public void step(int number, Scenario.StepItem step, List<Event> events, List<String> texts, int firstEvent,
                             String outcome, String failure, Kernel after, Map<Integer, String> byOid) {
                List<String> lines = new ArrayList<>(texts);
                lines.add("=> " + outcome + (failure != null ? " (" + failure + ")" : ""));
                Kernel snap = after.copy();
                steps.add(new Recording.Step(step.text(), lines, last[0], snap));
                last[0] = snap;
            }
        });
        return new Recording(s.title(), s.variant().name(), Map.copyOf(names[0]), initial[0], steps);
    }

    @SuppressWarnings("unchecked")
    private static Map<Integer, String>[] newNames() {
        return new Map[1];
    }
}
