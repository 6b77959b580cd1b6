package org.neuromix.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Where {@code --reaper} may write a REAPER session: a new or empty folder, never over someone's files. */
final class ReaperFolders {
    private ReaperFolders() {
    }

    /** Why {@code folder} cannot take a session (a sentence after the option's name), or null when it can (or none was asked). */
    static String refusal(Path folder) throws IOException {
        if (folder == null || !Files.exists(folder)) {
            return null;
        }
        if (!Files.isDirectory(folder)) {
            return folder + ": is a file, not a folder";
        }
        try (Stream<Path> entries = Files.list(folder)) {
            if (entries.findAny().isPresent()) {
                return folder + ": the folder is not empty (a session is written into a new or empty folder, so nothing"
                        + " there is overwritten)";
            }
        }
        return null;
    }

    /** The project's name: the mix's file name without its extension. */
    static String title(Path output) {
        String name = output.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
