package capsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import capsim.kernel.variant.FrameTransfer;
import capsim.kernel.variant.QueueModel;
import capsim.kernel.variant.SourceRevocation;
import capsim.kernel.variant.Variant;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginsTest {

    /** Listed only in the jar the test writes, so it is a variant exactly when that jar is loaded. */
    public static final class Probe implements Variant {
        public String name() { return "plugin-probe"; }
        public String summary() { return "a variant found only through --plugins (test)"; }
        public QueueModel queues() { return QueueModel.FIRST_CLASS; }
        public FrameTransfer frameTransfer() { return FrameTransfer.COPY_BYTES; }
        public SourceRevocation sourceRevocation() { return SourceRevocation.NONE; }
        public boolean preemptible() { return true; }
    }

    @TempDir
    Path dir;

    private Path probeJar(Path where) throws IOException {
        Files.createDirectories(where.getParent());
        try (OutputStream f = Files.newOutputStream(where); JarOutputStream jar = new JarOutputStream(f)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + Variant.class.getName()));
            jar.write((Probe.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return where;
    }

    @Test
    void aVariantInAPluginJarIsSeenByTheCommandThenForgotten() throws IOException {
        Path jar = probeJar(dir.resolve("probe.jar"));
        assertThat(CliTestSupport.run("variants").out()).doesNotContain("plugin-probe");
        CliTestSupport.Result with = CliTestSupport.run("--plugins", jar.toString(), "variants");
        assertThat(with.code()).isZero();
        assertThat(with.out()).contains("plugin-probe");
        // after the subcommand, and as --plugins=PATH, too
        assertThat(CliTestSupport.run("variants", "--plugins=" + jar).out()).contains("plugin-probe");
        // the next command of the same JVM does not keep it
        assertThat(CliTestSupport.run("variants").out()).doesNotContain("plugin-probe");
    }

    @Test
    void aDirectoryLoadsEveryJarInIt() throws IOException {
        probeJar(dir.resolve("plugins/probe.jar"));
        assertThat(CliTestSupport.run("--plugins", dir.resolve("plugins").toString(), "variants").out()).contains("plugin-probe");
    }

    @Test
    void aScenarioNamingAPluginVariantRunsOnlyWithThePlugin() throws IOException {
        Path jar = probeJar(dir.resolve("probe.jar"));
        Path scn = dir.resolve("probe.scn");
        Files.writeString(scn, """
                scenario "probe"
                variant plugin-probe
                activity a
                cappage p in a
                thread t in a root p
                buffer b in a thread t root p
                slot p[1] = b
                t write b [] "x"
                expect payload b bytes "x"
                """);
        CliTestSupport.Result without = CliTestSupport.run("run", scn.toString());
        assertThat(without.code()).isEqualTo(2);
        assertThat(without.err()).contains("unknown variant 'plugin-probe'").contains("--plugins");
        CliTestSupport.Result with = CliTestSupport.run("run", "--plugins", jar.toString(), scn.toString());
        assertThat(with.code()).as(with.err()).isZero();
    }

    @Test
    void aMissingOrEmptyPluginPathIsBadInputNamingTheEntry() {
        CliTestSupport.Result r = CliTestSupport.run("--plugins", dir.resolve("nope.jar").toString(), "variants");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nope.jar").contains("no such file or directory");
        assertThat(CliTestSupport.run("variants", "--plugins").err()).contains("--plugins needs a path");
        assertThat(CliTestSupport.run("--plugins=", "variants").code()).isEqualTo(2);
    }

    @Test
    void takeRemovesTheOptionWhereverItStandsButNotAfterDoubleDash() throws Plugins.PluginException {
        List<String> args = new ArrayList<>(List.of("run", "--plugins", "a.jar", "x.scn", "--plugins=b.jar", "--", "--plugins", "c"));
        assertThat(Plugins.take(args)).isEqualTo("b.jar");
        assertThat(args).containsExactly("run", "x.scn", "--", "--plugins", "c");
        assertThatThrownBy(() -> Plugins.take(new ArrayList<>(List.of("--plugins")))).isInstanceOf(Plugins.PluginException.class);
    }

    @Test
    void theReplayCommandRepeatsTheOptionQuotedForTheShell() throws Plugins.PluginException {
        Plugins.install(null, null, null);
        assertThat(Plugins.command()).isEqualTo("capsim");
        Path jar;
        try {
            jar = probeJar(dir.resolve("my plugins/probe.jar"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        try {
            Plugins.install(jar.toString(), null, null);
            assertThat(Plugins.command()).isEqualTo("capsim --plugins '" + jar + "'");
        } finally {
            Thread.currentThread().setContextClassLoader(before);
            Plugins.reset();
        }
    }
}
