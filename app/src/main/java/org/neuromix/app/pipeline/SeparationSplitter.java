package org.neuromix.app.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.progress.ProgressListener;
import org.neuromix.engine.separation.ChunkedSeparation;
import org.neuromix.engine.separation.Separator;
import org.neuromix.engine.separation.Separators;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The engine's separator as the pipeline's "separate" stage ({@code neuromix.separation.method}:
 * learned — the shipped models, the default —, dsp, learned:DIR or onnx:PATH; {@code neuromix.separation.enabled=false} mixes a stereo upload as
 * one stem). The stems are named so that role detection reads them. Public so that
 * {@code neuromix mix --song} separates exactly as the service does.
 */
@Component
@ConditionalOnProperty(name = "neuromix.separation.enabled", havingValue = "true", matchIfMissing = true)
public class SeparationSplitter implements StemSplitter {
    /** Engine file name → the name the planner sees. */
    private static final Map<String, String> NAMES = Map.of("vocals.wav", "Lead Vocals.wav", "drums.wav", "Drums.wav",
            "bass.wav", "Bass.wav", "other.wav", "Other.wav");

    private final Separator separator;
    private final double chunkSeconds;

    public SeparationSplitter(@Value("${neuromix.separation.method:" + Separators.DEFAULT_METHOD + "}") String method,
                              @Value("${neuromix.separation.chunk-seconds:" + ChunkedSeparation.DEFAULT_CHUNK_SECONDS + "}")
                              double chunkSeconds) {
        this.separator = Separators.forMethod(method); // an unknown method stops the start with its reason
        if (!(chunkSeconds >= 1 && chunkSeconds <= 600)) {
            throw new IllegalArgumentException("neuromix.separation.chunk-seconds must be in [1, 600]");
        }
        this.chunkSeconds = chunkSeconds;
    }

    @Override
    public List<Path> split(Path stereoMix, Path folder) throws IOException {
        return split(stereoMix, folder, ProgressListener.NONE);
    }

    /** As {@link #split(Path, Path)}, telling {@code progress} how much is separated. */
    public List<Path> split(Path stereoMix, Path folder, ProgressListener progress) throws IOException {
        ChunkedSeparation.Result result;
        try {
            result = ChunkedSeparation.separateFile(separator, stereoMix, folder, chunkSeconds, progress);
        } catch (AudioFileException e) {
            throw new PipelineFailure("the stereo upload could not be separated: " + e.getMessage(), e);
        }
        List<Path> named = new ArrayList<>();
        for (Path stem : result.stems()) {
            Path target = folder.resolve(NAMES.getOrDefault(stem.getFileName().toString(), stem.getFileName().toString()));
            Files.move(stem, target);
            named.add(target);
        }
        return named;
    }
}
