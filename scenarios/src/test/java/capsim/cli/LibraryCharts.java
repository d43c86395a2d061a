package capsim.cli;

import capsim.kernel.Event;
import capsim.personality.Personality;
import capsim.personality.SequenceMap;
import capsim.personality.World;
import capsim.scenario.Parser;
import capsim.scenario.Scenario;
import capsim.scenario.ScenarioFile;
import capsim.scenario.Script;
import capsim.scenario.ScriptRunner;
import capsim.visual.PersonalitySequence;
import capsim.visual.Recording;
import capsim.visual.SequenceChart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The sequence chart of every library scenario, with what the tests check it against: the actors the run
 * declares (objects of its design's actor roles, in any state of the run) and each step's outcome and events.
 */
final class LibraryCharts {
    static final Path LIBRARY = Path.of("library");

    /** One step as the runner saw it; refused when it logged nothing and its outcome is not "ok". */
    record StepRun(int number, String text, String outcome, List<String> events, boolean movedMessage) {
        boolean refused() {
            return events.isEmpty() && !"ok".equals(outcome);
        }
    }

    /**
     * A scenario's chart: its design ("core" for the Viengoos variants), the SVG, its actors "node/role/name",
     * and the event lines its design's map did not understand (kept in the chart as plain notes).
     */
    record Chart(Path file, String design, String svg, Set<String> actors, List<StepRun> steps, List<String> unread) {
        String name() {
            return design + "-" + file.getFileName().toString().replace(".scn", "");
        }
    }

    private LibraryCharts() {
    }

    static List<Path> library() throws IOException {
        try (Stream<Path> s = Files.walk(LIBRARY)) {
            return s.filter(p -> p.toString().endsWith(".scn")).sorted().toList();
        }
    }

    static Chart of(Path file) throws Exception {
        ScenarioFile f = Parser.load(file);
        return switch (f) {
            case Scenario sc -> core(file, sc);
            case Script<?> sc -> personality(file, sc);
        };
    }

    private static Chart core(Path file, Scenario sc) throws Exception {
        Recording r = RenderCommand.record(sc);
        List<StepRun> steps = new ArrayList<>();
        for (int i = 0; i < r.steps().size(); i++) {
            Recording.Step s = r.steps().get(i);
            boolean moved = s.events().stream().anyMatch(e -> e instanceof Event.Sent || e instanceof Event.Delivered);
            steps.add(new StepRun(i + 1, s.label(), "", s.trace(), moved));
        }
        return new Chart(file, "core", SequenceChart.svg(r), Set.of(), steps, List.of());
    }

    private static <W extends World<W>> Chart personality(Path file, Script<W> sc) {
        Personality<W> p = sc.dialect().personality();
        SequenceMap<W> map = p.sequence();
        PersonalitySequence<W> seq = new PersonalitySequence<>(p);
        Set<String> actors = new LinkedHashSet<>();
        List<StepRun> steps = new ArrayList<>();
        List<String> unread = new ArrayList<>();
        SequenceMap.Reader<W> probe = map.reader();
        ScriptRunner.run(sc, new ScriptRunner.Listener<W>() {
            @Override
            public void started(Script<W> s, W world) {
                seq.started(world);
                actors(world);
            }

            @Override
            public void step(int number, int line, String text, List<String> events, int firstEvent, String outcome,
                             String failure, W after) {
                seq.step(number, text, events, outcome, after);
                for (String e : events) {
                    // A line the map does not read comes back as itself (Kind.LOG): the chart keeps it, says nothing of it.
                    List<SequenceMap.Arrow> a = probe.arrows(map.node(e, after), e, after);
                    if (a.stream().anyMatch(x -> x.kind() == SequenceMap.Kind.LOG)) {
                        unread.add(e);
                    }
                }
                actors(after);
                steps.add(new StepRun(number, text, outcome, events, moved(p.name(), text, outcome, events)));
            }

            private void actors(W world) {
                for (int n = 0; n < world.kernels().size(); n++) {
                    for (var e : world.roles(n).entrySet()) {
                        if (map.actorRoles().contains(e.getValue()) && world.names(n).containsKey(e.getKey())) {
                            actors.add(n + "/" + e.getValue() + "/" + world.names(n).get(e.getKey()));
                        }
                    }
                }
            }
        });
        return new Chart(file, p.name(), seq.drawing(sc.title()).svg(), actors, steps, unread);
    }

    /**
     * Whether a step moved a message, by what the scenario asked for (not by what the chart drew): a put,
     * a get that returned a message, a reply; sendmsg, domsg, getmsg, sendsys; a Mach send or receive; a
     * cluster send, request, answer, abort or release, the link going up or being cut. Refused steps move nothing.
     */
    static boolean moved(String design, String text, String outcome, List<String> events) {
        if (events.isEmpty() && !"ok".equals(outcome)) {
            return false;
        }
        String[] w = text.trim().split("\\s+");
        String verb = w.length > 1 ? w[1] : "";
        return switch (design) {
            case "caps" -> verb.equals("put") || verb.equals("reply")
                    || verb.equals("get") && List.of("REQUEST", "REPLY", "DISPOSE").contains(outcome);
            case "lwkt" -> List.of("send", "domsg", "getmsg", "reply", "sendsys").contains(verb);
            case "mach" -> List.of("send", "receive").contains(verb);
            case "cluster" -> List.of("send", "request", "answer", "abort", "release").contains(verb)
                    || w[0].equals("link");
            default -> false;
        };
    }
}
