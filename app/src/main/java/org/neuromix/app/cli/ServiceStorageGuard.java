package org.neuromix.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Keeps the training commands away from the service's storage: user uploads must never feed
 * training, so a path inside the service's data folder ({@code NEUROMIX_DATA_DIR}, or
 * {@code ./data} as {@code serve} uses by default) is refused, whether given directly or through
 * a symbolic link.
 */
final class ServiceStorageGuard {
    private final Path dataDirectory;

    ServiceStorageGuard(Map<String, String> environment) {
        String configured = environment.getOrDefault("NEUROMIX_DATA_DIR", "./data");
        this.dataDirectory = real(Path.of(configured));
    }

    static ServiceStorageGuard fromEnvironment() {
        return new ServiceStorageGuard(System.getenv());
    }

    /** A message when {@code path} lies inside the service's storage, else null. */
    String refusal(String option, Path path) {
        if (path == null) {
            return null;
        }
        Path candidate = real(path);
        if (candidate.startsWith(dataDirectory)) {
            return option + " " + path + " is inside the service's data folder " + dataDirectory
                    + ": training reads generated sessions only, never the service's storage";
        }
        return null;
    }

    /** The real location, resolving links of the part that exists. */
    private static Path real(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }

    /**
     * The renderer for generated sessions, after refusing output and SoundFont paths inside the
     * service's storage; null (with a one-line message on {@code err}) when something is refused.
     *
     * @param paths option name, path, option name, path, ... (null paths are skipped)
     */
    static org.neuromix.engine.train.GervillRenderer generatorRenderer(String command, java.io.PrintWriter err,
                                                                       java.nio.file.Path soundfont, Object... paths) {
        ServiceStorageGuard guard = fromEnvironment();
        for (int i = 0; i + 1 < paths.length; i += 2) {
            String refusal = guard.refusal((String) paths[i], (java.nio.file.Path) paths[i + 1]);
            if (refusal != null) {
                err.println("neuromix " + command + ": " + refusal);
                return null;
            }
        }
        String refusal = guard.refusal("--soundfont", soundfont);
        if (refusal != null) {
            err.println("neuromix " + command + ": " + refusal);
            return null;
        }
        try {
            return org.neuromix.engine.train.GervillRenderer.withSoundFont(soundfont);
        } catch (IllegalArgumentException e) {
            err.println("neuromix " + command + ": " + e.getMessage());
            return null;
        }
    }
}
