package capsim.scenario;

import capsim.explore.Model;
import capsim.explore.Program;
import capsim.explore.Step;
import capsim.kernel.Action;
import capsim.kernel.CapAddress;
import capsim.kernel.CapPage;
import capsim.kernel.Capability;
import capsim.kernel.Kernel;
import capsim.kernel.KernelException;
import capsim.kernel.KernelObject;
import capsim.kernel.KernelThread;
import capsim.kernel.MessageBuffer;
import capsim.kernel.MessageQueue;
import capsim.kernel.Outcome;
import capsim.kernel.check.Invariant;
import capsim.kernel.check.Invariants;
import capsim.kernel.check.RelationalInvariant;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario read for {@code capsim explore}: its declarations and setup steps give the initial state, its
 * programs and {@code any} lines what may run from there, its {@code check} line the invariants. Program
 * steps name objects; the names are resolved to addresses once, in the initial state (what a thread's
 * code would hold), so every run of a step is the same kernel call.
 */
public final class Explorable {
    record Parsed(Scenario scenario, ExploreReader.Section section) {
    }

    private final Scenario scenario;
    private final ExploreReader.Section section;
    private final Kernel initial;
    private final Map<String, Integer> names;
    private final List<Action> setup = new ArrayList<>();
    private final List<String> setupOutcomes = new ArrayList<>();
    private final Model model;
    private final List<String> notChecked = new ArrayList<>();

    private Explorable(Parsed p) throws ScenarioException {
        this.scenario = p.scenario();
        this.section = p.section();
        if (section.isEmpty()) {
            throw new ScenarioException(scenario.file(), 1, 1,
                    "nothing to explore: the scenario has no 'program' block and no 'any' line (see docs/explorer.md)");
        }
        initial = new Kernel(scenario.variant(), scenario.workBound(), scenario.rootQuota());
        try {
            names = new HashMap<>(scenario.spec().build(initial));
        } catch (KernelException | IllegalArgumentException e) {
            throw new ScenarioException(scenario.file(), 1, 1, "the initial state cannot be built: " + e.getMessage());
        }
        runSetup();
        List<Program> programs = new ArrayList<>();
        Map<String, Integer> programOf = new HashMap<>();
        for (ExploreReader.ProgramDecl d : section.programs()) {
            if (programOf.containsKey(d.thread())) {
                throw new ScenarioException(scenario.file(), d.line(), 1, "'" + d.thread() + "' already has a program");
            }
            programOf.put(d.thread(), programs.size());
            programs.add(compile(d));
        }
        for (List<String> threads : section.any()) {
            programs.add(Program.any("any " + String.join(" ", threads), anySteps(threads)));
        }
        List<List<Integer>> symmetric = new ArrayList<>();
        for (List<String> group : section.symmetric()) {
            List<Integer> g = new ArrayList<>();
            for (String t : group) {
                Integer i = programOf.get(t);
                if (i == null) {
                    throw new ScenarioException(scenario.file(), 1, 1, "symmetric: '" + t + "' has no program");
                }
                g.add(i);
            }
            symmetric.add(g);
        }
        List<Invariant> invariants = new ArrayList<>();
        for (String n : scenario.invariants()) {
            Invariant inv = Invariants.byName(n).orElseThrow();
            if (inv instanceof RelationalInvariant) {
                notChecked.add(n);
            } else {
                invariants.add(inv);
            }
        }
        try {
            model = new Model(initial, programs, invariants, symmetric);
        } catch (IllegalArgumentException e) {
            throw new ScenarioException(scenario.file(), 1, 1, e.getMessage());
        }
    }

