package org.neuromix.app.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Splits one stereo mix into stems (the "separate" stage): writes them into {@code folder} with
 * names that say their role ("Vocals.wav", "Drums.wav", "Bass.wav", "Other.wav") and returns
 * them. The pipeline uses it for a session whose only upload is a stereo mix, when a separator is
 * available.
 */
public interface StemSplitter {
    List<Path> split(Path stereoMix, Path folder) throws IOException;
}
