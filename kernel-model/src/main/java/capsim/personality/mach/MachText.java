package capsim.personality.mach;

/** Quoting of message data as scenario text (printable ASCII kept, the rest as escapes the lexer reads). */
public final class MachText {
    private MachText() {
    }

    /** {@code s} (one char a byte, ISO-8859-1) as a quoted scenario string. */
    public static String quote(String s) {
        return capsim.personality.Quoted.of(s);
    }

    static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static String string(byte[] b) {
        return new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
