package capsim.scenario;

/** One token of a scenario line, with its 1-based column. */
public record Token(Kind kind, String text, int column) {
    public enum Kind { WORD, STRING, LBRACKET, RBRACKET, EQUALS, ARROW, COMMA }

    public boolean is(String word) {
        return kind == Kind.WORD && text.equals(word);
    }

    public String describe() {
        return switch (kind) {
            case WORD -> "'" + text + "'";
            case STRING -> "a string";
            case LBRACKET -> "'['";
            case RBRACKET -> "']'";
            case EQUALS -> "'='";
            case ARROW -> "'=>'";
            case COMMA -> "','";
        };
    }
}
