package capsim.personality;

/**
 * Strings as the scenario language writes them, so an action's {@link PersonalityAction#text()} reads back to the
 * same bytes: double quotes around, {@code "} and {@code \} escaped, printable ASCII kept, every other
 * byte as {@code \xHH}. Characters stand for bytes (ISO-8859-1), as the lexer reads them.
 */
public final class Quoted {
    private Quoted() {
    }

    /** {@code text} (one byte a character) as a scenario string literal. */
    public static String of(String text) {
        StringBuilder b = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            append(b, text.charAt(i) & 0xff);
        }
        return b.append('"').toString();
    }

    /** {@code bytes} as a scenario string literal. */
    public static String of(byte[] bytes) {
        StringBuilder b = new StringBuilder(bytes.length + 2).append('"');
        for (byte x : bytes) {
            append(b, x & 0xff);
        }
        return b.append('"').toString();
    }

    private static void append(StringBuilder b, int c) {
        if (c == '"' || c == '\\') {
            b.append('\\').append((char) c);
        } else if (c >= 0x20 && c < 0x7f) {
            b.append((char) c);
        } else {
            b.append(String.format("\\x%02x", c));
        }
    }
}
