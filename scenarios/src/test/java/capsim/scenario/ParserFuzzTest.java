package capsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Feeds seeded random mutations of the library files, Viengoos-model and personality ones, to the parser
 * and the dialects (and runs a share of those that still parse): nothing but a scenario, a
 * {@link ScenarioException} with a sane location, or a run result may come out. The count can be raised with {@code -Dcapsim.parser.fuzz=N}.
 */
class ParserFuzzTest {
    static final long SEED = Long.getLong("capsim.parser.seed", 20081229L);
    static final int MUTATIONS = Integer.getInteger("capsim.parser.fuzz", 100_000);
    static final String[] WORDS = {"scenario", "variant", "activity", "thread", "cappage", "frame", "buffer", "queue", "slot",
        "setup", "expect", "kernel", "resume", "in", "quota", "root", "to", "from", "send", "receive", "rpc", "write", "copy",
        "free", "=>", "=", "[", "]", "\"", "#", "void", "r", "rw", "-1", "0", "255", "256", "3.7", "99999999999999999999",
        "DELIVERED", "ENOMEM", "as", "none", ",", "revised", "proposal-2008", "\\x", "payload", "flags", "activate-on-send",
        "caps", "lwkt", "mach", "cluster", "link", "cut", "up", "over", "tcp", "request", "answer", "reply", "get", "put",
        "process", "service", "port", "task", "move-send", "make-send-once", "signal", "timer", "msg1", "-5", "4096"};

    @Test
    void mutatedLibraryFilesNeverCrashTheParser(TestReporter reporter) throws IOException {
        List<String> sources = new ArrayList<>();
        for (Path p : LibraryTest.library()) {
            sources.add(Files.readString(p));
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        int parsed = 0;
        int rejected = 0;
        int ran = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            String src = sources.get(rnd.nextInt(sources.size()));
            String mutated = mutate(src, rnd, 1 + rnd.nextInt(4));
            int lines = mutated.split("\n", -1).length;
            boolean wasParsed = false;
            try {
                ScenarioFile s = Parser.load("fuzz.scn", mutated);
                parsed++;
                wasParsed = true;
                if (i % 20 == 0) {
                    RunResult r = Runner.run(s);
                    ran++;
                    // A personality step that throws is reported as a "no-crash" violation, not thrown: still a crash.
                    assertThat(r.violations()).as("seed " + SEED + " mutation " + i + " on:\n" + mutated)
                            .noneMatch(v -> v.invariant().equals(capsim.personality.Session.NO_CRASH));
                }
            } catch (ScenarioException e) {
                // A file that parses may still declare a state its quotas cannot build: the run says where.
                if (!wasParsed) {
                    rejected++;
                }
                assertThat(e.line()).isBetween(1, lines);
                assertThat(e.column()).isPositive();
                assertThat(e.getMessage()).startsWith("fuzz.scn:" + e.line() + ":" + e.column() + ": ");
                assertThat(e.detail()).isNotBlank();
            } catch (RuntimeException | StackOverflowError e) {
                fail("seed " + SEED + " mutation " + i + " crashed with " + e + " on:\n" + mutated, e);
            }
        }
        reporter.publishEntry(java.util.Map.of("mutations", String.valueOf(MUTATIONS), "parsed", String.valueOf(parsed),
                "run", String.valueOf(ran), "rejected with file:line:col", String.valueOf(rejected)));
        assertThat(parsed + rejected).isEqualTo(MUTATIONS);
        assertThat(rejected).as("mutations reach the error paths").isGreaterThan(MUTATIONS / 4);
        assertThat(parsed).as("mutations also reach the runner").isGreaterThan(100);
    }

    static String mutate(String src, SplittableRandom rnd, int times) {
        List<String> lines = new ArrayList<>(Arrays.asList(src.split("\n", -1)));
        for (int k = 0; k < times; k++) {
            int i = rnd.nextInt(lines.size());
            String line = lines.get(i);
            switch (rnd.nextInt(8)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, line);
                case 2 -> lines.set(i, lines.set(rnd.nextInt(lines.size()), line));
                case 3 -> lines.set(i, flip(line, rnd));
                case 4 -> lines.set(i, insert(line, rnd, WORDS[rnd.nextInt(WORDS.length)]));
                case 5 -> lines.set(i, deleteRange(line, rnd));
                case 6 -> lines.set(i, replaceToken(line, rnd));
                default -> lines.set(i, insert(line, rnd, String.valueOf((char) rnd.nextInt(32, 127))));
            }
            if (lines.isEmpty()) {
                lines.add("");
            }
        }
        return String.join("\n", lines);
    }

    private static String flip(String s, SplittableRandom rnd) {
        if (s.isEmpty()) {
            return s;
        }
        char[] c = s.toCharArray();
        int i = rnd.nextInt(c.length);
        c[i] = (char) rnd.nextInt(1, 128);
        return new String(c);
    }

    private static String insert(String s, SplittableRandom rnd, String what) {
        int i = s.isEmpty() ? 0 : rnd.nextInt(s.length() + 1);
        return s.substring(0, i) + what + s.substring(i);
    }

    private static String deleteRange(String s, SplittableRandom rnd) {
        if (s.isEmpty()) {
            return s;
        }
        int a = rnd.nextInt(s.length());
        int b = Math.min(s.length(), a + 1 + rnd.nextInt(6));
        return s.substring(0, a) + s.substring(b);
    }

    private static String replaceToken(String s, SplittableRandom rnd) {
        String[] parts = s.split(" ");
        if (parts.length == 0) {
            return s;
        }
        int i = rnd.nextInt(parts.length);
        parts[i] = rnd.nextBoolean() ? WORDS[rnd.nextInt(WORDS.length)] : Long.toString(rnd.nextLong(-5, 300));
        return String.join(" ", parts);
    }
}
