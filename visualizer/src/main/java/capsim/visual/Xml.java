package capsim.visual;

/** Escaping for text placed in XML, HTML and Graphviz HTML-like labels. */
final class Xml {
    private Xml() {
    }

    /** Escapes {@code & < > " '}; control characters become spaces (they are not allowed in XML 1.0). */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c < 0x20 && c != '\n' && c != '\t' ? ' ' : c);
            }
        }
        return b.toString();
    }
}
