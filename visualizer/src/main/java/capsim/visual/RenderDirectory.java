package capsim.visual;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The directory a render owns. A render is written into a work directory beside its target and moved into
 * place only when complete, so a failure leaves nothing half-written and the target as it was. The target
 * must be new, empty, or an earlier render (marked by {@link #MARK}, or holding nothing but files a render
 * writes), which is replaced whole: a 7-step render never sits beside step files of an earlier 11-step one,
 * and a directory of someone else's files is never written into.
 */
final class RenderDirectory {
    /** The file that marks a directory as made by a render. */
    static final String MARK = ".capsim-render";

    /** The names a render writes (directories from before the mark existed are recognised by these). */
    private static final Pattern RENDER_FILE =
            Pattern.compile("step-\\d+\\.(svg|png|dot)|sequence\\.svg|index\\.html|" + Pattern.quote(MARK));

    private final Path target;
    private final Path work;

    private RenderDirectory(Path target, Path work) {
        this.target = target;
        this.work = work;
    }

    /** Checks that {@code target} may be rendered into and makes the work directory beside it. */
    static RenderDirectory claim(Path target) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isDirectory(abs)) {
                throw new FileSystemException(target.toString(), null, "exists and is not a directory");
            }
            String foreign = foreignEntry(abs);
            if (foreign != null) {
                throw new FileSystemException(target.toString(), null, "holds files a render did not write ('"
                        + foreign + "'); render into a new or empty directory, or an earlier render's");
            }
        }
        Path parent = abs.getParent();
        if (parent == null) {
            throw new FileSystemException(target.toString(), null, "cannot render into the root directory");
        }
        Files.createDirectories(parent);
        Path name = abs.getFileName();
        Path work = fresh(parent, "." + name + ".rendering-");
        Files.createDirectory(work);
        Files.writeString(work.resolve(MARK), "Written by capsim render: rendering here again replaces this directory.\n",
                StandardCharsets.UTF_8);
        return new RenderDirectory(abs, work);
    }

    /** Where the files are written until {@link #commit()}. */
    Path work() {
        return work;
    }

    /** Moves the finished render into place, replacing an earlier one. */
    void commit() throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            move(work, target);
            return;
        }
        Path old = fresh(target.getParent(), "." + target.getFileName() + ".replaced-");
        try {
            move(target, old);
        } catch (IOException e) {
            // The target cannot be renamed (a mount point, the working directory): empty it, fill it.
            deleteContents(target);
            try (Stream<Path> files = Files.list(work)) {
                for (Path f : files.toList()) {
                    Files.move(f, target.resolve(f.getFileName().toString()));
                }
            }
            deleteTree(work);
            return;
        }
        try {
            move(work, target);
        } catch (IOException e) {
            move(old, target);
            throw e;
        }
        deleteTree(old);
    }

    /** Removes the work directory after a failure; a failure to remove it is added to {@code cause}. */
    void abandon(Throwable cause) {
        try {
            deleteTree(work);
        } catch (IOException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** The first entry of {@code dir} that a render did not write, or null when there is none. */
    private static String foreignEntry(Path dir) throws IOException {
        boolean marked = Files.isRegularFile(dir.resolve(MARK), LinkOption.NOFOLLOW_LINKS);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String n = e.getFileName().toString();
                if (!Files.isRegularFile(e, LinkOption.NOFOLLOW_LINKS) || !marked && !RENDER_FILE.matcher(n).matches()) {
                    return n;
                }
            }
        }
        return null;
    }

    /**
     * A name in {@code dir} that nothing has (not Files.createTempDirectory, whose owner-only permissions
     * would end up on the render: the directory should get the user's usual ones).
     */
    private static Path fresh(Path dir, String prefix) {
        while (true) {
            Path p = dir.resolve(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
            if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                return p;
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(all::add);
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
