package capsim.visual;

import guru.nidi.graphviz.engine.Format;
import guru.nidi.graphviz.engine.Graphviz;
import guru.nidi.graphviz.engine.GraphvizV8Engine;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.imageio.ImageIO;

/**
 * The engine that turns DOT into SVG or PNG, chosen once per JVM: the native {@code dot} when it is on the
 * PATH (Debian package {@code graphviz}), else graphviz-java's bundled J2V8 engine (viz.js in V8; works
 * offline). The choice can be forced with {@link #use} or the system property
 * {@code capsim.render.engine=auto|native|j2v8}.
 *
 * <p>This class probes the engines itself and hands graphviz-java exactly one, so graphviz-java never
 * falls through a list of engines (which is where its probing stack traces come from), and it knows which
 * engine rendered.
 */
public final class DiagramEngine {
    /** Which engine to use. */
    public enum Kind {
        /** Native dot when present, else J2V8. */
        AUTO,
        /** Only the native dot. */
        NATIVE,
        /** Only graphviz-java's bundled J2V8 engine. */
        J2V8;

        /** Parses "auto", "native" or "j2v8" (any case). */
        public static Kind parse(String s) {
            try {
                return valueOf(s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown render engine '" + s + "' (auto, native or j2v8)");
            }
        }
    }

    /** Memory for viz.js: large graphs (2,000 objects) fail with its default of 16 MB. */
    static final int JS_TOTAL_MEMORY = 256 * 1024 * 1024;

    /** svgSalamander (PNG under J2V8) logs a warning per text element it cannot find a font for. */
    private static final Logger SALAMANDER_LOG = Logger.getLogger("com.kitfox.svg");

    static {
        SALAMANDER_LOG.setLevel(Level.OFF);
    }

    private static Kind wanted = Kind.parse(System.getProperty("capsim.render.engine", "auto"));
    private static NativeDot nativeDot;
    private static String description;

    private DiagramEngine() {
    }

    /** Forces an engine for the rest of this JVM (the next render initialises it). */
    public static synchronized void use(Kind kind) {
        if (kind != wanted || description == null) {
            wanted = kind;
            if (description != null) {
                Graphviz.releaseEngine();
            }
            description = null;
            nativeDot = null;
        }
    }

    /** True when a native {@code dot} runs on this machine. */
    public static boolean nativeAvailable() {
        return NativeDot.find() != null;
    }

    /** One line naming the engine that renders, e.g. "native dot (dot - graphviz version 2.42.2 (0), /usr/bin/dot)". */
    public static synchronized String describe() {
        init();
        return description;
    }

    /** The diagram as an SVG document (starting at {@code <svg}). */
    public static String svg(String dot) {
        boolean js;
        synchronized (DiagramEngine.class) {
            init();
            js = nativeDot == null;
        }
        Graphviz g = Graphviz.fromString(dot);
        return (js ? g.totalMemory(JS_TOTAL_MEMORY) : g).render(Format.SVG).toString();
    }

    /** The diagram as PNG bytes: native dot's own renderer, or SVG rasterized by svgSalamander under J2V8. */
    public static byte[] png(String dot) {
        NativeDot n;
        synchronized (DiagramEngine.class) {
            init();
            n = nativeDot;
        }
        if (n != null) {
            return n.render(dot, "png");
        }
        BufferedImage img = Graphviz.fromString(dot).totalMemory(JS_TOTAL_MEMORY).render(Format.PNG).toImage();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void init() {
        if (description != null) {
            return;
        }
        NativeDot n = wanted == Kind.J2V8 ? null : NativeDot.find();
        if (n == null && wanted == Kind.NATIVE) {
            throw new IllegalStateException("the native Graphviz 'dot' is not on the PATH (install the 'graphviz' package)");
        }
        if (n != null) {
            Graphviz.useEngine(n);
            nativeDot = n;
            description = n.describe();
            return;
        }
        Path dir = j2v8Directory();
        Graphviz.useEngine(new GraphvizV8Engine(dir.toString()));
        description = "J2V8 (graphviz-java's bundled viz.js; native library in " + dir + ")";
    }

    /**
     * Where J2V8 unpacks its native library: under the system temp directory, per user, never the home
     * directory (J2V8 will not create it, so it must exist).
     */
    static Path j2v8Directory() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "capsim-j2v8-" + System.getProperty("user.name", "user"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + " for the J2V8 library", e);
        }
        return dir;
    }
}
