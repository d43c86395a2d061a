package capsim.capdl;

/** A place in a capDL file, for messages of the form {@code file:line:col: message}. */
public record SourcePos(String file, int line, int col) {
    /** {@code file:line:col}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + col;
    }
}
