package capsim.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.ReadOnlyFileSystemException;

/**
 * Why a file operation failed, in words: Java's file exceptions often carry only the path as their message
 * ("cannot write /tmp/x: /tmp/x"), the reason being in the exception's type.
 */
final class Reasons {
    private Reasons() {
    }

    static String of(IOException e) {
        return switch (e) {
            case FileAlreadyExistsException f -> "a file is in the way: " + f.getFile();
            case NoSuchFileException f -> "no such file or directory: " + f.getFile();
            case AccessDeniedException f -> "permission denied: " + f.getFile();
            case NotDirectoryException f -> "not a directory: " + f.getFile();
            case DirectoryNotEmptyException f -> "directory not empty: " + f.getFile();
            case FileSystemException f when f.getReason() != null ->
                    f.getReason() + (f.getFile() != null ? ": " + f.getFile() : "");
            default -> e.getMessage() != null ? e.getMessage() : e.toString();
        };
    }

    /** Also for the unchecked read-only file system exception, which has no message at all. */
    static String of(RuntimeException e) {
        if (e instanceof ReadOnlyFileSystemException) {
            return "read-only file system";
        }
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
