package capsim.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The capsim command line. Exit codes: 0 success, 1 a check or expectation failed, 2 bad input. */
@Command(name = "capsim", mixinStandardHelpOptions = true, version = "capsim 0.1.0",
        description = "Simulates capability-microkernel IPC designs: run scenarios, check invariants, render diagrams.",
        subcommands = {DemoCommand.class, RunCommand.class, CheckCommand.class, RenderCommand.class, VariantsCommand.class})
public final class Main implements Runnable {
    /** Exit code when the input (arguments, a scenario file) is malformed. */
    public static final int EXIT_BAD_INPUT = 2;

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
        System.exit(execute(args));
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
            ex.getCommandLine().getErr().println("capsim: " + ex.getMessage());
            ex.getCommandLine().getErr().println("Try 'capsim " + ex.getCommandLine().getCommandName() + " --help'.");
            return EXIT_BAD_INPUT;
        });
        return cl.execute(args);
    }
}
