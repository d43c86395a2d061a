package capsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md stays true: every source path it names exists, every class it names (fully qualified)
 * loads, and each row of its rule table names a file and a class declared in that file. This module's test
 * class path holds all three main modules, so every class named there can be loaded.
 */
class ArchitectureMapTest {
    static final Path ROOT = Path.of("..");
    static final Path DOC = ROOT.resolve("docs").resolve("architecture.md");
    /** Rules issue 11 asks the map to place (the table may hold more). */
    static final List<String> REQUIRED = List.of("blocked target queues the sender", "MIN(count) capability copy",
            "who pays on hand-off", "CAPS ENOBUFS", "Mach send-once used exactly once", "LWKT EASYNC", "cluster link cut");

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern SOURCE = Pattern.compile("[a-z-]+/src/(main|test)/java/[\\w/]+\\.java");
    private static final Pattern CLASS = Pattern.compile("capsim(\\.[a-z][a-z0-9]*)+(\\.[A-Z]\\w*)+");
    private static final Pattern ROW = Pattern.compile("^\\| (.+?) \\| `([^`]+)` \\| `([^`]+)` \\|$", Pattern.MULTILINE);

    @Test
    void everyPathAndClassTheMapNamesExists() throws IOException {
        String doc = Files.readString(DOC);
        assertThat(problems(doc)).isEmpty();
        List<String> rules = rows(doc).stream().map(r -> r[0]).toList();
        assertThat(rules).hasSizeGreaterThanOrEqualTo(REQUIRED.size());
        for (String rule : REQUIRED) {
            assertThat(rules).as("the rule table places '" + rule + "'").anyMatch(r -> r.startsWith(rule));
        }
    }

    @Test
    void aStalePathOrClassIsReported() {
        String doc = """
                | rule | file | class |
                |---|---|---|
                | gone | `kernel-model/src/main/java/capsim/kernel/NoSuchFile.java` | `capsim.kernel.NoSuchFile` |
                | elsewhere | `kernel-model/src/main/java/capsim/kernel/Kernel.java` | `capsim.kernel.Trace` |
                Also `capsim.visual.Personality`.
                """;
        assertThat(problems(doc)).containsExactlyInAnyOrder(
                "no file kernel-model/src/main/java/capsim/kernel/NoSuchFile.java",
                "no class capsim.kernel.NoSuchFile",
                "row 'elsewhere': capsim.kernel.Trace is not declared in kernel-model/src/main/java/capsim/kernel/Kernel.java",
                "no class capsim.visual.Personality");
    }

    /** What on {@code doc} names something that is not there, one line each. */
    static List<String> problems(String doc) {
        List<String> out = new ArrayList<>();
        Matcher m = CODE.matcher(doc);
        while (m.find()) {
            String code = m.group(1);
            if (SOURCE.matcher(code).matches() && !Files.isRegularFile(ROOT.resolve(code))) {
                out.add("no file " + code);
            } else if (CLASS.matcher(code).matches() && load(code) == null) {
                out.add("no class " + code);
            }
        }
        for (String[] r : rows(doc)) {
            Class<?> c = load(r[2]);
            String file = r[1];
            if (c != null && SOURCE.matcher(file).matches()) {
                Class<?> top = c;
                while (top.getEnclosingClass() != null) {
                    top = top.getEnclosingClass();
                }
                if (!file.endsWith("/" + top.getName().replace('.', '/') + ".java")) {
                    out.add("row '" + r[0] + "': " + r[2] + " is not declared in " + file);
                }
            }
        }
        return out;
    }

    /** The rule table's rows: rule, file, class. */
    static List<String[]> rows(String doc) {
        List<String[]> out = new ArrayList<>();
        Matcher m = ROW.matcher(doc);
        while (m.find()) {
            out.add(new String[] {m.group(1), m.group(2), m.group(3)});
        }
        return out;
    }

    /** The class named {@code name} (nested classes written with dots), or null. */
    static Class<?> load(String name) {
        String n = name;
        while (true) {
            try {
                return Class.forName(n, false, ArchitectureMapTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                int dot = n.lastIndexOf('.');
                if (dot < 0 || !Character.isUpperCase(n.charAt(n.lastIndexOf('.', dot - 1) + 1))) {
                    return null;
                }
                n = n.substring(0, dot) + '$' + n.substring(dot + 1);
            }
        }
    }
}
