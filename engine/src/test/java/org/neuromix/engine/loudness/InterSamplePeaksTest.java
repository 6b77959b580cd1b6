package org.neuromix.engine.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The chunked, vectorisable interpolation gives exactly what the interpolator's definition gives, centre by centre. */
class InterSamplePeaksTest {
    private static final int TAPS = TruePeakMeter.TAPS_PER_PHASE;

    /** The definition: each in-between point as one sum over the taps, in tap order, in float. */
    private static float reference(float[][] phases, float[] window, int centre) {
        float largest = 0f;
        for (float[] phase : phases) {
            float sum = 0f;
            for (int tap = 0; tap < TAPS; tap++) {
                sum += phase[tap] * window[centre + tap];
            }
            largest = Math.max(largest, Math.abs(sum));
        }
        return largest;
    }

    @Test
    void everyCentreMatchesTheDefinitionBitForBit() {
        for (int oversampling : new int[] {2, 4}) {
            float[][] phases = TruePeakMeter.designPhases(oversampling);
            Random random = new Random(oversampling);
            int count = 3 * InterSamplePeaks.CHUNK_FRAMES + 37;
            float[] window = new float[5 + count + TAPS - 1];
            for (int i = 0; i < window.length; i++) {
                window[i] = (float) random.nextGaussian() * 0.5f;
            }
            InterSamplePeaks peaks = new InterSamplePeaks(oversampling);
            float[] out = new float[count + 3];
            out[3 + 10] = 100f; // an existing larger value is kept
            peaks.accumulate(window, 5, count, out, 3);
            float overall = 0f;
            for (int j = 0; j < count; j++) {
                float expected = reference(phases, window, 5 + j);
                overall = Math.max(overall, expected);
                assertEquals(j == 10 ? 100f : expected, out[3 + j], 0f, "centre " + j + " at " + oversampling + "x");
            }
            assertEquals(overall, peaks.peak(window, 5, count), 0f);
        }
    }

    @Test
    void refusesNoOversampling() {
        assertThrows(IllegalArgumentException.class, () -> new InterSamplePeaks(1));
    }
}
