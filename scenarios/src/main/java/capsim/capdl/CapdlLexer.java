package capsim.capdl;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits capDL text into tokens the way capDL-tool's Parsec lexer does ({@code CapDL/ParserUtils.hs},
 * {@code capDL_Lang}): identifiers start with a letter and go on with letters, digits and {@code -_@.};
 * numbers are decimal, {@code 0x} hexadecimal or {@code 0o} octal (Parsec's {@code natural}: a leading
 * zero alone does not mean octal, so {@code 010} is ten, although capDL.md says otherwise); {@code --}
 * starts a line comment and {@code /* *}{@code /} comments nest.
 *
 * <p>Two liberties, both for the kernel's own capDL dump ({@code src/machine/capdl.c} prints names such as
 * {@code 0xffffff8001234000_tcb} and {@code 0_sched_control}): a number followed directly by {@code _} or
 * {@code @} is read as one identifier; and any other character becomes a one-character symbol token, so the
 * parser (not the lexer) says what was expected there.
 */
final class CapdlLexer {
    /** What a token is. */
    enum Kind { IDENT, NUMBER, SYMBOL, STRING, EOF }

    /** One token; {@code value} is set for numbers. */
    record Token(Kind kind, String text, long value, SourcePos pos, int start, int end) {
        boolean is(String s) {
            return (kind == Kind.SYMBOL || kind == Kind.IDENT) && text.equals(s);
        }

        String describe() {
            return switch (kind) {
                case EOF -> "end of file";
                case STRING -> "string " + text;
                default -> "'" + text + "'";
            };
        }
    }

    private final String file;
    private final String src;
    private int i;
    private int line = 1;
    private int col = 1;

    private CapdlLexer(String file, String src) {
        this.file = file;
        this.src = src;
    }

    /** The tokens of {@code src}, ending with one EOF token. */
    static List<Token> tokens(String file, String src) throws CapdlException {
        return new CapdlLexer(file, src).run();
    }

    private List<Token> run() throws CapdlException {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            SourcePos at = pos();
            if (i >= src.length()) {
                out.add(new Token(Kind.EOF, "", 0, at, i, i));
                return out;
            }
            char c = src.charAt(i);
            if (Character.isDigit(c)) {
                out.add(number(at));
            } else if (isIdentStart(c)) {
                int start = i;
                while (i < src.length() && isIdentLetter(src.charAt(i))) {
                    advance();
                }
                out.add(new Token(Kind.IDENT, src.substring(start, i), 0, at, start, i));
            } else if (c == '"') {
                out.add(string(at));
            } else if (c == '.' && peek(1) == '.') {
                advance();
                advance();
                out.add(new Token(Kind.SYMBOL, "..", 0, at, i - 2, i));
            } else {
                advance();
                out.add(new Token(Kind.SYMBOL, String.valueOf(c), 0, at, i - 1, i));
            }
        }
    }

    private Token number(SourcePos at) throws CapdlException {
        int start = i;
        int radix = 10;
        if (src.charAt(i) == '0' && (peek(1) == 'x' || peek(1) == 'X') && isDigitIn(peek(2), 16)) {
            radix = 16;
            advance();
            advance();
        } else if (src.charAt(i) == '0' && (peek(1) == 'o' || peek(1) == 'O') && isDigitIn(peek(2), 8)) {
            radix = 8;
            advance();
            advance();
        }
        int digits = i;
        while (i < src.length() && isDigitIn(src.charAt(i), radix)) {
            advance();
        }
        if (i < src.length() && (src.charAt(i) == '_' || src.charAt(i) == '@')) {
            // a kernel dump name such as 0xffffff8001234000_tcb
            while (i < src.length() && isIdentLetter(src.charAt(i))) {
                advance();
            }
            return new Token(Kind.IDENT, src.substring(start, i), 0, at, start, i);
        }
        BigInteger v = new BigInteger(src.substring(digits, i), radix);
        if (v.bitLength() > 64) {
            throw new CapdlException(at, "number " + src.substring(start, i) + " does not fit in a 64-bit word");
        }
        return new Token(Kind.NUMBER, src.substring(start, i), v.longValue(), at, start, i);
    }

    private Token string(SourcePos at) throws CapdlException {
        int start = i;
        advance();
        while (i < src.length() && src.charAt(i) != '"' && src.charAt(i) != '\n') {
            advance();
        }
        if (i >= src.length() || src.charAt(i) != '"') {
            throw new CapdlException(at, "unterminated string");
        }
        advance();
        return new Token(Kind.STRING, src.substring(start, i), 0, at, start, i);
    }

    private void skipSpaceAndComments() throws CapdlException {
        while (i < src.length()) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                advance();
            } else if (c == '-' && peek(1) == '-') {
                while (i < src.length() && src.charAt(i) != '\n') {
                    advance();
                }
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else {
                return;
            }
        }
    }

    private void blockComment() throws CapdlException {
        SourcePos at = pos();
        int depth = 0;
        do {
            if (i >= src.length()) {
                throw new CapdlException(at, "comment not closed (missing */)");
            }
            if (src.charAt(i) == '/' && peek(1) == '*') {
                depth++;
                advance();
            } else if (src.charAt(i) == '*' && peek(1) == '/') {
                depth--;
                advance();
            }
            advance();
        } while (depth > 0);
    }

    private static boolean isIdentStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    static boolean isIdentLetter(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '@' || c == '.';
    }

    private static boolean isDigitIn(char c, int radix) {
        return Character.digit(c, radix) >= 0 && c < 128;
    }

    private char peek(int ahead) {
        return i + ahead < src.length() ? src.charAt(i + ahead) : '\0';
    }

    private void advance() {
        if (src.charAt(i) == '\n') {
            line++;
            col = 1;
        } else {
            col++;
        }
        i++;
    }

    private SourcePos pos() {
        return new SourcePos(file, line, col);
    }
}