    /** Reads an explore scenario; a malformed one is a {@code file:line:col} error. */
    public static Explorable load(Path path) throws ScenarioException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(path.toString(), 1, 1, "cannot read the file: " + e.getMessage());
        }
        return new Explorable(Parser.loadExplorable(path, text));
    }

    public Scenario scenario() {
        return scenario;
    }

    public Model model() {
        return model;
    }

    /** Invariants the scenario names that explore cannot check (relational ones need twin runs along one path). */
    public List<String> notChecked() {
        return List.copyOf(notChecked);
    }

    /** The interchangeable thread groups, by name. */
    public List<List<String>> symmetricGroups() {
        return section.symmetric();
    }

    /**
     * A replayable scenario of a path found by the search: the same declarations and setup steps, then the
     * path's steps with their outcomes, checking {@code invariants}.
     */
    public String counterexample(List<capsim.explore.Explorer.Taken> path, List<String> invariants, List<String> comments) {
        Map<String, Integer> declared = new HashMap<>(scenario.spec().build(new Kernel(scenario.variant(), scenario.workBound(),
                scenario.rootQuota())));
        List<Action> actions = new ArrayList<>(setup);
        List<String> outcomes = new ArrayList<>(setupOutcomes);
        for (capsim.explore.Explorer.Taken t : path) {
            actions.add(t.step().action());
            outcomes.add(t.outcome());
        }
        return ScenarioWriter.write(new ScenarioWriter.Header(scenario.title() + " (explored)", scenario.variant().name(),
                scenario.workBound(), scenario.rootQuota(), invariants, comments), scenario.spec(), declared, actions, outcomes);
    }

    private void runSetup() throws ScenarioException {
        Resolver r = new Resolver(initial, names);
        for (Scenario.Item item : scenario.items()) {
            if (!(item instanceof Scenario.StepItem step)) {
                continue;
            }
            String outcome;
            Action action;
            try {
                int thread = step.thread() == null ? KernelObject.NO_OID : r.thread(step.thread());
                action = step.op().action(r, thread);
            } catch (StepFailure e) {
                throw new ScenarioException(scenario.file(), step.line(), 1, "setup step: " + e.getMessage());
            }
            try {
                Object result = action.apply(initial);
                outcome = result instanceof Outcome o ? o.name() : "ok";
                if (step.bindAs() != null && result instanceof Integer oid) {
                    names.put(step.bindAs(), oid);
                }
            } catch (KernelException e) {
                outcome = e.error().name();
                if (step.expected() == null) {
                    throw new ScenarioException(scenario.file(), step.line(), 1, "setup step refused: " + e.getMessage());
                }
            }
            if (step.expected() != null && !step.expected().equals(outcome)) {
                throw new ScenarioException(scenario.file(), step.line(), 1, "setup step: expected " + step.expected() + ", got " + outcome);
            }
            setup.add(action);
            setupOutcomes.add(outcome);
        }
    }

    private Program compile(ExploreReader.ProgramDecl d) throws ScenarioException {
        Program.Builder b = new Program.Builder(d.thread());
        compile(d.body(), 0, -1, b);
        return b.build();
    }

    /** Compiles {@code body} from node {@code entry}; its last step leads to {@code exit} (-1: a new node). Returns the node it ends at. */
    private int compile(List<ExploreReader.Element> body, int entry, int exit, Program.Builder b) throws ScenarioException {
        int at = entry;
        for (int i = 0; i < body.size(); i++) {
            int to = i == body.size() - 1 ? exit : -1;
            at = switch (body.get(i)) {
                case ExploreReader.StepElement s -> {
                    int next = to >= 0 ? to : b.node();
                    b.edge(at, step(s.step()), next);
                    yield next;
                }
                case ExploreReader.Repeat rep -> {
                    int x = at;
                    for (int k = 0; k < rep.times(); k++) {
                        x = compile(rep.body(), x, k == rep.times() - 1 ? to : -1, b);
                    }
                    yield x;
                }
                case ExploreReader.Loop loop -> compile(loop.body(), at, at, b);
                case ExploreReader.Choose ch -> {
                    int join = to >= 0 ? to : b.node();
                    for (List<ExploreReader.Element> branch : ch.branches()) {
                        compile(branch, at, join, b);
                    }
                    yield join;
                }
            };
        }
        return at;
    }

    private Step step(Scenario.StepItem s) throws ScenarioException {
        Resolver r = new Resolver(initial, names);
        try {
            int thread = r.thread(s.thread());
            return new Step(s.text(), s.op().action(r, thread), s.expected());
        } catch (StepFailure e) {
            throw new ScenarioException(scenario.file(), s.line(), 1, "in the initial state: " + e.getMessage());
        }
    }

    /**
     * "Any operation of these threads": every send of a buffer the thread holds strongly to a buffer or queue
     * it holds, every receive into such a buffer (from each queue it holds, or none), and collect.
     */
    private List<Step> anySteps(List<String> threads) {
        Map<Integer, String> byOid = new HashMap<>();
        names.forEach((n, o) -> byOid.put(o, n));
        List<Step> out = new ArrayList<>();
        for (String name : threads) {
            int t = names.get(name);
            KernelThread thread = (KernelThread) initial.heap().get(t);
            List<Integer> own = new ArrayList<>();
            List<Integer> targets = new ArrayList<>();
            List<Integer> queues = new ArrayList<>();
            if (initial.heap().lookup(thread.asRoot()) instanceof CapPage root) {
                for (int i = 0; i < CapPage.SLOTS; i++) {
                    Capability c = root.slot(i);
                    KernelObject o = initial.heap().lookup(c);
                    if (o instanceof MessageBuffer) {
                        if (c.rights().write()) {
                            own.add(CapAddress.of(i));
                        }
                        targets.add(CapAddress.of(i));
                    } else if (o instanceof MessageQueue) {
                        targets.add(CapAddress.of(i));
                        queues.add(CapAddress.of(i));
                    }
                }
            }
            for (int b : own) {
                for (int x : targets) {
                    if (x != b) {
                        out.add(anyStep(new Action.Send(t, b, x, true), byOid));
                    }
                }
            }
            for (int b : own) {
                out.add(anyStep(new Action.Receive(t, b, CapAddress.NONE, true), byOid));
                for (int q : queues) {
                    out.add(anyStep(new Action.Receive(t, b, q, true), byOid));
                }
            }
            out.add(anyStep(new Action.Collect(t), byOid));
        }
        return out;
    }

    private static Step anyStep(Action a, Map<Integer, String> byOid) {
        return new Step(ScenarioWriter.step(a, byOid), a, null);
    }
}
