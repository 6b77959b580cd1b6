package org.neuromix.engine.separation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.audio.AudioBuffer;

/** The ONNX separator on tiny models built by the test itself ({@link OnnxTestModels}). */
class OnnxSeparatorTest {
    static final float[] GAINS = {0.1f, 0.2f, 0.3f, 0.4f};
    @TempDir
    Path work;

    static AudioBuffer noise(int frames) {
        Random random = new Random(11);
        AudioBuffer a = new AudioBuffer(2, frames);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < frames; i++) {
                a.channel(c)[i] = (float) (random.nextGaussian() * 0.2);
            }
        }
        return a;
    }

    static void assertStemsAreGainsOfTheMix(AudioBuffer mix, AudioBuffer[] stems, float[] gainsInStemOrder) {
        for (int s = 0; s < 4; s++) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < mix.frames(); i++) {
                    // float32 products and the (tiny) mixture-consistency share: a few ulps of values near 1
                    assertEquals(gainsInStemOrder[s] * mix.channel(c)[i], stems[s].channel(c)[i], 1e-6,
                            "stem " + s + " channel " + c + " frame " + i);
                }
            }
        }
    }

    @Test
    void aDynamicLengthModelRunsChunkedWithTheDocumentedLayout() throws Exception {
        Path model = OnnxTestModels.gains(work.resolve("dynamic.onnx"), GAINS, 0, Map.of());
        try (OnnxSeparator separator = OnnxSeparator.open(model)) {
            assertEquals("onnx:dynamic.onnx", separator.name());
            AudioBuffer mix = noise(48_000 * 7);
            assertStemsAreGainsOfTheMix(mix, ChunkedSeparation.separate(separator, mix, 48_000, 2), GAINS);
        }
    }

    @Test
    void aFixedLengthModelRunsInOverlappingSegmentsAndTheMetadataOrdersTheStems() throws Exception {
        // The model emits drums, bass, other, vocals (Demucs' order) and says so in its metadata.
        Path model = OnnxTestModels.gains(work.resolve("fixed.onnx"), GAINS, 4_800,
                Map.of(OnnxSeparator.STEMS_METADATA, "drums,bass,other,vocals"));
        try (OnnxSeparator separator = OnnxSeparator.open(model)) {
            AudioBuffer mix = noise(30_001);
            float[] vocalsDrumsBassOther = {GAINS[3], GAINS[0], GAINS[1], GAINS[2]};
            assertStemsAreGainsOfTheMix(mix, ChunkedSeparation.separate(separator, mix, 48_000, 30), vocalsDrumsBassOther);
            AudioBuffer tiny = noise(3);
            assertStemsAreGainsOfTheMix(tiny, ChunkedSeparation.separate(separator, tiny, 48_000, 30), vocalsDrumsBassOther);
        }
    }

    @Test
    void aModelWithAnotherLayoutOrNoModelAtAllIsRefusedInOneLine() throws Exception {
        Path three = OnnxTestModels.gains(work.resolve("three.onnx"), new float[] {0.3f, 0.3f, 0.4f}, 0, Map.of());
        IllegalArgumentException layout = assertThrows(IllegalArgumentException.class, () -> OnnxSeparator.open(three));
        assertTrue(layout.getMessage().contains("expected a float input [1, 2, T] and output [1, 4, 2, T]"), layout.getMessage());
        Path junk = Files.writeString(work.resolve("junk.onnx"), "not a model");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> OnnxSeparator.open(junk));
        assertTrue(bad.getMessage().contains("is not a usable ONNX model"), bad.getMessage());
        assertEquals(1, bad.getMessage().lines().count());
        assertThrows(IllegalArgumentException.class, () -> OnnxSeparator.open(work.resolve("missing.onnx")));
        Path order = OnnxTestModels.gains(work.resolve("order.onnx"), GAINS, 0, Map.of(OnnxSeparator.STEMS_METADATA, "a,b,c,d"));
        assertThrows(IllegalArgumentException.class, () -> OnnxSeparator.open(order));
    }
}
