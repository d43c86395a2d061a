package capsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.scenario.Parser;
import capsim.visual.DiagramEngine;
import capsim.visual.HeadlessChromium;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's pictures in a real browser (Debian's chromium, headless, through the visualizer's test helper
 * {@link HeadlessChromium}; skipped when either is missing). Every library scenario's sequence chart
 * is opened: it has a lifeline for every actor its run declares and an arrow in every step that moved a
 * message, and marks every refused step. For the cluster and Mach scenarios no two text labels overlap,
 * in the sequence chart or in the object diagrams (bounding boxes measured by the browser). Charts are
 * rendered once and one browser serves every test.
 */
class ChartsBrowserTest {
    static final Path OUT = Path.of("target", "charts-test").toAbsolutePath();

    /** Every text element's box, then every pair whose boxes overlap by more than 1.5 px each way. */
    private static final String OVERLAPS = """
            const t = [...document.querySelectorAll('text')].filter(e => e.textContent.trim().length > 0)
                .map(e => { const b = e.getBBox(); return [e.textContent.trim(), b.x, b.y, b.x + b.width, b.y + b.height]; });
            const out = [];
            for (let i = 0; i < t.length; i++) for (let j = i + 1; j < t.length; j++) {
              const a = t[i], b = t[j];
              const w = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
              const h = Math.min(a[4], b[4]) - Math.max(a[2], b[2]);
              if (w > 1.5 && h > 1.5) out.push('"' + a[0] + '" over "' + b[0] + '"');
            }
            return out;""";

    /** Lifelines (node/role/name), then per step: arrows between two lifelines, refused marks, notes on one. */
    private static final String CONTENT = """
            const lanes = [...document.querySelectorAll('g.lifeline')].map(g => g.getAttribute('data-lifeline'));
            const steps = {};
            for (const g of document.querySelectorAll('g.rows')) {
              steps[g.getAttribute('data-step')] = [g.querySelectorAll('g.arrow').length, g.querySelectorAll('.refused').length,
                  g.querySelectorAll('g.note').length];
            }
            return {lanes: lanes, steps: steps};""";

    static HeadlessChromium browser;
    static List<LibraryCharts.Chart> charts = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.assumeInstalled();
        Files.createDirectories(OUT);
        for (Path p : LibraryCharts.library()) {
            LibraryCharts.Chart c = LibraryCharts.of(p);
            Files.writeString(OUT.resolve(c.name() + ".svg"), c.svg(), StandardCharsets.UTF_8);
            charts.add(c);
        }
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() {
        HeadlessChromium.close(browser);
    }

    private static Object open(Path svg, String script) {
        return browser.open(svg, script);
    }

    @Test
    void everyChartDrawsItsActorsAndEveryMessage() {
        assertThat(charts).extracting(LibraryCharts.Chart::design).contains("core", "caps", "lwkt", "mach", "cluster");
        for (LibraryCharts.Chart c : charts) {
            @SuppressWarnings("unchecked")
            Map<String, Object> content = (Map<String, Object>) open(OUT.resolve(c.name() + ".svg"), CONTENT);
            @SuppressWarnings("unchecked")
            Set<String> lanes = new HashSet<>((List<String>) content.get("lanes"));
            @SuppressWarnings("unchecked")
            Map<String, List<Long>> steps = (Map<String, List<Long>>) content.get("steps");
            assertThat(lanes).as(c.file() + ": lifelines").containsAll(c.actors());
            assertThat(steps).as(c.file() + ": one band per step").hasSize(c.steps().size());
            for (LibraryCharts.StepRun s : c.steps()) {
                List<Long> counts = steps.get(String.valueOf(s.number()));
                if (s.movedMessage()) {
                    // The core chart draws a send to the sender's own buffer as a loop on its lifeline.
                    long drawn = counts.get(0) + (c.design().equals("core") ? counts.get(2) : 0);
                    assertThat(drawn).as(c.file() + " step " + s.number() + " (" + s.text() + "): arrows")
                            .isGreaterThanOrEqualTo(1);
                }
                if (!c.design().equals("core")) {
                    assertThat(counts.get(1) > 0).as(c.file() + " step " + s.number() + " (" + s.text() + ") marked refused")
                            .isEqualTo(s.refused());
                }
            }
        }
    }

    @Test
    void noLabelsOverlapInTheClusterAndMachCharts() {
        int checked = 0;
        for (LibraryCharts.Chart c : charts) {
            if (c.design().equals("cluster") || c.design().equals("mach")) {
                assertThat((List<?>) open(OUT.resolve(c.name() + ".svg"), OVERLAPS)).as(c.file() + ": sequence chart").isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(10);
    }

    /** The scenario's diagrams as DOT into {@code dir}, no progress lines. */
    private static void renderQuietly(Path file, Path dir) throws Exception {
        RenderCommand.render(Parser.load(file), dir, capsim.visual.Format.DOT, capsim.visual.RenderProgress.none());
    }

    /**
     * The object diagrams: every step of a cluster scenario that draws links between the nodes, and its last
     * step; the last step of every Mach scenario (its fullest picture); laid out by the engine the build uses.
     */
    @Test
    void noLabelsOverlapInTheClusterAndMachDiagrams() throws Exception {
        int checked = 0;
        for (LibraryCharts.Chart c : charts) {
            if (!c.design().equals("cluster") && !c.design().equals("mach")) {
                continue;
            }
            Path dir = OUT.resolve("diagrams").resolve(c.name());
            renderQuietly(c.file(), dir);
            int last = c.steps().size();
            for (int i = c.design().equals("cluster") ? 0 : last; i <= last; i++) {
                String name = String.format("step-%03d", i);
                String dot = Files.readString(dir.resolve(name + ".dot"));
                if (i < last && !dot.contains("\"dir\"=")) {
                    continue;
                }
                Path svg = dir.resolve(name + ".svg");
                Files.writeString(svg, DiagramEngine.svg(dot), StandardCharsets.UTF_8);
                assertThat((List<?>) open(svg, OVERLAPS)).as(c.file() + " " + name).isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(15);
    }
}
