package capsim.cli;

/** The little JSON the command line writes: one object a line (objects may nest, as in an event's objects). */
final class Json {
    private final StringBuilder b = new StringBuilder("{");

    Json put(String key, String value) {
        sep().append(quote(key)).append(':').append(value == null ? "null" : quote(value));
        return this;
    }

    Json put(String key, long value) {
        sep().append(quote(key)).append(':').append(value);
        return this;
    }

    /** A nested object ({@code null}: JSON null). */
    Json put(String key, Json value) {
        sep().append(quote(key)).append(':').append(value == null ? "null" : value.toString());
        return this;
    }

    Json put(String key, boolean value) {
        sep().append(quote(key)).append(':').append(value);
        return this;
    }

    private StringBuilder sep() {
        if (b.length() > 1) {
            b.append(',');
        }
        return b;
    }

    static String quote(String s) {
        StringBuilder q = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\r' -> q.append("\\r");
                case '\t' -> q.append("\\t");
                default -> {
                    if (c < 0x20) {
                        q.append(String.format("\\u%04x", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    @Override
    public String toString() {
        return b + "}";
    }
}
