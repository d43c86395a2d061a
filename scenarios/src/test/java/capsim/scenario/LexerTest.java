package capsim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The characters, names and numbers of scenario text: what the lexer and the name checks accept and say. */
class LexerTest {
    private static final String HEAD = "scenario \"t\"\nvariant messenger-2008\n";

    private static byte[] stringBytes(String quoted) throws ScenarioException {
        List<Token> t = Lexer.tokens("t.scn", 1, quoted);
        assertThat(t).hasSize(1);
        assertThat(t.get(0).kind()).isEqualTo(Token.Kind.STRING);
        return t.get(0).text().getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsItsFourUtf8Bytes() throws ScenarioException {
        assertThat(stringBytes("\"\uD83D\uDE00\"")).containsExactly(0xF0, 0x9F, 0x98, 0x80);
        assertThat(stringBytes("\"a\uD83D\uDE00é\"")).isEqualTo("a\uD83D\uDE00é".getBytes(StandardCharsets.UTF_8));
        assertThat(stringBytes("\"é\"")).hasSize(2);
    }

    @Test
    void aLoneSurrogateInAStringIsAnErrorNotAQuestionMark() {
        assertThatThrownBy(() -> Lexer.tokens("t.scn", 4, "\"a\uD83D\""))
                .isInstanceOf(ScenarioException.class).hasMessage("t.scn:4:3: a lone surrogate U+D83D is not a character"
                        + " (the text is not valid Unicode)");
    }

    @Test
    void aByteOrderMarkAtTheStartOfAFileIsSkipped() throws ScenarioException {
        ScenarioFile f = Parser.load("t.scn", "\uFEFF" + HEAD + "activity a\n");
        assertThat(f).isInstanceOf(Scenario.class);
        // columns on the first line count from the first real character
        assertThatThrownBy(() -> Parser.load("t.scn", "\uFEFFscenario t\n"))
                .hasMessage("t.scn:1:10: expected the scenario title in quotes, found 't'");
    }

    @Test
    void aByteOrderMarkElsewhereIsNamedNotPrinted() {
        assertThatThrownBy(() -> Parser.load("t.scn", HEAD + "activity \uFEFFa\n"))
                .hasMessage("t.scn:3:10: unexpected character U+FEFF");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "0|U+0000",
        "7|U+0007",
        "160|U+00A0",
        "8203|U+200B",
        "57344|U+E000",
        "64|'@' (U+0040)",
        "128512|'\uD83D\uDE00' (U+1F600)",
    })
    void unexpectedCharactersAreShownByCodePointWhenInvisible(int cp, String shown) {
        String line = "activity " + new String(Character.toChars(cp));
        assertThatThrownBy(() -> Parser.load("t.scn", HEAD + line + "\n"))
                .isInstanceOf(ScenarioException.class)
                .hasMessage("t.scn:3:10: unexpected character " + shown);
    }

    @Test
    void aHugeAddressDoesNotMakeAHugeMessage() {
        String address = "1" + ".1".repeat(200_000);
        String text = HEAD + "activity a\ncappage r in a\nthread t in a root r\nt copy " + address + " to 3\n";
        assertThatThrownBy(() -> Parser.load("t.scn", text))
                .isInstanceOf(ScenarioException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).startsWith("t.scn:6:8: ").hasSizeLessThan(400)
                            .contains("...(400004 characters)...").endsWith(".1.1': an address has 1 to 3 levels, not 200001");
                });
    }

    @Test
    void anIdOutOfRangeSaysSo() {
        String text = HEAD + "activity a\ncappage r in a\nthread t in a root r\nbuffer b in a thread t root r id 99999999999999999999\n";
        assertThatThrownBy(() -> Parser.load("t.scn", text))
                .hasMessage("t.scn:6:34: an id is out of range: 99999999999999999999 is not between "
                        + Long.MIN_VALUE + " and " + Long.MAX_VALUE);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "activity expect|3:10: 'expect' starts a statement, so it cannot be a name",
        "activity kernel|3:10: 'kernel' starts a statement, so it cannot be a name",
        "activity slot|3:10: 'slot' starts a statement, so it cannot be a name",
        "activity check|3:10: 'check' starts a statement, so it cannot be a name",
        "cappage setup in a|3:9: 'setup' starts a statement, so it cannot be a name",
    })
    void wordsThatStartStatementsNameNothing(String line, String message) {
        assertThatThrownBy(() -> Parser.load("t.scn", HEAD + line + "\n"))
                .isInstanceOf(ScenarioException.class).hasMessage("t.scn:" + message);
    }

    @Test
    void everyStatementWordOfTheParserIsRefusedAsAName() {
        for (String w : Parser.STATEMENT_WORDS) {
            assertThatThrownBy(() -> Parser.load("t.scn", HEAD + "activity " + w + "\n")).as(w)
                    .hasMessageContaining("'" + w + "' starts a statement");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "caps|process expect uid 0 gid 0|3:9: 'expect' starts a statement, so it cannot be a process name",
        "cluster|thread link on a|3:8: 'link' starts a statement, so it cannot be a thread name",
        "cluster|thread expect on a|3:8: 'expect' starts a statement, so it cannot be a thread name",
        "cluster|frame thread for x|3:7: 'thread' starts a statement, so it cannot be a frame name",
        "lwkt|thread check|3:8: expected a thread name, found the reserved word 'check'",
        "lwkt|thread kernel|3:8: expected a thread name, found the reserved word 'kernel'",
        "mach|task expect|3:6: expected a task name, found the reserved word 'expect'",
        "mach|task work-bound|3:6: expected a task name, found the reserved word 'work-bound'",
    })
    void personalityDialectsRefuseTheirStatementWordsAsNames(String variant, String line, String message) {
        assertThatThrownBy(() -> Parser.load("t.scn", "scenario \"t\"\nvariant " + variant + "\n" + line + "\n"))
                .isInstanceOf(ScenarioException.class).hasMessage("t.scn:" + message);
    }
}
