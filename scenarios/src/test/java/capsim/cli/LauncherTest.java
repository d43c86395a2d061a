package capsim.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script's side of the contract: its own failures use exit codes that cannot be read as a
 * verdict (4 no JDK 21+, 5 the build failed), and a bare environment (no locale) still handles non-ASCII
 * file names. Runs the real scripts of the repository with {@code sh}.
 */
class LauncherTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    record Ran(int code, String out, String err) {
    }

    static Ran sh(Path dir, String script, String... env) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs /bin/sh");
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", script).directory(dir.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (int i = 0; i + 1 < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Path out = Files.createTempFile("launcher", ".out");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + script);
            }
            return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void noJdkIsExit5WithInstructionsThatWorkOnDebian12(@TempDir Path tmp) throws Exception {
        Ran r = sh(tmp, "exec sh '" + ROOT.resolve("capsim") + "' run x.scn", "CAPSIM_JVM_DIRS", tmp.resolve("none").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(5);
        assertThat(r.err()).contains("no JDK 21 or newer found").contains("temurin-21-jdk")
                .contains("https://packages.adoptium.net/artifactory/deb bookworm main");
    }

    @Test
    void aFailedBuildIsExit6(@TempDir Path tmp) throws Exception {
        // A copy of the launcher beside a Maven wrapper that fails, as an offline first build does.
        Files.createDirectories(tmp.resolve(".mvn"));
        Files.copy(ROOT.resolve("capsim"), tmp.resolve("capsim"));
        Files.copy(ROOT.resolve(".mvn/jdk.sh"), tmp.resolve(".mvn/jdk.sh"));
        Files.writeString(tmp.resolve("pom.xml"), "<project/>\n");
        Path mvnw = Files.writeString(tmp.resolve("mvnw"), "#!/bin/sh\necho 'offline: cannot download maven' >&2\nexit 1\n");
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
        Ran r = sh(tmp, "exec sh ./capsim run x.scn");
        assertThat(r.code()).as(r.err()).isEqualTo(6);
        assertThat(r.err()).contains("the build failed");
    }

    /**
     * With no locale at all the JVM reads arguments and file names as ASCII and 'héllo.scn' cannot be named;
     * the launcher's locale setting ({@code capsim_utf8_locale} in .mvn/jdk.sh) makes it work. The file is
     * made and named by the shell, from the bytes of the script, so this JVM's own locale does not matter.
     */
    @Test
    void aBareEnvironmentHandlesNonAsciiFileNames(@TempDir Path tmp) throws Exception {
        Files.copy(Path.of(ReliabilityTest.GOOD).toAbsolutePath(), tmp.resolve("good.scn"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = String.join("\n", List.of(
                ". '" + ROOT.resolve(".mvn/jdk.sh") + "'",
                "capsim_utf8_locale",
                "name=$(printf 'h\\303\\251llo.scn')",
                "cp good.scn \"$name\"",
                "exec '" + java + "' -cp \"$CP\" capsim.cli.Main run -q \"$name\""));
        Ran r = sh(tmp, script, "CP", System.getProperty("java.class.path"));
        assertThat(r.err()).doesNotContain("Invalid").doesNotContain("\tat ");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("PASS h\u00e9llo.scn");
    }
}
