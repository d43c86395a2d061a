package capsim.visual;

import guru.nidi.graphviz.engine.EngineResult;
import guru.nidi.graphviz.engine.GraphvizEngine;
import guru.nidi.graphviz.engine.GraphvizException;
import guru.nidi.graphviz.engine.Options;
import guru.nidi.graphviz.engine.Rasterizer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The native Graphviz {@code dot} (Debian package {@code graphviz}) as a graphviz-java engine. Unlike
 * graphviz-java's own command-line engine it pipes DOT in and the result out, so no temporary directory
 * is left behind per diagram and no shell is involved.
 */
final class NativeDot implements GraphvizEngine {
    private static final long TIMEOUT_SECONDS = 300;

    private final Path executable;
    private final String version;

    private NativeDot(Path executable, String version) {
        this.executable = executable;
        this.version = version;
    }

    /** The {@code dot} on the PATH, or null when there is none that runs. */
    static NativeDot find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "dot");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                try {
                    byte[] err = run(p, new String[] {"-V"}, new byte[0], true);
                    return new NativeDot(p, new String(err, StandardCharsets.UTF_8).trim());
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** "native dot (dot - graphviz version 2.42.2 (0), /usr/bin/dot)". */
    String describe() {
        return "native dot (" + version + ", " + executable + ")";
    }

    /** Runs {@code dot -T<format>} on {@code dot} text; returns what it wrote. */
    byte[] render(String dot, String format) {
        return run(executable, new String[] {"-T" + format}, dot.getBytes(StandardCharsets.UTF_8), false);
    }

    @Override
    public void init(Consumer<GraphvizEngine> onOk, Consumer<GraphvizEngine> onError) {
        onOk.accept(this);
    }

    @Override
    public EngineResult execute(String src, Options options, Rasterizer rasterizer) {
        String format = switch (options.format) {
            // graphviz-java rasterizes PNG itself from SVG.
            case SVG, SVG_STANDALONE, PNG -> "svg";
            default -> options.format.name().toLowerCase(Locale.ROOT).replace('_', '-');
        };
        String layout = options.engine == null ? "dot" : options.engine.name().toLowerCase(Locale.ROOT);
        byte[] out = run(executable, new String[] {"-K" + layout, "-T" + format},
                src.getBytes(StandardCharsets.UTF_8), false);
        return EngineResult.fromString(new String(out, StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return describe();
    }

    /** Runs the executable with {@code input} on stdin; returns stdout (or stderr when {@code wantErr}). */
    private static byte[] run(Path exe, String[] args, byte[] input, boolean wantErr) {
        String[] cmd = new String[args.length + 1];
        cmd[0] = exe.toString();
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            Process p = new ProcessBuilder(cmd).start();
            // Feed and drain on their own threads: a large graph or many warnings would fill a pipe.
            Thread feeder = Thread.ofVirtual().start(() -> {
                try (OutputStream in = p.getOutputStream()) {
                    in.write(input);
                } catch (IOException ignored) {
                    // dot exited early; its exit status tells why.
                }
            });
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread drainer = Thread.ofVirtual().start(() -> copy(p.getErrorStream(), err));
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            copy(p.getInputStream(), out);
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new GraphvizException("dot took longer than " + TIMEOUT_SECONDS + " s");
            }
            feeder.join();
            drainer.join();
            if (p.exitValue() != 0) {
                throw new GraphvizException("dot failed (exit " + p.exitValue() + "): "
                        + err.toString(StandardCharsets.UTF_8).trim());
            }
            return wantErr ? err.toByteArray() : out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + exe, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphvizException("interrupted while dot ran");
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
