package capsim.capdl;

import capsim.personality.PersonalityAction;
import capsim.personality.PersonalityException;
import capsim.personality.sel4.Declaration;
import capsim.personality.sel4.Sel4World;
import capsim.scenario.Line;
import capsim.scenario.ScenarioException;
import capsim.scenario.Statement;
import capsim.scenario.Token;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The {@code variant sel4} declaration {@code capdl "FILE.cdl"}: the system a capDL file describes, built
 * into the world ({@link Sel4Bridge}). The file (relative to the scenario's directory) is read and
 * model-checked when the scenario is read, so a bad file is bad input at its own {@code file:line:col};
 * what the personality has no place for is reported as events when the step runs.
 */
public record LoadCapdl(String path, CapdlModel model) implements PersonalityAction<Sel4World>, Declaration {

    /** Reads the rest of a {@code capdl "FILE"} line (the word {@code capdl} already taken). */
    public static Statement<Sel4World> statement(Line l) throws ScenarioException {
        Token t = l.peek("the capDL file, in double quotes");
        String path = l.string("the capDL file, in double quotes");
        Path scenario = Path.of(l.file());
        Path file = scenario.getParent() == null ? Path.of(path) : scenario.getParent().resolve(path);
        try {
            return new Statement.Step<>(new LoadCapdl(path, Capdl.load(file)));
        } catch (CapdlException e) {
            CapdlException.Problem p = e.problems().get(0);
            int more = e.problems().size() - 1;
            throw new ScenarioException(p.at().file(), p.at().line(), p.at().col(), p.message()
                    + (more > 0 ? " (and " + more + " more problems in " + path + ")" : ""));
        } catch (IOException e) {
            throw l.error(t, "cannot read the capDL file " + file + ": " + e.getMessage());
        }
    }

    @Override
    public String text() {
        return "capdl \"" + path + "\"";
    }

    @Override
    public String apply(Sel4World w) throws PersonalityException {
        for (String note : Sel4Bridge.apply(model, w)) {
            w.event("capdl: " + note);
        }
        w.done();
        w.event("capdl: " + model.objects().size() + " objects and " + model.capCount() + " caps from " + path);
        return "ok";
    }
}
