package capsim.scenario;

import java.nio.charset.StandardCharsets;

/** Message bytes in scenario text: a quoted string, printable ASCII kept, everything else as \xHH. */
final class Bytes {
    private Bytes() {
    }

    static byte[] of(String tokenText) {
        return tokenText.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String quote(byte[] bytes) {
        StringBuilder b = new StringBuilder("\"");
        for (byte x : bytes) {
            int c = x & 0xff;
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
}
