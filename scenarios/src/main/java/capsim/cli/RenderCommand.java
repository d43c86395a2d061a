package capsim.cli;

import capsim.kernel.Event;
import capsim.kernel.Kernel;
import capsim.scenario.RunResult;
import capsim.scenario.Runner;
import capsim.scenario.Scenario;
import capsim.scenario.ScenarioFile;
import capsim.scenario.Script;
import capsim.scenario.ScriptRunner;
import capsim.personality.Personality;
import capsim.personality.World;
import capsim.visual.DesignLook;
import capsim.visual.NodesRecording;
import capsim.visual.PersonalitySequence;
import java.util.TreeMap;
import capsim.scenario.ScenarioException;
import capsim.visual.Format;
import capsim.visual.Labels;
import java.util.HashMap;
import capsim.visual.Recording;
import capsim.visual.RenderOptions;
import capsim.visual.RenderProgress;
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
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Render a scenario: one diagram per step (what the step changed highlighted),",
        "the sequence chart, and DIR/index.html to step through them.",
        "DIR must be new, empty, or an earlier render (which is replaced); nothing is left half-written.",
        "Exit 0 rendered, 2 bad input or DIR cannot be written, 4 the rendering engine failed."},
        footer = {"", "Examples:", "  capsim render scenarios/library/activation.scn --out out/activation",
                "  capsim render big.scn --out /tmp/big --format dot --max-steps 20000"})
final class RenderCommand implements Callable<Integer> {
    /**
     * The most steps rendered unless {@code --max-steps} says otherwise. Every step is a diagram (2,000 steps
     * took 42.8 s with native dot on two idle cores, and peaked at about 460 MB) and the run is held in
     * memory while it is drawn, so a runaway scenario is refused up front rather than filling the disk and
     * the heap (25,000 steps ran out of the default heap).
     */
    static final int DEFAULT_MAX_STEPS = 5_000;

    @Parameters(index = "0", paramLabel = "FILE", description = "a scenario file (.scn), or a capDL file (.cdl): its object graph")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output directory")
    Path out;

