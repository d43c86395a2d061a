package capsim.cli;

import capsim.scenario.ScenarioFile;
import capsim.visual.Format;
import capsim.visual.RenderProgress;
import java.nio.file.Path;

/** Test access to the render path of the command line. */
public final class Renders {
    private Renders() {
    }

    /** Renders {@code s} as DOT (no layout engine needed) into {@code dir}, quietly; returns the viewer page. */
    public static Path dot(ScenarioFile s, Path dir) throws Exception {
        return RenderCommand.render(s, dir, Format.DOT, RenderProgress.none()).index();
    }
}
