package capsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import capsim.cli.CliTestSupport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line under seeded mutations of the library's scenario files (Viengoos-model and every
 * personality dialect): each mutant goes through {@code capsim run} and {@code capsim render --format dot},
 * and must end with exit 0, 1 or 2, no stack trace, within 10 s. Bounded to stay around a minute of the
 * build; {@code -Dcapsim.cli.fuzz=N} runs more.
 */
class CommandLineFuzzTest {
    static final long SEED = Long.getLong("capsim.cli.seed", 20261202L);
    static final int MUTANTS = Integer.getInteger("capsim.cli.fuzz", 300);
    static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void everyMutantEndsWithAVerdictOrAClearRefusal(@TempDir Path tmp, TestReporter reporter) throws IOException {
        List<String> sources = new ArrayList<>();
        for (Path p : LibraryTest.library()) {
            sources.add(Files.readString(p));
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        TreeMap<String, Integer> codes = new TreeMap<>();
        long start = System.nanoTime();
        for (int i = 0; i < MUTANTS; i++) {
            String mutant = ParserFuzzTest.mutate(sources.get(rnd.nextInt(sources.size())), rnd, 1 + rnd.nextInt(4));
            Path file = tmp.resolve("mutant-" + i + ".scn");
            Files.writeString(file, mutant);
            Path out = tmp.resolve("render-" + i);
            String[][] commands = {{"run", file.toString()}, {"render", file.toString(), "--out", out.toString(), "--format", "dot"}};
            for (String[] args : commands) {
                String what = "seed " + SEED + " mutant " + i + ": capsim " + String.join(" ", args) + " on:\n" + mutant;
                CliTestSupport.Result r = assertTimeoutPreemptively(LIMIT, () -> CliTestSupport.run(args), what);
                assertThat(r.code()).as(what + "\n" + r.err()).isBetween(0, 2);
                assertThat(r.err() + r.out()).as(what).doesNotContain("\tat ").doesNotContain("Exception in thread")
                        .doesNotContain("internal error");
                codes.merge(args[0] + " exit " + r.code(), 1, Integer::sum);
            }
        }
        reporter.publishEntry("capsim command-line fuzz", String.format("%d mutants in %.1f s: %s", MUTANTS,
                (System.nanoTime() - start) / 1e9, codes));
        assertThat(codes).as("mutants reach both verdicts and refusals").containsKeys("run exit 0", "run exit 2");
    }

}
