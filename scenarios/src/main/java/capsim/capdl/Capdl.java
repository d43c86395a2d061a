package capsim.capdl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reading, checking and writing capDL: the entry points the command line and the seL4 bridge use. */
public final class Capdl {
    private Capdl() {
    }

    /** The model {@code text} describes (named {@code file} in messages), not yet model-checked. */
    public static CapdlModel parse(String file, String text) throws CapdlException {
        return ModelBuilder.build(CapdlParser.parse(file, text));
    }

    /** Reads {@code file} without the model check. */
    public static CapdlModel read(Path file) throws CapdlException, IOException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Reads {@code file} and model-checks it; a finding is a {@link CapdlException}. */
    public static CapdlModel load(Path file) throws CapdlException, IOException {
        CapdlModel m = read(file);
        List<CapdlException.Problem> problems = CapdlValidator.check(m, file.toString());
        if (!problems.isEmpty()) {
            throw new CapdlException(problems);
        }
        return m;
    }

    /** Parses and model-checks {@code text}. */
    public static CapdlModel load(String file, String text) throws CapdlException {
        CapdlModel m = parse(file, text);
        List<CapdlException.Problem> problems = CapdlValidator.check(m, file);
        if (!problems.isEmpty()) {
            throw new CapdlException(problems);
        }
        return m;
    }

    /** The capDL text of {@code m}. */
    public static String print(CapdlModel m) {
        return CapdlPrinter.print(m);
    }
}
