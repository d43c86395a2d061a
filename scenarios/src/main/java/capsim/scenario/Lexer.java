package capsim.scenario;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one scenario line into tokens: words (letters, digits and {@code _ - . : #}), double-quoted
 * strings with {@code \" \\ \n \t \xHH} escapes, {@code [ ] = => ,}. A {@code #} outside a string starts
 * a comment when it begins a token. Inside strings, characters are encoded as UTF-8 by code point, so a character outside the Basic Multilingual
 * Plane (a surrogate pair in Java) is its 4 bytes.
 */
final class Lexer {
    private Lexer() {
    }

    static List<Token> tokens(String file, int lineNo, String line) throws ScenarioException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            int col = i + 1;
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '#') {
                break;
            } else if (c == '[') {
                out.add(new Token(Token.Kind.LBRACKET, "[", col));
                i++;
            } else if (c == ']') {
                out.add(new Token(Token.Kind.RBRACKET, "]", col));
                i++;
            } else if (c == ',') {
                out.add(new Token(Token.Kind.COMMA, ",", col));
                i++;
            } else if (c == '=') {
                if (i + 1 < n && line.charAt(i + 1) == '>') {
                    out.add(new Token(Token.Kind.ARROW, "=>", col));
                    i += 2;
                } else {
                    out.add(new Token(Token.Kind.EQUALS, "=", col));
                    i++;
                }
            } else if (c == '"') {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = line.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\') {
                        if (i + 1 >= n) {
                            throw new ScenarioException(file, lineNo, i + 1, "a backslash must be followed by an escape (\\\" \\\\ \\n \\t \\xHH)");
                        }
                        char e = line.charAt(i + 1);
                        switch (e) {
                            case '"' -> b.write('"');
                            case '\\' -> b.write('\\');
                            case 'n' -> b.write('\n');
                            case 't' -> b.write('\t');
                            case 'x' -> {
                                int hi = i + 2 < n ? Character.digit(line.charAt(i + 2), 16) : -1;
                                int lo = i + 3 < n ? Character.digit(line.charAt(i + 3), 16) : -1;
                                if (hi < 0 || lo < 0) {
                                    throw new ScenarioException(file, lineNo, i + 1, "\\x needs two hex digits");
                                }
                                b.write(hi * 16 + lo);
                                i += 2;
                            }
                            default -> throw new ScenarioException(file, lineNo, i + 1,
                                    "unknown escape '\\" + e + "' (expected \\\" \\\\ \\n \\t or \\xHH)");
                        }
                        i += 2;
                        continue;
                    }
                    int cp = line.codePointAt(i);
                    if (Character.isSurrogate(d) && Character.charCount(cp) == 1) {
                        throw new ScenarioException(file, lineNo, i + 1, "a lone surrogate " + name(cp)
                                + " is not a character (the text is not valid Unicode)");
                    }
                    byte[] u = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                    b.write(u, 0, u.length);
                    i += Character.charCount(cp);
                }
                if (!closed) {
                    throw new ScenarioException(file, lineNo, col, "unterminated string (expected a closing '\"')");
                }
                out.add(new Token(Token.Kind.STRING, b.toString(StandardCharsets.ISO_8859_1), col));
            } else if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(line.charAt(i))) {
                    i++;
                }
                out.add(new Token(Token.Kind.WORD, line.substring(start, i), col));
            } else {
                throw new ScenarioException(file, lineNo, col, "unexpected character " + shown(line.codePointAt(i)));
            }
        }
        return out;
    }

    /** The line without its comment and surrounding blanks (as expectations are reported). */
    static String code(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inString && c == '\\') {
                i++;
            } else if (c == '"') {
                inString = !inString;
            } else if (c == '#' && !inString) {
                return line.substring(0, i).strip();
            }
        }
        return line.strip();
    }

    /**
     * A character for a message: quoted when it can be seen, else (controls, format characters such as the
     * byte-order mark, blanks other than space, unassigned and private-use code points) by its code point,
     * so the message never prints an invisible character.
     */
    static String shown(int cp) {
        boolean visible = switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
        return visible ? "'" + new String(Character.toChars(cp)) + "' (" + name(cp) + ")" : name(cp);
    }

    /** {@code U+0000}-style name of a code point. */
    static String name(int cp) {
        return String.format("U+%04X", cp);
    }

    static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '+';
    }
}
