package capsim.scenario;

import capsim.kernel.Action;
import capsim.kernel.Event;
import capsim.kernel.Kernel;
import capsim.kernel.KernelException;
import capsim.kernel.KernelObject;
import capsim.kernel.Outcome;
import capsim.kernel.check.Invariant;
import capsim.kernel.check.Invariants;
import capsim.kernel.check.Monitor;
import capsim.kernel.check.StepResult;
import capsim.kernel.check.Violation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a parsed scenario on a fresh kernel: builds the declared state, runs each step (through an invariant
 * {@link Monitor} when the scenario checks invariants), evaluates each expectation where it stands, and
 * tells a {@link Listener} what happened. Deterministic: the same scenario gives the same events and hash.
 */
public final class Runner {

    /** What a run reports as it goes (printers, recorders). Every method has a no-op default. */
    public interface Listener {
        /** The declared state is built. */
        default void started(Scenario s, Kernel kernel, Map<Integer, String> names) {
        }

        /**
         * Step {@code number} ran: its events (named text), its outcome word, and {@code failure} when the step
         * itself failed (an unexpected refusal, a different outcome, a name it could not reach), else null.
         */
        default void step(int number, Scenario.StepItem step, List<Event> events, List<String> eventTexts, int firstEvent,
                          String outcome, String failure, Kernel after, Map<Integer, String> names) {
        }

        /** An invariant broke at step {@code number}. */
        default void violation(int number, Violation v) {
        }

        /** An expectation was evaluated: {@code failure} is null when it held. */
        default void expectation(Expectation e, String failure) {
        }
    }

    private Runner() {
    }

    /** Runs a scenario file of any kind, telling nobody (tests, the demo). */
    public static RunResult run(ScenarioFile f) throws ScenarioException {
        return switch (f) {
            case Scenario s -> run(s, new Listener() { });
            case Script<?> s -> ScriptRunner.run(s);
        };
    }

    /**
     * Runs {@code s}.
     *
     * @throws ScenarioException when the declared state cannot be built (a quota the declarations exceed)
     */
    public static RunResult run(Scenario s, Listener listener) throws ScenarioException {
        Kernel kernel = new Kernel(s.variant(), s.workBound(), s.rootQuota());
        Map<String, Integer> names;
        try {
            names = new LinkedHashMap<>(s.spec().build(kernel));
        } catch (KernelException | IllegalArgumentException e) {
            int line = declLine(s, kernel);
            throw new ScenarioException(s.file(), line, 1, "the declared state cannot be built: " + e.getMessage());
        }
        Context ctx = new Context(kernel, names, !s.invariants().isEmpty());
        List<Invariant> invs = new ArrayList<>();
        for (String n : s.invariants()) {
            invs.add(Invariants.byName(n).orElseThrow());
        }
        Monitor monitor = invs.isEmpty() ? null : new Monitor(kernel, invs);
        Set<String> expectedBroken = new LinkedHashSet<>();
        for (Scenario.Item it : s.items()) {
            if (it instanceof Scenario.ExpectItem ei && ei.expectation() instanceof Expectation.Invariant inv && !inv.holds()) {
                expectedBroken.add(inv.name());
            }
        }
        listener.started(s, kernel, ctx.byOid);
        List<String> failures = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        int stepNo = 0;
        int expectations = 0;
        int expectationsFailed = 0;
        List<Scenario.Item> items = s.items();
        for (int idx = 0; idx < items.size(); idx++) {
            Scenario.Item item = items.get(idx);
            if (item instanceof Scenario.ExpectItem ei) {
                expectations++;
                String f = ei.expectation().check(ctx);
                listener.expectation(ei.expectation(), f);
                if (f != null) {
                    expectationsFailed++;
                    failures.add(s.file() + ":" + ei.line() + ": expectation failed: " + ei.expectation().text() + " (" + f + ")");
                }
                continue;
            }
            Scenario.StepItem step = (Scenario.StepItem) item;
            stepNo++;
            int firstEvent = kernel.trace().size();
            String outcome;
            String failure = null;
            List<Violation> stepViolations = new ArrayList<>();
            try {
                Resolver r = new Resolver(kernel, names);
                int thread = step.thread() == null ? KernelObject.NO_OID : r.thread(step.thread());
                Action action = step.op().action(r, thread);
                Object result;
                if (step.op() instanceof Op.Resume res && res.all()) {
                    result = Boolean.FALSE;
                    while (true) {
                        Object more = apply(kernel, monitor, action, stepViolations);
                        if (!Boolean.TRUE.equals(more)) {
                            break;
                        }
                        result = Boolean.TRUE;
                    }
                } else {
                    result = apply(kernel, monitor, action, stepViolations);
                }
                outcome = result instanceof Outcome o ? o.name() : "ok";
                if (step.bindAs() != null && result instanceof Integer oid) {
                    ctx.bind(step.bindAs(), oid);
                }
            } catch (KernelException e) {
                outcome = e.error().name();
                boolean expectedLater = idx + 1 < items.size() && items.get(idx + 1) instanceof Scenario.ExpectItem next
                        && next.expectation() instanceof Expectation.Outcome;
                if (step.expected() == null && !expectedLater) {
                    failure = "refused: " + e.getMessage();
                }
            } catch (StepFailure e) {
                outcome = "FAILED";
                failure = e.getMessage();
            }
            if (failure == null && step.expected() != null && !step.expected().equals(outcome)) {
                failure = "expected " + step.expected() + ", got " + outcome;
            }
            ctx.lastOutcome = outcome;
            List<Event> events = kernel.trace().events().subList(firstEvent, kernel.trace().size());
            List<String> texts = ctx.textsFrom(firstEvent);
            listener.step(stepNo, step, events, texts, firstEvent, outcome, failure, kernel, ctx.byOid);
            if (failure != null) {
                failures.add(s.file() + ":" + step.line() + ": step " + stepNo + " (" + step.text() + "): " + failure);
            }
            for (Violation v : stepViolations) {
                violations.add(v);
                ctx.broken.add(v.invariant());
                listener.violation(stepNo, v);
                if (!expectedBroken.contains(v.invariant())) {
                    failures.add(s.file() + ":" + step.line() + ": step " + stepNo + " broke invariant " + v.invariant()
                            + ": " + v.message());
                }
            }
        }
        return new RunResult(s.file(), s.title(), s.variant().name(), stepNo, expectations, expectationsFailed,
                failures, violations, kernel.trace().hash());
    }

