package capsim.scenario;

import capsim.kernel.CapType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Reads the statements that say what {@code capsim explore} may run (docs/explorer.md): per-thread
 * {@code program} blocks (steps without the thread name, {@code repeat N}, {@code loop}, {@code choose} /
 * {@code or}, each closed by {@code end}), {@code any} lines (every operation of the named threads over
 * the objects they hold, any time) and {@code symmetric} lines (interchangeable threads). Kept apart from
 * {@link Parser}, which hands it those lines and parses the steps inside a program for it.
 */
final class ExploreReader {
    /** A block of a program: its elements in order. */
    sealed interface Element permits StepElement, Repeat, Loop, Choose {
    }

    record StepElement(Scenario.StepItem step) implements Element {
    }

    record Repeat(int times, List<Element> body) implements Element {
    }

    record Loop(List<Element> body) implements Element {
    }

    record Choose(List<List<Element>> branches) implements Element {
    }

    /** One thread's program as written. */
    record ProgramDecl(String thread, int line, List<Element> body) {
    }

    /** What an explore scenario adds to the scenario. */
    record Section(List<ProgramDecl> programs, List<List<String>> any, List<List<String>> symmetric) {
        boolean isEmpty() {
            return programs.isEmpty() && any.isEmpty();
        }
    }

    private final Parser parser;
    private final List<ProgramDecl> programs = new ArrayList<>();
    private final List<List<String>> any = new ArrayList<>();
    private final List<List<String>> symmetric = new ArrayList<>();
    /** The open blocks of the program being read, innermost last; empty outside a program. */
    private final Deque<Open> open = new ArrayDeque<>();
    private Token programThread;

    private static final class Open {
        final String kind;
        final int line;
        final int times;
        final List<List<Element>> branches = new ArrayList<>();

        Open(String kind, int line, int times) {
            this.kind = kind;
            this.line = line;
            this.times = times;
            branches.add(new ArrayList<>());
        }

        List<Element> current() {
            return branches.get(branches.size() - 1);
        }
    }

    ExploreReader(Parser parser) {
        this.parser = parser;
    }

    /** Reads {@code l} when it belongs to the explore section; false when it is an ordinary statement. */
    boolean claims(Line l, Token first) throws ScenarioException {
        if (!open.isEmpty()) {
            inProgram(l, first);
            return true;
        }
        switch (first.text()) {
            case "program" -> {
                programThread = thread(l);
                l.end();
                open.push(new Open("program", l.lineNo, 1));
                return true;
            }
            case "any", "symmetric" -> {
                List<String> threads = new ArrayList<>();
                do {
                    String t = thread(l).text();
                    if (threads.contains(t)) {
                        throw l.error(l.lookAhead(-1), "'" + t + "' is named twice");
                    }
                    threads.add(t);
                } while (!l.atEnd());
                if (first.is("symmetric") && threads.size() < 2) {
                    throw l.errorAtEnd("expected at least two interchangeable threads");
                }
                (first.is("any") ? any : symmetric).add(threads);
                return true;
            }
            default -> {
                return false;
            }
        }
    }

    private Token thread(Line l) throws ScenarioException {
        Token t = l.word("a thread name");
        if (parser.typeOf(t.text()) != CapType.THREAD) {
            throw l.error(t, "'" + t.text() + "' is not a declared thread");
        }
        return t;
    }

    private void inProgram(Line l, Token first) throws ScenarioException {
        Open top = open.peek();
        switch (first.text()) {
            case "repeat" -> {
                int times = (int) l.number("how many times", 1, 1000);
                l.end();
                open.push(new Open("repeat", l.lineNo, times));
            }
            case "loop", "choose" -> {
                l.end();
                open.push(new Open(first.text(), l.lineNo, 1));
            }
            case "or" -> {
                l.end();
                if (!top.kind.equals("choose")) {
                    throw l.error(first, "'or' separates the branches of a 'choose' block");
                }
                requireNonEmpty(l, first, top.current(), "a branch of 'choose'");
                top.branches.add(new ArrayList<>());
            }
            case "end" -> {
                l.end();
                open.pop();
                requireNonEmpty(l, first, top.current(), "'" + top.kind + "'");
                switch (top.kind) {
                    case "program" -> programs.add(new ProgramDecl(programThread.text(), top.line, top.current()));
                    case "repeat" -> add(l, first, new Repeat(top.times, top.current()));
                    case "loop" -> add(l, first, new Loop(top.current()));
                    default -> add(l, first, new Choose(top.branches));
                }
            }
            default -> {
                add(l, first, new StepElement(parser.programStep(l, programThread)));
            }
        }
    }

    private void add(Line l, Token at, Element e) throws ScenarioException {
        List<Element> into = open.peek().current();
        if (!into.isEmpty() && into.get(into.size() - 1) instanceof Loop) {
            throw l.error(at, "a 'loop' never ends: nothing after it can run");
        }
        into.add(e);
    }

    private static void requireNonEmpty(Line l, Token at, List<Element> body, String what) throws ScenarioException {
        if (body.isEmpty()) {
            throw l.error(at, what + " needs at least one step");
        }
    }

    /** Called at the end of the file: every block must be closed. */
    Section finish(String file) throws ScenarioException {
        if (!open.isEmpty()) {
            Open o = open.peek();
            throw new ScenarioException(file, o.line, 1, "'" + o.kind + "' is not closed (expected 'end')");
        }
        return new Section(programs, any, symmetric);
    }
}
