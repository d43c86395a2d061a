package capsim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import capsim.kernel.variant.Variants;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class VariantsCommandTest {
    @Test
    void listsEveryVariantOneALineNameFirst() {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
            code = Main.execute("variants");
        } finally {
            System.setOut(old);
        }
        assertThat(code).isZero();
        String[] lines = buf.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(Variants.all().size() + capsim.personality.Personalities.all().size());
        for (int i = 0; i < Variants.all().size(); i++) {
            String name = Variants.all().get(i).name();
            assertThat(lines[i]).startsWith(name + " ");
            assertThat(lines[i].substring(name.length()).strip()).isEqualTo(Variants.all().get(i).summary());
        }
        assertThat(lines[0]).startsWith("proposal-2008");
        assertThat(lines[1]).startsWith("messenger-2008");
        assertThat(lines[2]).startsWith("revised");
        for (int i = 0; i < capsim.personality.Personalities.all().size(); i++) {
            var p = capsim.personality.Personalities.all().get(i);
            String line = lines[Variants.all().size() + i];
            assertThat(line).startsWith(p.name() + " ");
            assertThat(line.substring(p.name().length()).strip()).isEqualTo("personality: " + p.summary());
        }
    }

    @Test
    void unknownCommandIsBadInput() {
        PrintStream old = System.err;
        try {
            System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            assertThat(Main.execute("frobnicate")).isEqualTo(Main.EXIT_BAD_INPUT);
        } finally {
            System.setErr(old);
        }
    }
}
