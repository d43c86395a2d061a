package capsim.cli;

import capsim.scenario.Parser;
import capsim.scenario.ScenarioException;
import capsim.scenario.ScenarioFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads scenario files for the command line: at most {@link #MAX_BYTES} (so {@code /dev/zero} or a huge
 * sparse file is refused instead of filling the heap), strict UTF-8, and a reason in every refusal.
 */
final class ScenarioFiles {
    /** The largest scenario file read: a 100,000-step scenario is about 4 MB, so this leaves ample room. */
    static final int MAX_BYTES = 64 << 20;

    private ScenarioFiles() {
    }

    /** Reads and parses {@code path}; every failure is a {@link ScenarioException} naming the file. */
    static ScenarioFile load(Path path) throws ScenarioException {
        return Parser.load(path.toString(), read(path));
    }

    /** The text of {@code path}, or a {@link ScenarioException} saying why it cannot be read. */
    static String read(Path path) throws ScenarioException {
        String name = path.toString();
        if (Files.isDirectory(path)) {
            throw cannotRead(name, "it is a directory");
        }
        byte[] bytes;
        try {
            if (Files.isRegularFile(path) && Files.size(path) > MAX_BYTES) {
                throw tooLarge(name);
            }
            try (InputStream in = Files.newInputStream(path)) {
                // Devices and pipes report no size: read one byte past the limit to tell.
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (NoSuchFileException e) {
            throw cannotRead(name, "no such file");
        } catch (AccessDeniedException e) {
            throw cannotRead(name, "permission denied");
        } catch (FileSystemException e) {
            throw cannotRead(name, e.getReason() != null ? e.getReason() : e.toString());
        } catch (IOException e) {
            throw cannotRead(name, e.getMessage() != null ? e.getMessage() : e.toString());
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(name);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ScenarioException(name, 1, 1, "the file is not UTF-8 text");
        }
    }

    private static ScenarioException tooLarge(String name) {
        return cannotRead(name, "it is larger than " + (MAX_BYTES >> 20) + " MiB, the most capsim reads");
    }

    private static ScenarioException cannotRead(String name, String why) {
        return new ScenarioException(name, 1, 1, "cannot read the file: " + why);
    }
}
