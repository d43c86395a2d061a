package capsim.scenario;

/** A malformed scenario file: where ({@code file:line:col}) and what was expected. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String file;
    private final int line;
    private final int column;
    private final String detail;

    public ScenarioException(String file, int line, int column, String detail) {
        super(file + ":" + line + ":" + column + ": " + detail, null, false, false);
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
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
