package capsim.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The capsim command line. Exit codes: 0 success, 1 a check or expectation failed, 2 bad input (or output that
 * cannot be written), 3 an exploration did not finish (no verdict), 4 capsim itself failed (out of memory, a
 * bug). The launcher script adds 5 (no JDK 21+) and 6 (the build failed), so no failure of the tool reads as
 * a verdict.
 */
@Command(name = "capsim", mixinStandardHelpOptions = true, version = "capsim 0.1.0",
        description = "Simulates capability-microkernel IPC designs: run scenarios, check invariants, render diagrams.",
        subcommands = {DemoCommand.class, RunCommand.class, CheckCommand.class, RenderCommand.class, VariantsCommand.class,
                ImportCommand.class, AnalyseCommand.class, ExportCommand.class, ExploreCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit codes: 0 all held, 1 an expectation or invariant failed, 2 bad input or unwritable output,",
                "3 explore did not finish (no verdict), 4 capsim failed (out of memory, a bug);",
                "the ./capsim launcher: 5 no JDK 21+, 6 the build failed.",
                "", "Examples:", "  capsim demo", "  capsim run scenarios/library/activation.scn",
                "  capsim check --variant revised --tries 500", "  capsim render FILE.scn --out out/file",
                "  capsim help run"})
public final class Main implements Runnable {
    /** Exit code when the input (arguments, a scenario file) is malformed, or output cannot be written. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code when capsim itself fails: out of memory, or an error that is a bug. Never a verdict. */
    public static final int EXIT_INTERNAL = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Declared for the usage text only: {@link #execute} takes the option out wherever it stands. */
    @CommandLine.Option(names = "--plugins", paramLabel = "PATH",
            description = "jars (or directories of jars, ':'-separated) holding your own variants and personalities; "
                    + "also honoured by every subcommand; default: $" + Plugins.ENV + ", else ~/.capsim/plugins")
    String plugins;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        // Our own stdout: buffered, and keeping the reason of the first failed write (a full disk, a closed pipe).
        String enc = System.getProperty("stdout.encoding");
        Charset cs = enc != null && Charset.isSupported(enc) ? Charset.forName(enc) : Charset.defaultCharset();
        System.setOut(stdout(new FileOutputStream(FileDescriptor.out), cs));
        int code = execute(args);
        System.err.flush();
        System.exit(code);
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int execute(String... args) {
        List<String> rest = new ArrayList<>(List.of(args));
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try {
            Plugins.install(Plugins.take(rest), System.getenv(Plugins.ENV),
                    System.getProperty("user.home") == null ? null : Path.of(System.getProperty("user.home")));
            return run(rest.toArray(String[]::new));
        } catch (Plugins.PluginException e) {
            System.err.println("capsim: " + e.getMessage());
            return EXIT_BAD_INPUT;
        } finally {
            thread.setContextClassLoader(before);
            Plugins.reset();
        }
    }

    private static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(e -> EXIT_BAD_INPUT);
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintStream err = System.err;
            err.println("capsim: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> failed(ex));
        int code;
        try {
            code = cl.execute(args);
        } catch (Error e) {
            // Out of memory, a stack overflow: picocli passes Errors through; they get one line too.
            code = failed(e);
        }
        return checkOutput(code);
    }

    /** What a command's unexpected failure prints: one line, no stack trace (CAPSIM_DEBUG=1 prints it). */
    static int failed(Throwable e) {
        PrintStream err = System.err;
        if (System.getenv("CAPSIM_DEBUG") != null) {
            e.printStackTrace(err);
        }
        return switch (e) {
            case OutOfMemoryError oom -> {
                err.println("capsim: out of memory (" + oom.getMessage() + "); give the JVM more with"
                        + " CAPSIM_JAVA_OPTS=-Xmx4g, or ask for less (fewer steps, --no-render)");
                yield EXIT_INTERNAL;
            }
            case InvalidPathException ip -> {
                err.println("capsim: cannot use the file name '" + ip.getInput() + "' (" + ip.getReason()
                        + "); run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8");
                yield EXIT_BAD_INPUT;
            }
            default -> {
                err.println("capsim: internal error: " + e + " (set CAPSIM_DEBUG=1 for the stack trace; please report it)");
                yield EXIT_INTERNAL;
            }
        };
    }

    /**
     * A report that could not be written is no report: when standard output failed (a full disk, a closed
     * pipe) say so and exit {@link #EXIT_BAD_INPUT}, whatever the verdict was.
     */
    static int checkOutput(int code) {
        PrintStream out = System.out;
        out.flush();
        if (!out.checkError()) {
            return code;
        }
        String why = out instanceof Stdout s && s.kept.failure != null ? s.kept.failure.getMessage() : "write error";
        System.err.println("capsim: cannot write standard output: " + why);
        return EXIT_BAD_INPUT;
    }

    /** A buffered standard output over {@code raw} that remembers why a write failed. */
    static PrintStream stdout(OutputStream raw, Charset cs) {
        KeptFailure kept = new KeptFailure(raw);
        return new Stdout(new BufferedOutputStream(kept, 1 << 16), cs, kept);
    }

    /** Standard output that remembers why a write failed. */
    private static final class Stdout extends PrintStream {
        final KeptFailure kept;

        Stdout(OutputStream out, Charset cs, KeptFailure kept) {
            super(out, false, cs);
            this.kept = kept;
        }
    }

    /** Passes bytes through and keeps the first {@link IOException} (PrintStream drops it). */
    static final class KeptFailure extends OutputStream {
        private final OutputStream out;
        IOException failure;

        KeptFailure(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
                throw e;
            }
        }
    }
}
