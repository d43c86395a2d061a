package capsim.scenario;

import capsim.kernel.BufferSlot;
import capsim.kernel.CapAddress;
import capsim.kernel.Rights;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of one scenario line and a cursor over them, with the readers every statement uses. Errors
 * point at the token (file:line:col) and say what was expected there. Personality dialects read their
 * statements with it too.
 */
public final class Line {
    final String file;
    final int lineNo;
    final List<Token> toks;
    final int endColumn;
    final String code;
    int pos;

    Line(String file, int lineNo, List<Token> toks, int endColumn, String code) {
        this.file = file;
        this.lineNo = lineNo;
        this.toks = toks;
        this.endColumn = endColumn;
        this.code = code;
    }

    /** The file name, as errors give it. */
    public String file() {
        return file;
    }

    /** The 1-based line number. */
    public int lineNumber() {
        return lineNo;
    }

    /** The token {@code ahead} tokens past the cursor, or null past the end. */
    public Token lookAhead(int ahead) {
        int i = pos + ahead;
        return i < toks.size() ? toks.get(i) : null;
    }

    public String source() {
        return code;
    }

    public ScenarioException error(Token t, String message) {
        return new ScenarioException(file, lineNo, t.column(), message);
    }

    public ScenarioException errorAtEnd(String message) {
        return new ScenarioException(file, lineNo, endColumn, message + ", found the end of the line");
    }

    public boolean atEnd() {
        return pos >= toks.size();
    }

    public Token next(String what) throws ScenarioException {
        if (atEnd()) {
            throw errorAtEnd("expected " + what);
        }
        return toks.get(pos++);
    }

    public Token peek(String what) throws ScenarioException {
        if (atEnd()) {
            throw errorAtEnd("expected " + what);
        }
        return toks.get(pos);
    }

    public boolean peekIs(String word) {
        return !atEnd() && toks.get(pos).is(word);
    }

    public boolean peekKind(Token.Kind k) {
        return !atEnd() && toks.get(pos).kind() == k;
    }

    public Token expect(Token.Kind k, String what) throws ScenarioException {
        Token t = next(what);
        if (t.kind() != k) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
        return t;
    }

    public Token word(String what) throws ScenarioException {
        return expect(Token.Kind.WORD, what);
    }

    public void keyword(String word, String what) throws ScenarioException {
        Token t = next(what);
        if (!t.is(word)) {
            throw error(t, "expected " + what + ", found " + t.describe());
        }
    }

    public void equalsSign() throws ScenarioException {
        expect(Token.Kind.EQUALS, "'='");
    }

    public String string(String what) throws ScenarioException {
        return expect(Token.Kind.STRING, what).text();
    }

    public long number(String what, long min, long max) throws ScenarioException {
        Token t = word(what + " (a number)");
        long v;
        try {
            v = Long.parseLong(t.text());
        } catch (NumberFormatException e) {
            if (t.text().matches("[-+]?[0-9]+")) {
                throw error(t, what + " is out of range: " + t.text() + " is not between " + min + " and " + max);
            }
            throw error(t, "expected " + what + " (a number), found " + t.describe());
        }
        if (v < min || v > max) {
            throw error(t, what + " must be between " + min + " and " + max + ", not " + v);
        }
        return v;
    }

    /** {@code [N]} after a cappage name. */
    public int index() throws ScenarioException {
        expect(Token.Kind.LBRACKET, "'[' and a slot index");
        int i = (int) number("a slot index", 0, capsim.kernel.CapPage.SLOTS - 1);
        expect(Token.Kind.RBRACKET, "']' after the slot index");
        return i;
    }

    public Rights rights() throws ScenarioException {
        Token t = word("a rights word (rw, r, w, -)");
        Rights r = Rights.fromWord(t.text());
        if (r == null) {
            throw error(t, "expected a rights word (rw, r, w, -), found " + t.describe());
        }
        return r;
    }

    public int flags() throws ScenarioException {
        Token t = word("flags (activate-on-send, activate-on-receive, joined with ',', or none)");
        int f = Flags.bit(t.text());
        if (f < 0) {
            throw error(t, "expected a flag (activate-on-send, activate-on-receive or none), found " + t.describe());
        }
        while (peekKind(Token.Kind.COMMA)) {
            next("");
            Token u = word("a flag");
            int g = Flags.bit(u.text());
            if (g < 0) {
                throw error(u, "expected a flag (activate-on-send, activate-on-receive), found " + u.describe());
            }
            f |= g;
        }
        return f;
    }

    public BufferSlot bufferSlot() throws ScenarioException {
        Token t = word("a buffer slot (thread, as_root, payload, sender_activity)");
        BufferSlot s = Parser.bufferSlot(t.text());
        if (s == null) {
            throw error(t, "expected a buffer slot (thread, as_root, payload, sender_activity), found " + t.describe());
        }
        return s;
    }

    public int[] addressList() throws ScenarioException {
        expect(Token.Kind.LBRACKET, "'[' starting an address list");
        List<Integer> out = new ArrayList<>();
        while (!peekKind(Token.Kind.RBRACKET)) {
            if (atEnd()) {
                throw errorAtEnd("expected ']' closing the address list");
            }
            Token t = word("an address like 3 or 3.7, or none");
            try {
                out.add(CapAddress.parse(t.text()));
            } catch (IllegalArgumentException e) {
                throw error(t, "bad address '" + t.text() + "': " + e.getMessage());
            }
            if (peekKind(Token.Kind.COMMA)) {
                next("");
            }
        }
        next("");
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** An outcome word: DELIVERED, ENQUEUED, IN_PROGRESS, WAITING, UNBLOCKED, ok, or an error name. */
    public String outcome() throws ScenarioException {
        Token t = word("an outcome (ok, DELIVERED, ENQUEUED, IN_PROGRESS, WAITING, UNBLOCKED, or an error such as EWOULDBLOCK)");
        String s = t.text().equals("ok") ? "ok" : t.text().toUpperCase(Locale.ROOT);
        if (!Parser.isOutcomeWord(s)) {
            throw error(t, "expected an outcome (ok, DELIVERED, ENQUEUED, IN_PROGRESS, WAITING, UNBLOCKED, or an error: "
                    + Parser.errorNames() + "), found " + t.describe());
        }
        return s;
    }

    public void end() throws ScenarioException {
        if (!atEnd()) {
            Token t = toks.get(pos);
            throw error(t, "expected the end of the line, found " + t.describe());
        }
    }
}
