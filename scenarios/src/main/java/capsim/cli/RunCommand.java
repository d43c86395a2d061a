package capsim.cli;

import capsim.kernel.Event;
import capsim.kernel.Kernel;
import capsim.kernel.check.Violation;
import capsim.scenario.Expectation;
import capsim.scenario.RunResult;
import capsim.scenario.Runner;
import capsim.scenario.Scenario;
import capsim.scenario.ScenarioException;
import capsim.scenario.ScenarioFile;
import capsim.scenario.Script;
import capsim.scenario.ScriptRunner;
import capsim.personality.World;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capsim run FILE...}: runs scenarios, prints a numbered trace and each expectation's result. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run scenario files: print what the kernel did, step by step, and each expectation.",
        "Exit 0 when every expectation holds, 1 when one fails, 2 on bad input (file:line:col: message)."},
        footer = {"", "Examples:", "  capsim run scenarios/library/activation.scn",
                "  capsim run -q scenarios/library/*.scn          # one PASS/FAIL line a file",
                "  capsim run --json scenarios/library/quota.scn  # JSON lines: steps, events, expectations, summary"})
final class RunCommand implements Callable<Integer> {
    /** Progress goes to stderr every this many steps. */
    static final int PROGRESS_EVERY = 10_000;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "scenario files (.scn)")
    List<Path> files = new ArrayList<>();

    @Option(names = "--json", description = "print the trace as JSON lines")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "print only failures and the summary line of each file")
    boolean quiet;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        int worst = 0;
        List<ScenarioFile> parsed = new ArrayList<>();
        for (Path f : files) {
            try {
                parsed.add(ScenarioFiles.load(f));
            } catch (ScenarioException e) {
                err.println(e.getMessage());
                worst = Main.EXIT_BAD_INPUT;
            }
        }
        if (worst == Main.EXIT_BAD_INPUT) {
            return worst;
        }
        for (ScenarioFile s : parsed) {
            RunResult r;
            try {
                r = switch (s) {
                    case Scenario sc -> Runner.run(sc, json ? new JsonPrinter(out, sc) : new TextPrinter(out, err, quiet));
                    case Script<?> sc -> runScript(sc, out, err);
                };
            } catch (ScenarioException e) {
                err.println(e.getMessage());
                return Main.EXIT_BAD_INPUT;
            }
            if (json) {
                out.println(new Json().put("type", "summary").put("file", s.file()).put("passed", r.passed())
                        .put("steps", r.steps()).put("expectations", r.expectations())
                        .put("failed", r.expectationsFailed()).put("failures", r.failures().size())
                        .put("hash", r.hashText()));
            } else {
                for (String f : r.failures()) {
                    out.println("FAIL " + f);
                }
                out.println((r.passed() ? "PASS " : "FAIL ") + s.file() + ": " + r.steps() + " steps, "
                        + (r.expectations() - r.expectationsFailed()) + "/" + r.expectations() + " expectations held"
                        + (r.violations().isEmpty() ? "" : ", invariants broken: " + brokenNames(r))
                        + ", trace hash " + r.hashText());
            }
            if (!r.passed()) {
                worst = Math.max(worst, 1);
            }
        }
        return worst;
    }

    private <W extends World<W>> RunResult runScript(Script<W> s, PrintStream out, PrintStream err) {
        return ScriptRunner.run(s, json ? new ScriptPrinter<>(null, new JsonLines(out, s.file()))
                : new ScriptPrinter<>(new Text(out, err, quiet), null));
    }

    private static String brokenNames(RunResult r) {
        return String.join(", ", r.violations().stream().map(Violation::invariant).distinct().toList());
    }

    /** The human trace of either kind of scenario: step headers, numbered event lines, outcomes, expectations. */
    private static final class Text {
        private final PrintStream out;
        private final PrintStream err;
        private final boolean quiet;
        private long started;

        Text(PrintStream out, PrintStream err, boolean quiet) {
            this.out = out;
            this.err = err;
            this.quiet = quiet;
        }

        void started(String file, String title, String what) {
            started = System.nanoTime();
            if (!quiet) {
                out.println("== " + file + ": " + title + " (" + what + ")");
            }
        }

        void step(int number, int line, String text, List<String> events, int firstEvent, String outcome, String failure) {
            if (number % PROGRESS_EVERY == 0) {
                err.printf("capsim: %,d steps (%.1f s)%n", number, (System.nanoTime() - started) / 1e9);
            }
            if (quiet) {
                return;
            }
            out.println("step " + number + " (line " + line + "): " + text);
            for (int i = 0; i < events.size(); i++) {
                out.printf("  %5d  %s%n", firstEvent + i + 1, events.get(i));
            }
            out.println("  => " + outcome + (failure != null ? "   <-- " + failure : ""));
        }

        void violation(int number, Violation v) {
            out.println("  !! invariant " + v.invariant() + " broken at step " + number + ": " + v.message());
        }

        void expectation(int line, String text, String failure) {
            if (quiet && failure == null) {
                return;
            }
            out.println((failure == null ? "  ok    " : "  FAIL  ") + "(line " + line + ") " + text
                    + (failure == null ? "" : "   <-- " + failure));
        }
    }

    /** JSON lines of either kind of scenario: steps, events, violations, expectations (the summary comes after). */
    private static final class JsonLines {
        private final PrintStream out;
        private final String file;

        JsonLines(PrintStream out, String file) {
            this.out = out;
            this.file = file;
        }

        /**
         * A step line, then one line per event: structured fields from {@code structured} (kernel events, with
         * the scenario's {@code names}) when given, else only the text (personality events are text lines).
         */
        void step(int number, int line, String text, List<Event> structured, Map<Integer, String> names,
                  List<String> events, int firstEvent, String outcome, String failure) {
            out.println(new Json().put("type", "step").put("file", file).put("step", number).put("line", line)
                    .put("text", text).put("outcome", outcome).put("failure", failure));
            EventJson fields = structured != null ? new EventJson(names) : null;
            for (int i = 0; i < events.size(); i++) {
                Json j = new Json().put("type", "event").put("step", number).put("n", firstEvent + i + 1);
                if (fields != null) {
                    fields.fields(j, structured.get(i));
                }
                out.println(j.put("text", events.get(i)));
            }
        }

        void violation(int number, Violation v) {
            out.println(new Json().put("type", "violation").put("step", number).put("invariant", v.invariant())
                    .put("message", v.message()));
        }

        void expectation(int line, String text, String failure) {
            out.println(new Json().put("type", "expect").put("line", line).put("text", text)
                    .put("held", failure == null).put("found", failure));
        }
    }

    /** A Viengoos-model run, printed as text. */
    private static final class TextPrinter implements Runner.Listener {
        private final Text t;

        TextPrinter(PrintStream out, PrintStream err, boolean quiet) {
            this.t = new Text(out, err, quiet);
        }

        @Override
        public void started(Scenario s, Kernel kernel, Map<Integer, String> names) {
            t.started(s.file(), s.title(), "variant " + s.variant().name());
        }

        @Override
        public void step(int number, Scenario.StepItem step, List<Event> events, List<String> texts, int firstEvent,
                         String outcome, String failure, Kernel after, Map<Integer, String> names) {
            t.step(number, step.line(), step.text(), texts, firstEvent, outcome, failure);
        }

        @Override
        public void violation(int number, Violation v) {
            t.violation(number, v);
        }

        @Override
        public void expectation(Expectation e, String failure) {
            t.expectation(e.line(), e.text(), failure);
        }
    }

    /** A Viengoos-model run, printed as JSON lines. */
    private static final class JsonPrinter implements Runner.Listener {
        private final JsonLines j;

        JsonPrinter(PrintStream out, Scenario s) {
            this.j = new JsonLines(out, s.file());
        }

        @Override
        public void step(int number, Scenario.StepItem step, List<Event> events, List<String> texts, int firstEvent,
                         String outcome, String failure, Kernel after, Map<Integer, String> names) {
            j.step(number, step.line(), step.text(), events, names, texts, firstEvent, outcome, failure);
        }

        @Override
        public void violation(int number, Violation v) {
            j.violation(number, v);
        }

        @Override
        public void expectation(Expectation e, String failure) {
            j.expectation(e.line(), e.text(), failure);
        }
    }

    /** A personality run, printed as text or JSON lines. */
    private static final class ScriptPrinter<W extends World<W>> implements ScriptRunner.Listener<W> {
        private final Text t;
        private final JsonLines j;

        ScriptPrinter(Text t, JsonLines j) {
            this.t = t;
            this.j = j;
        }

        @Override
        public void started(Script<W> s, W world) {
            if (t != null) {
                t.started(s.file(), s.title(), "personality " + s.variantName());
            }
        }

        @Override
        public void step(int number, int line, String text, List<String> events, int firstEvent, String outcome,
                         String failure, W after) {
            if (t != null) {
                t.step(number, line, text, events, firstEvent, outcome, failure);
            } else {
                j.step(number, line, text, null, Map.of(), events, firstEvent, outcome, failure);
            }
        }

        @Override
        public void violation(int number, Violation v) {
            if (t != null) {
                t.violation(number, v);
            } else {
                j.violation(number, v);
            }
        }

        @Override
        public void expectation(int line, String text, String failure) {
            if (t != null) {
                t.expectation(line, text, failure);
            } else {
                j.expectation(line, text, failure);
            }
        }
    }
}
