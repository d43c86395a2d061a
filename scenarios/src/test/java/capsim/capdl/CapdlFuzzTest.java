package capsim.capdl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/** Mangled capDL never escapes as anything but a CapdlException with file:line:col (or a model that is checked). */
class CapdlFuzzTest {
    static final int MUTATIONS = 2000;
    private static final String[] PIECES = {"{", "}", "(", ")", "[", "]", ",", ":", ";", "=", "<", ">", "..", "/", "-",
        "- child_of", "0x", "99999999999999999999", "ut", "cnode", "ep", "tcb", "frame", "caps", "objects", "irq maps", "cdt",
        "R", "WG", "masked: R", "guard: 4", "badge: 1", "bits", "4k", "\"", "/*", "*/", "--", "[]", "[..]", "x[3]", "@", "\n"};

    @Test
    void mangledFilesAreRefusedCleanly(TestReporter report) throws Exception {
        List<String> seeds = List.of(
                Files.readString(CapdlReaderTest.DIR.resolve("tour.cdl")),
                Files.readString(CapdlReaderTest.DIR.resolve("kernel-dump.cdl")),
                Files.readString(CapdlReaderTest.DIR.resolve("dump-style.cdl")));
        SplittableRandom rnd = new SplittableRandom(16);
        int read = 0;
        int refused = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            StringBuilder s = new StringBuilder(seeds.get(i % seeds.size()));
            int edits = 1 + rnd.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = rnd.nextInt(s.length());
                switch (rnd.nextInt(3)) {
                    case 0 -> s.delete(at, Math.min(s.length(), at + 1 + rnd.nextInt(8)));
                    case 1 -> s.insert(at, PIECES[rnd.nextInt(PIECES.length)]);
                    default -> s.setCharAt(at, (char) (32 + rnd.nextInt(95)));
                }
            }
            try {
                CapdlModel m = Capdl.parse("f.cdl", s.toString());
                CapdlValidator.check(m, "f.cdl");
                Capdl.print(m);
                read++;
            } catch (CapdlException ex) {
                refused++;
                assertThat(ex.getMessage()).matches("(?s)f\\.cdl:\\d+:\\d+: .+");
            } catch (IllegalArgumentException ex) {
                // the printer refuses a model it cannot write (an indexed object outside a whole array)
                assertThat(ex.getMessage()).contains("capDL cannot declare it");
                read++;
            }
        }
        assertThat(read).isPositive();
        assertThat(refused).isPositive();
        report.publishEntry("capDL fuzz", MUTATIONS + " mutations: " + read + " read, " + refused + " refused with file:line:col");
    }
}
