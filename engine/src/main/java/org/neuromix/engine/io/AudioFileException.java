package org.neuromix.engine.io;

import java.nio.file.Path;

/**
 * A file that cannot be used as audio: missing, empty, not audio, corrupt, truncated or outside
 * the supported ranges. The message is one line meant for the user and names the file.
 */
public class AudioFileException extends Exception {
    private final Path file;

    public AudioFileException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public AudioFileException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
