package capsim.scenario;

/** A malformed scenario file: where ({@code file:line:col}) and what was expected. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int column;
    private final String detail;

    /** The longest run of non-blank characters a message echoes whole; longer ones are cut. */
    static final int MAX_ECHO = 120;

    public ScenarioException(String file, int line, int column, String detail) {
        super(file + ":" + line + ":" + column + ": " + cut(detail), null, false, false);
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = cut(detail);
    }

    /**
     * Messages echo what the file says (a word, an address, a number); a run of non-blank characters longer
     * than {@link #MAX_ECHO} is shortened to its start, its length and its end, so a huge token cannot make a huge
     * message line. The location says where the whole text is.
     */
    static String cut(String detail) {
        if (detail.length() <= MAX_ECHO) {
            return detail;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = detail.length();
        while (i < n) {
            int start = i;
            boolean blank = Character.isWhitespace(detail.charAt(i));
            while (i < n && Character.isWhitespace(detail.charAt(i)) == blank) {
                i++;
            }
            if (!blank && i - start > MAX_ECHO) {
                int keep = MAX_ECHO / 2;
                if (Character.isHighSurrogate(detail.charAt(start + keep - 1))) {
                    keep--;
                }
                int tail = Character.isLowSurrogate(detail.charAt(i - 10)) ? 11 : 10;
                out.append(detail, start, start + keep).append("...(").append(i - start).append(" characters)...")
                        .append(detail, i - tail, i);
            } else {
                out.append(detail, start, i);
            }
        }
        return out.toString();
    }

    public String file() {
        return file;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The message without the location. */
    public String detail() {
        return detail;
    }
}
