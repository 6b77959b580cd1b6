package org.neuromix.engine.separation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.train.GervillRenderer;
import org.neuromix.engine.train.SeparatorTraining;

class LearnedSeparatorTest {
    @TempDir
    Path work;

    @Test
    void theShippedModelsSeparateConsistentlyChunkedOrWhole() {
        LearnedSeparator learned = LearnedSeparator.bundled();
        assertNotNull(learned, "the build ships the learned separator's models");
        AudioBuffer[] stems = DspSeparatorTest.song(12, new Random(3));
        AudioBuffer mix = DspSeparatorTest.sum(stems);
        AudioBuffer[] whole = ChunkedSeparation.separate(learned, mix, DspSeparatorTest.RATE, 1000);
        AudioBuffer[] chunked = ChunkedSeparation.separate(learned, mix, DspSeparatorTest.RATE, 2.5);
        double worst = 0;
        for (int s = 0; s < 4; s++) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < mix.frames(); i++) {
                    worst = Math.max(worst, Math.abs(whole[s].channel(c)[i] - chunked[s].channel(c)[i]));
                }
            }
        }
        // As for the DSP separator (see DspSeparatorTest.chunkedEqualsWhole): same input to every output
        // frame, float rounding only. XGBoost's float32 predictions of identical rows are identical.
        assertTrue(worst < 1e-5, "largest chunked/whole difference " + worst);
        double errorDb = 10 * Math.log10(DspSeparatorTest.energyOfDifference(DspSeparatorTest.sum(whole), mix)
                / DspSeparatorTest.energy(mix));
        assertTrue(errorDb < -90, "mixture error " + errorDb + " dB");
        // The drums of the toy song (a kick and noise hats) come out better than the mixture.
        assertTrue(DspSeparatorTest.snrDb(stems[1], whole[1]) > DspSeparatorTest.snrDb(stems[1], mix) + 1);
    }

    @Test
    void trainingWritesLoadableModels() throws Exception {
        Path out = work.resolve("models");
        SeparatorTraining.Result result = SeparatorTraining.train(1, 0, 2, GervillRenderer.pinned(), out, org.neuromix.engine.progress.ProgressListener.NONE);
        assertEquals(4, result.models().size());
        assertTrue(result.rows() > 100, "rows: " + result.rows());
        for (Stem stem : Stem.values()) {
            assertTrue(Files.size(out.resolve(LearnedSeparator.modelFile(stem))) > 0);
        }
        LearnedSeparator loaded = LearnedSeparator.load(out);
        AudioBuffer silence = new AudioBuffer(2, 4000);
        for (AudioBuffer stem : ChunkedSeparation.separate(loaded, silence, 48_000, 30)) {
            assertEquals(0.0, DspSeparatorTest.energy(stem));
        }
    }
}
