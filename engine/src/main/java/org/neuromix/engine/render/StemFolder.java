package org.neuromix.engine.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioFileInfo;
import org.neuromix.engine.io.AudioReader;

/**
 * The audio files of a stems folder: every visible regular file that probes as audio, by name
 * (JSON files — plans, reports — are passed over without a note).
 */
public final class StemFolder {
    /** A file of the folder that is not usable audio, and why. */
    public record Skipped(Path file, String problem) {
    }

    public record Contents(List<AudioFileInfo> stems, List<Skipped> skipped) {
    }

    private StemFolder() {
    }

    public static Contents scan(Path directory) throws RenderException, IOException {
        if (!Files.isDirectory(directory)) {
            throw new RenderException("stems folder " + directory + " does not exist or is not a folder");
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    // Plans, reports and session descriptions often live beside the stems.
                    .filter(file -> !file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json"))
                    .sorted()
                    .toList();
        }
        List<AudioFileInfo> stems = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Path file : files) {
            try {
                stems.add(AudioReader.probe(file));
            } catch (AudioFileException e) {
                skipped.add(new Skipped(file, e.getMessage()));
            }
        }
        if (stems.isEmpty()) {
            throw new RenderException("no audio stems in " + directory
                    + (skipped.isEmpty() ? " (the folder is empty)" : " (" + skipped.size() + " files are not audio)"));
        }
        return new Contents(stems, skipped);
    }
}