    @Option(names = "--format", paramLabel = "svg|png|dot", defaultValue = "svg", description = "diagram format (default svg)")
    String format;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "" + DEFAULT_MAX_STEPS,
            description = "refuse scenarios of more steps than this (default " + DEFAULT_MAX_STEPS + ")")
    int maxSteps;

    @Override
    public Integer call() {
        Format f;
        try {
            f = Format.parse(format);
        } catch (IllegalArgumentException e) {
            System.err.println("capsim: " + e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        String bad = OptionRules.atLeast("--max-steps", maxSteps, 1);
        if (bad != null) {
            System.err.println("capsim: " + bad);
            return Main.EXIT_BAD_INPUT;
        }
        if (file.toString().endsWith(".cdl")) {
            return CapdlCommands.render(file, out, f);
        }
        ScenarioFile s;
        try {
            s = ScenarioFiles.load(file);
        } catch (ScenarioException e) {
            System.err.println(e.getMessage());
            return Main.EXIT_BAD_INPUT;
        }
        try {
            RenderSummary r = render(s, out, f, maxSteps, RenderProgress.stderr());
            System.out.println("rendered " + r.diagrams().size() + " diagrams, " + out.relativize(r.sequence()) + " and "
                    + r.index() + " with " + r.engine() + " in " + r.elapsed().toMillis() + " ms");
            return 0;
        } catch (ScenarioException e) {
            System.err.println(e.getMessage());
            return Main.EXIT_BAD_INPUT;
        } catch (IOException e) {
            System.err.println("capsim: cannot write " + out + ": " + Reasons.of(e));
            return Main.EXIT_BAD_INPUT;
        } catch (UnsupportedOperationException | SecurityException e) {
            System.err.println("capsim: cannot write " + out + ": " + Reasons.of(e));
            return Main.EXIT_BAD_INPUT;
        } catch (RuntimeException e) {
            // The engine (native dot or graphviz-java) failed: nothing was left in DIR.
            System.err.println("capsim: rendering failed: " + Reasons.of(e));
            return Main.EXIT_INTERNAL;
        }
    }

    /** {@link #render(ScenarioFile, Path, Format, int, RenderProgress)}: the default step limit, progress on stderr. */
    static RenderSummary render(ScenarioFile s, Path dir, Format f) throws ScenarioException, IOException {
        return render(s, dir, f, DEFAULT_MAX_STEPS, RenderProgress.stderr());
    }

    /** {@link #render(ScenarioFile, Path, Format, int, RenderProgress)}: the default step limit (tests pass none()). */
    static RenderSummary render(ScenarioFile s, Path dir, Format f, RenderProgress progress)
            throws ScenarioException, IOException {
        return render(s, dir, f, DEFAULT_MAX_STEPS, progress);
    }

    /**
     * Runs {@code s}, recording a snapshot after every step, and renders the recording into {@code dir},
     * telling {@code progress} how far it got.
     */
    static RenderSummary render(ScenarioFile s, Path dir, Format f, int maxSteps, RenderProgress progress)
            throws ScenarioException, IOException {
        long steps = switch (s) {
            case Scenario sc -> sc.stepCount();
            case Script<?> sc -> sc.items().stream().filter(i -> i instanceof Script.StepItem<?>).count();
        };
        if (steps > maxSteps) {
            throw new ScenarioException(s.file(), 1, 1, String.format(java.util.Locale.ROOT, "%,d steps, and render"
                    + " draws at most %,d (one diagram a step, the whole run held in memory): raise the limit with"
                    + " --max-steps %d", steps, maxSteps, steps));
        }
        return switch (s) {
            case Scenario sc -> RunRenderer.render(record(sc), dir, f, RenderOptions.defaults().withProgress(progress));
            case Script<?> sc -> renderScript(sc, dir, f, progress);
        };
    }

    /**
     * A personality scenario: the kernel objects drawn with the design's roles, names and details, and its
     * legend; a world of several kernels as one diagram a step with a cluster per node and the links between them.
     */
    private static <W extends World<W>> RenderSummary renderScript(Script<W> s, Path dir, Format f, RenderProgress progress)
            throws IOException {
        Personality<W> p = s.dialect().personality();
        DesignLook look = new DesignLook(p.name(), p.roles());
        NodesRecording rec = recordNodes(s, look);
        RenderOptions options = RenderOptions.defaults().withStyle(look).withProgress(progress);
        return rec.nodes().size() == 1 ? RunRenderer.render(rec.of(0), dir, f, options) : RunRenderer.render(rec, dir, f, options);
    }

    /** Runs {@code s}, snapshotting every kernel of the world after every step and noting how its objects look. */
    private static <W extends World<W>> NodesRecording recordNodes(Script<W> s, DesignLook look) {
        NodeSnapshots<W> snaps = new NodeSnapshots<>(look, new PersonalitySequence<>(s.dialect().personality()));
        ScriptRunner.run(s, snaps);
        return new NodesRecording(s.title(), s.variantName(), snaps.nodeNames, snaps.names, snaps.initial,
                snaps.initialLinks, snaps.steps, snaps.sequence.drawing(s.title()));
    }

    /** The listener that records a personality run: per-node snapshots, names, links between nodes. */
    private static final class NodeSnapshots<W extends World<W>> implements ScriptRunner.Listener<W> {
        private final DesignLook look;
        final PersonalitySequence<W> sequence;
        final List<NodesRecording.Step> steps = new ArrayList<>();
        final List<Map<Integer, String>> names = new ArrayList<>();
        List<String> nodeNames;
        List<Kernel> initial;
        List<capsim.personality.NodeLink> initialLinks;
        private List<Kernel> last;

        NodeSnapshots(DesignLook look, PersonalitySequence<W> sequence) {
            this.look = look;
            this.sequence = sequence;
        }

        @Override
        public void started(Script<W> sc, W world) {
            for (int n = 0; n < world.kernels().size(); n++) {
                names.add(new TreeMap<>());
            }
            nodeNames = world.nodeNames();
            initial = snapshot(world);
            initialLinks = world.nodeLinks();
            last = initial;
            sequence.started(world);
        }

        @Override
        public void step(int number, int line, String text, List<String> events, int firstEvent, String outcome,
                         String failure, W after) {
            List<String> lines = new ArrayList<>(events);
            lines.add("=> " + outcome + (failure != null ? " (" + failure + ")" : ""));
            List<Kernel> snap = snapshot(after);
            steps.add(new NodesRecording.Step(text, lines, last, snap, after.nodeLinks()));
            sequence.step(number, text, events, outcome, after);
            last = snap;
        }

        private List<Kernel> snapshot(W world) {
            List<Kernel> out = new ArrayList<>();
            for (int n = 0; n < world.kernels().size(); n++) {
                final int node = n;
                Kernel k = world.kernels().get(n).copy();
                // Drawn names and details are cut for drawing; the recording keeps the full names for the viewer.
                look.note(k, Labels.names(world.names(n), new HashMap<>()), world.roles(n),
                        oid -> world.details(node, oid).stream().map(d -> Labels.cut(d, Labels.CAPTION)).toList());
                names.get(n).putAll(world.names(n));
                out.add(k);
            }
            return out;
        }
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
