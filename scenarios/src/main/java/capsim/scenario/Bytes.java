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
        return capsim.personality.Quoted.of(bytes);
    }
}
