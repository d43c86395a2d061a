package capsim.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The capsim command line. Exit codes: 0 success, 1 a check or expectation failed, 2 bad input. */
@Command(name = "capsim", mixinStandardHelpOptions = true, version = "capsim 0.1.0",
        description = "Simulates capability-microkernel IPC designs: run scenarios, check invariants, render diagrams.",
        subcommands = {DemoCommand.class, RunCommand.class, CheckCommand.class, RenderCommand.class, VariantsCommand.class, ExploreCommand.class})
public final class Main implements Runnable {
    /** Exit code when the input (arguments, a scenario file) is malformed. */
    public static final int EXIT_BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (tests call this). */
    public static int execute(String... args) {
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
