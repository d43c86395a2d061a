package capsim.visual;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The self-contained HTML trace viewer ({@code index.html}): inline CSS and script, no network. It steps
 * through a run with previous/next buttons, the arrow keys (Home/End for the ends) or a click in the step
 * list, and shows each step's diagram, what the step changed, and the step's band in the sequence chart.
 *
 * <p>Each step's diagram sits in a {@code <template id="diagram-i">} (inline SVG, an {@code <img>} of a
 * PNG or large SVG file, or the DOT text), cloned into view when the step is shown. The element
 * {@code #step-index} always holds the index of the step shown.
 */
final class ViewerPage {

    /** One step as the page shows it; its diagram comes from the renderer when the page is written. */
    record StepView(int index, String label, List<String> trace, List<String> diff, String file) {
    }

    /** The HTML of step {@code i}'s diagram: inline SVG, an img element, or a pre. */
    interface Diagrams {
        String html(int i) throws IOException;
    }

    private ViewerPage() {
    }

    /**
     * Writes the page to {@code w}, one step's diagram at a time (a long run's page is never held in memory
     * whole: the diagrams are asked for as their templates are written).
     */
    static void write(Writer w, String title, String variant, String engine, List<StepView> steps, String sequenceSvg,
                      Map<String, String> cut, Diagrams diagrams) throws IOException {
        String last = String.valueOf(steps.size() - 1);
        w.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(Xml.escape(title)).append(" \u2014 capsim viewer</title>\n<style>\n")
                .append(CSS).append("</style>\n</head>\n<body>\n");
        w.append("<header><h1>").append(Xml.escape(title)).append("</h1><div class=\"meta\">variant <b>")
                .append(Xml.escape(variant)).append("</b> \u00b7 ").append(last).append(" steps \u00b7 ")
                .append(Xml.escape(engine)).append("</div></header>\n");
        w.append("<nav id=\"controls\">")
                .append("<button id=\"prev\" type=\"button\" title=\"previous step (\u2190)\">\u25c0 Previous</button>")
                .append("<span class=\"pos\">Step <span id=\"step-index\">0</span> / <span id=\"step-last\">")
                .append(last).append("</span></span>")
                .append("<button id=\"next\" type=\"button\" title=\"next step (\u2192)\">Next \u25b6</button>")
                .append("<span id=\"step-label\"></span>")
                .append("<label class=\"fit\"><input type=\"checkbox\" id=\"fit\" checked> fit diagram to width</label>")
                .append("</nav>\n<main>\n<aside id=\"steps\"><ol start=\"0\">\n");
        for (StepView s : steps) {
            String n = String.valueOf(s.index());
            w.append("<li id=\"li-").append(n).append("\" data-step=\"").append(n).append("\">")
                    .append("<div class=\"label\"><span class=\"n\">").append(n).append("</span> ")
                    .append(Xml.escape(s.label())).append("</div>");
            if (!s.trace().isEmpty()) {
                w.append("<pre class=\"trace\">");
                for (String line : s.trace()) {
                    w.append(Xml.escape(line)).append('\n');
                }
                w.append("</pre>");
            }
            w.append("</li>\n");
        }
        w.append("</ol></aside>\n<section id=\"view\">\n")
                .append("<div id=\"diff\"><h2>What this step changed</h2><ul id=\"diff-list\"></ul>")
                .append("<div class=\"file\">file: <a id=\"file-link\" href=\"#\"></a></div></div>\n")
                .append("<div id=\"diagram\" class=\"fit\"></div>\n")
                .append("<details id=\"sequence-box\" open><summary>Message sequence (")
                .append("<a href=\"sequence.svg\">sequence.svg</a>)</summary><div id=\"sequence\">\n")
                .append(sequenceSvg).append("</div></details>\n");
        if (!cut.isEmpty()) {
            // Names too long to draw are shortened in the diagrams; here is each in full.
            w.append("<details id=\"full-names\"><summary>Names shortened in the diagrams (")
                    .append(String.valueOf(cut.size())).append(")</summary><dl>\n");
            for (Map.Entry<String, String> e : cut.entrySet()) {
                w.append("<dt>").append(Xml.escape(e.getKey())).append("</dt><dd>").append(Xml.escape(e.getValue()))
                        .append("</dd>\n");
            }
            w.append("</dl></details>\n");
        }
        w.append("</section>\n</main>\n");
        for (StepView s : steps) {
            w.append("<template id=\"diagram-").append(String.valueOf(s.index())).append("\">")
                    .append(diagrams.html(s.index())).append("</template>\n");
        }
        w.append("<script type=\"application/json\" id=\"steps-data\">[");
        for (int i = 0; i < steps.size(); i++) {
            StepView s = steps.get(i);
            w.append(i > 0 ? ",\n" : "").append("{\"label\":").append(json(s.label())).append(",\"file\":")
                    .append(json(s.file())).append(",\"diff\":[");
            for (int j = 0; j < s.diff().size(); j++) {
                w.append(j > 0 ? "," : "").append(json(s.diff().get(j)));
            }
            w.append("]}");
        }
        w.append("]</script>\n<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
    }

    /** A JSON string literal that is also safe inside a script element ({@code </} is escaped). */
    static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '/' -> b.append(i > 0 && s.charAt(i - 1) == '<' ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static final String CSS = """
            * { box-sizing: border-box; }
            body { margin: 0; font: 14px/1.4 Helvetica, Arial, sans-serif; color: #222; background: #f6f6f6; }
            header { padding: 8px 16px; background: #2d3142; color: #fff; }
            header h1 { margin: 0; font-size: 18px; }
            header .meta { font-size: 12px; opacity: .85; }
            #controls { position: sticky; top: 0; z-index: 2; display: flex; gap: 12px; align-items: center;
                        padding: 6px 16px; background: #fff; border-bottom: 1px solid #ddd; }
            #controls button { font-size: 14px; padding: 4px 12px; cursor: pointer; }
            #controls .pos { font-weight: bold; min-width: 110px; text-align: center; }
            #step-label { flex: 1; color: #444; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
            main { display: flex; align-items: stretch; height: calc(100vh - 96px); }
            #steps { width: 340px; min-width: 240px; overflow: auto; border-right: 1px solid #ddd; background: #fff; }
            #steps ol { list-style: none; margin: 0; padding: 0; }
            #steps li { padding: 4px 8px; border-bottom: 1px solid #eee; cursor: pointer; }
            #steps li:hover { background: #f0f4ff; }
            #steps li.current { background: #fff3bf; border-left: 4px solid #e6a700; }
            #steps .n { display: inline-block; min-width: 2.2em; font-weight: bold; color: #555; }
            #steps pre.trace { margin: 2px 0 0 0; font-size: 11px; white-space: pre-wrap; color: #555; }
            #steps li:not(.current) pre.trace { max-height: 4.5em; overflow: hidden; }
            #view { flex: 1; overflow: auto; padding: 8px 16px; }
            #diff { background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: 4px 12px; margin-bottom: 8px; }
            #diff h2 { font-size: 13px; margin: 4px 0; }
            #diff ul { margin: 0; padding-left: 18px; font: 12px/1.5 monospace; }
            #diff li.add { color: #1a7f45; } #diff li.chg { color: #c05400; } #diff li.del { color: #888; }
            #diff .file { font-size: 11px; color: #666; margin: 2px 0; }
            #diagram { background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: 8px; overflow: auto; }
            #diagram.fit svg, #diagram.fit img { max-width: 100%; height: auto; }
            #diagram pre { font-size: 11px; }
            #sequence-box { margin-top: 8px; background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: 4px 8px; }
            #sequence { overflow: auto; max-height: 60vh; }
            #sequence g.step.current .step-band { fill: #fff3bf; }
            #full-names { margin-top: 8px; background: #fff; border: 1px solid #ddd; border-radius: 4px; padding: 4px 8px; }
            #full-names dd { margin: 0 0 6px 16px; font: 12px/1.4 monospace; overflow-wrap: anywhere; }
            """;

    private static final String SCRIPT = """
            (function () {
              'use strict';
              var data = JSON.parse(document.getElementById('steps-data').textContent);
              var last = data.length - 1;
              var cur = -1;
              function $(id) { return document.getElementById(id); }
              function show(i) {
                i = Math.max(0, Math.min(last, i));
                if (i === cur) { return; }
                cur = i;
                var s = data[i];
                $('step-index').textContent = String(i);
                $('step-label').textContent = s.label;
                $('diagram').replaceChildren($('diagram-' + i).content.cloneNode(true));
                var ul = $('diff-list');
                ul.replaceChildren();
                var lines = s.diff.length ? s.diff : [i === 0 ? 'the initial state' : 'nothing drawn changed'];
                lines.forEach(function (line) {
                  var li = document.createElement('li');
                  li.textContent = line;
                  var c = line.charAt(0);
                  li.className = c === '+' ? 'add' : c === '~' ? 'chg' : c === '-' ? 'del' : '';
                  ul.appendChild(li);
                });
                var a = $('file-link');
                a.textContent = s.file;
                a.href = s.file;
                document.querySelectorAll('#steps li.current, #sequence g.step.current').forEach(function (e) {
                  e.classList.remove('current');
                });
                var li = $('li-' + i);
                li.classList.add('current');
                li.scrollIntoView({block: 'nearest'});
                var band = $('seq-step-' + i);
                if (band) { band.classList.add('current'); }
                $('prev').disabled = i === 0;
                $('next').disabled = i === last;
                try { history.replaceState(null, '', '#step-' + i); } catch (e) { /* file: URLs may refuse */ }
              }
              $('prev').addEventListener('click', function () { show(cur - 1); });
              $('next').addEventListener('click', function () { show(cur + 1); });
              $('fit').addEventListener('change', function (e) { $('diagram').classList.toggle('fit', e.target.checked); });
              document.querySelectorAll('#steps li').forEach(function (li) {
                li.addEventListener('click', function () { show(Number(li.dataset.step)); });
              });
              document.addEventListener('keydown', function (e) {
                if (e.altKey || e.ctrlKey || e.metaKey) { return; }
                if (e.key === 'ArrowRight') {
                  show(cur + 1); e.preventDefault();
                } else if (e.key === 'ArrowLeft') {
                  show(cur - 1); e.preventDefault();
                } else if (e.key === 'Home') {
                  show(0); e.preventDefault();
                } else if (e.key === 'End') {
                  show(last); e.preventDefault();
                }
              });
              var m = /^#step-(\\d+)$/.exec(location.hash);
              show(m ? Number(m[1]) : 0);
            })();
            """;
}
