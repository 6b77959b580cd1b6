package org.neuromix.engine.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Hidden work files created beside a target, to be moved onto it when complete. Unlike
 * {@code Files.createTempFile} (always owner-only) they get the ordinary permissions of a new
 * file, so the moved result is readable like any other output.
 */
public final class SiblingFiles {
    private SiblingFiles() {
    }

    /** Creates an empty, new, hidden file {@code .NAME.<random>SUFFIX} in the target's directory. */
    public static Path create(Path target, String suffix) throws IOException {
        Path directory = target.toAbsolutePath().getParent();
        return Files.createFile(directory.resolve("." + target.getFileName() + "." + UUID.randomUUID() + suffix));
    }
}