    private static Object apply(Kernel kernel, Monitor monitor, Action action, List<Violation> out) {
        if (monitor == null) {
            return action.apply(kernel);
        }
        StepResult r = monitor.step(action);
        out.addAll(r.violations());
        if (r.error() != null) {
            throw r.error();
        }
        return r.result();
    }

    /** The line of the declaration the build stopped at (the last object the kernel holds tells how far it got). */
    private static int declLine(Scenario s, Kernel partial) {
        return s.declLines().isEmpty() ? 1 : s.declLines().get(Math.min(s.declLines().size() - 1,
                Math.max(0, countBuilt(s, partial))));
    }

    private static int countBuilt(Scenario s, Kernel partial) {
        // Declarations allocate in order; the first that failed is the one after the last allocated object.
        int allocated = partial.heap().liveCount() - 1;
        int seen = 0;
        for (int i = 0; i < s.spec().decls().size(); i++) {
            capsim.kernel.Spec.Decl d = s.spec().decls().get(i);
            if (d instanceof capsim.kernel.Spec.ActivityDecl || d instanceof capsim.kernel.Spec.ObjectDecl) {
                if (seen == allocated) {
                    return i;
                }
                seen++;
            }
        }
        return s.spec().decls().size() - 1;
    }

    private static final Pattern REF = Pattern.compile("\\b(activity|thread|cappage|frame|buffer|queue)#(-?\\d+)(v(\\d+))?|#(\\d+)");

    /** The run's names and what expectations see. */
    static final class Context implements Expectation.View {
        final Kernel kernel;
        final Map<String, Integer> names;
        final Map<Integer, String> byOid = new HashMap<>();
        final Map<String, KernelObject> bound = new HashMap<>();
        final Set<String> broken = new LinkedHashSet<>();
        final List<String> texts = new ArrayList<>();
        final boolean checking;
        String lastOutcome = "ok";

        Context(Kernel kernel, Map<String, Integer> names, boolean checking) {
            this.kernel = kernel;
            this.names = names;
            this.checking = checking;
            for (Map.Entry<String, Integer> e : names.entrySet()) {
                byOid.put(e.getValue(), e.getKey());
                KernelObject o = kernel.heap().get(e.getValue());
                if (o != null) {
                    bound.put(e.getKey(), o);
                }
            }
        }

        void bind(String name, int oid) {
            names.put(name, oid);
            byOid.put(oid, name);
            KernelObject o = kernel.heap().get(oid);
            if (o != null) {
                bound.put(name, o);
            }
        }

        /** The object a name was bound to; a freed oid reused later holds a different object. */
        KernelObject boundObject(String name) {
            return bound.get(name);
        }

        List<String> textsFrom(int first) {
            List<Event> all = kernel.trace().events();
            while (texts.size() < all.size()) {
                texts.add(named(all.get(texts.size()).text(), byOid));
            }
            return Collections.unmodifiableList(texts.subList(first, all.size()));
        }

        @Override
        public Kernel kernel() {
            return kernel;
        }

        @Override
        public Map<String, Integer> names() {
            return names;
        }

        @Override
        public List<String> eventTexts() {
            textsFrom(kernel.trace().size());
            return Collections.unmodifiableList(texts);
        }

        @Override
        public List<Event> events() {
            return kernel.trace().events();
        }

        @Override
        public String lastOutcome() {
            return lastOutcome;
        }

        @Override
        public Set<String> brokenInvariants() {
            return broken;
        }

        @Override
        public boolean checkingInvariants() {
            return checking;
        }

        @Override
        public String name(int oid) {
            String n = byOid.get(oid);
            return n != null ? n : "#" + oid;
        }
    }

    /** Replaces {@code type#oid} (and a version) in an event's text by the scenario's name for the object. */
    public static String named(String text, Map<Integer, String> byOid) {
        Matcher m = REF.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String oidText = m.group(2) != null ? m.group(2) : m.group(5);
            int oid = Integer.parseInt(oidText);
            String name = byOid.get(oid);
            String rep;
            if (name == null) {
                rep = m.group();
            } else {
                rep = name + (m.group(4) != null && !m.group(4).equals("0") ? "@v" + m.group(4) : "");
            }
            m.appendReplacement(b, Matcher.quoteReplacement(rep));
        }
        m.appendTail(b);
        return b.toString();
    }
}
