package capsim.capdl;

import capsim.visual.CapdlDiagram;
import capsim.visual.DiagramEngine;
import capsim.visual.Format;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes the pictures of a capDL model: its object graph, and the authority and flow diagram of its analysis. */
public final class CapdlRender {
    private CapdlRender() {
    }

    /** Writes {@code DIR/objects.FORMAT} (and {@code objects.dot}); returns the diagram written. */
    public static Path objects(CapdlModel m, String title, Path dir, Format format) throws IOException {
        return write(CapdlGraph.dot(title, m), dir, "objects", format);
    }

    /**
     * Writes {@code DIR/authority.FORMAT} (and {@code authority.dot}) for {@code a}: authority as the closure gives it,
     * information flow one step at a time (the flow matrix is its transitive closure, too dense to draw); returns the
     * diagram written.
     */
    public static Path authority(AuthorityAnalysis a, String title, Path dir, Format format) throws IOException {
        int n = a.threads().size();
        boolean[][] auth = new boolean[n][n];
        boolean[][] flow = new boolean[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                auth[i][j] = a.authority(i, j);
                flow[i][j] = a.flowsDirectly(i, j);
            }
        }
        List<String> names = a.threads().stream().map(ObjId::toString).toList();
        return write(CapdlDiagram.authorityDot(title, names, auth, flow), dir, "authority", format);
    }

    private static Path write(String dot, Path dir, String name, Format format) throws IOException {
        Files.createDirectories(dir);
        Path dotFile = dir.resolve(name + ".dot");
        Files.writeString(dotFile, dot, StandardCharsets.UTF_8);
        return switch (format) {
            case DOT -> dotFile;
            case SVG -> Files.writeString(dir.resolve(name + ".svg"), DiagramEngine.svg(dot), StandardCharsets.UTF_8);
            case PNG -> Files.write(dir.resolve(name + ".png"), DiagramEngine.png(dot));
        };
    }
}
