package capsim.cli;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * User plugins: jars holding variants, personalities and their dialects, found by {@link java.util.ServiceLoader}
 * through the thread's context class loader. A plugin path comes from {@code --plugins PATH} (anywhere on the
 * command line), else from the {@code CAPSIM_PLUGINS} environment variable, else from the directory
 * {@code ~/.capsim/plugins} when it exists. A path is a list of entries separated by {@code :}; an entry is a
 * jar, or a directory whose {@code *.jar} files are all loaded (or which is itself a class directory when it
 * holds no jar). See docs/extending.md.
 */
public final class Plugins {
    /** The environment variable naming a plugin path when {@code --plugins} is not given. */
    public static final String ENV = "CAPSIM_PLUGINS";

    /** A plugin path that cannot be loaded; the message says which entry and why. */
    public static final class PluginException extends Exception {
        PluginException(String message) {
            super(message);
        }
    }

    private static volatile String active = "";

    private Plugins() {
    }

    /**
     * The plugin path in force for this run, as the user gave it ("" when none); a counterexample's replay
     * line repeats it.
     */
    public static String active() {
        return active;
    }

    /** Forgets the plugin path of the run that ended (tests run many commands in one JVM). */
    static void reset() {
        active = "";
    }

    /** "capsim" with the {@code --plugins} option this run was given, for replay lines users copy. */
    public static String command() {
        return active.isEmpty() ? "capsim" : "capsim --plugins " + shellQuote(active);
    }

    /** A hint for "unknown variant" messages: how a variant from the user's own jar is loaded. */
    public static String unknownNameHint() {
        return active.isEmpty()
                ? "; a variant or personality from your own jar needs --plugins JAR or " + ENV + " (docs/extending.md)"
                : "; plugins loaded from " + active;
    }

    /**
     * Loads the plugins named by {@code option} (or, when null, by the environment or the default directory)
     * and makes them visible to service lookups on this thread.
     */
    public static void install(String option, String env, Path home) throws PluginException {
        String path = option != null ? option : env != null && !env.isBlank() ? env : null;
        List<Path> jars = new ArrayList<>();
        if (path == null) {
            Path dflt = home == null ? null : home.resolve(".capsim").resolve("plugins");
            if (dflt == null || !Files.isDirectory(dflt)) {
                return;
            }
            jars.addAll(entries(dflt, dflt.toString()));
            path = dflt.toString();
        } else {
            if (path.isBlank()) {
                throw new PluginException("--plugins needs a path: a jar, or a directory of jars");
            }
            for (String entry : path.split(":")) {
                if (!entry.isEmpty()) {
                    jars.addAll(entries(Path.of(entry), entry));
                }
            }
        }
        URL[] urls = new URL[jars.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = jars.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new PluginException("plugin '" + jars.get(i) + "': not a loadable path");
            }
        }
        ClassLoader parent = Plugins.class.getClassLoader();
        Thread.currentThread().setContextClassLoader(new URLClassLoader("capsim-plugins", urls, parent));
        active = option != null ? option : "";
    }

    private static List<Path> entries(Path p, String asGiven) throws PluginException {
        if (Files.isRegularFile(p)) {
            if (!Files.isReadable(p)) {
                throw new PluginException("plugin '" + asGiven + "': permission denied");
            }
            return List.of(p.toAbsolutePath());
        }
        if (!Files.exists(p)) {
            throw new PluginException("plugin '" + asGiven + "': no such file or directory");
        }
        if (!Files.isDirectory(p)) {
            throw new PluginException("plugin '" + asGiven + "': not a jar or a directory");
        }
        try (Stream<Path> s = Files.list(p)) {
            List<Path> jars = s.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .map(Path::toAbsolutePath).sorted().toList();
            return jars.isEmpty() ? List.of(p.toAbsolutePath()) : jars;
        } catch (IOException e) {
            throw new PluginException("plugin '" + asGiven + "': cannot list the directory ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
    }

    /**
     * Removes every {@code --plugins PATH} and {@code --plugins=PATH} before a {@code --} from the arguments
     * (so the option works before or after the subcommand) and returns the last value, or null.
     */
    static String take(List<String> args) throws PluginException {
        String value = null;
        for (int i = 0; i < args.size(); ) {
            String a = args.get(i);
            if (a.equals("--")) {
                break;
            }
            if (a.equals("--plugins")) {
                if (i + 1 >= args.size()) {
                    throw new PluginException("--plugins needs a path: a jar, or a directory of jars");
                }
                value = args.get(i + 1);
                args.remove(i + 1);
                args.remove(i);
            } else if (a.startsWith("--plugins=")) {
                value = a.substring("--plugins=".length());
                args.remove(i);
            } else {
                i++;
            }
        }
        return value;
    }

    private static String shellQuote(String s) {
        return s.matches("[A-Za-z0-9_./:=+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
