package org.neuromix.app.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

/**
 * The node-local folders where a job decodes, separates and renders ({@code <data-dir>/work/{id}}).
 * Nothing in them outlives the job: another node resumes an interrupted job from the store and the
 * database, not from here.
 */
@Component
public class WorkFolders {
    private final Path root;

    WorkFolders(StorageSettings settings) {
        this.root = settings.work().toAbsolutePath().normalize();
    }

    /** The work folder of a session (not created). */
    public Path of(String sessionId) {
        return root.resolve(SessionKeys.requireId(sessionId));
    }

    /** A node-local folder for short-lived files that belong to no job (download conversions); created. */
    public Path scratch(String purpose) throws IOException {
        return Files.createDirectories(root.resolve("." + SessionKeys.requireId(purpose)));
    }

    /** Deletes the session's work folder; returns the bytes freed. */
    public long delete(String sessionId) throws IOException {
        return deleteTree(of(sessionId));
    }

    /** Deletes a folder with everything in it (idempotent); returns the bytes freed. */
    public static long deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return 0;
        }
        long bytes = 0;
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (Files.isRegularFile(path)) {
                    bytes += Files.size(path);
                }
                Files.deleteIfExists(path);
            }
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause(); // a file went away while walking
        }
        return bytes;
    }

    /** Empties (or creates) a folder. */
    public static Path fresh(Path folder) throws IOException {
        deleteTree(folder);
        return Files.createDirectories(folder);
    }
}
