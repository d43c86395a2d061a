package capsim.personality.mach;

/** Quoting of message data as scenario text (printable ASCII kept, the rest as escapes the lexer reads). */
public final class MachText {
    private MachText() {
    }

    /** {@code s} (one char a byte, ISO-8859-1) as a quoted scenario string. */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            int c = s.charAt(i) & 0xff;
            if (c == '"' || c == '\\') {
                b.append('\\').append((char) c);
            } else if (c >= 0x20 && c < 0x7f) {
                b.append((char) c);
            } else {
                b.append(String.format("\\x%02x", c));
            }
        }
        return b.append('"').toString();
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static String string(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
