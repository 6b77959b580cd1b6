package org.neuromix.engine.loudness;

import java.util.Arrays;

/**
 * The in-between points of the true-peak interpolator ({@link TruePeakMeter#designPhases(int)}):
 * for each interpolation centre, the largest absolute value of its L−1 in-between phases. Shared
 * by the true-peak meter and the true-peak limiter.
 *
 * <p>Each phase is summed tap by tap over a chunk of centres from copies of the window shifted by
 * the tap, so every inner loop reads and writes separate arrays at the same index: the JIT
 * vectorises that (about 3× faster than reading the window at an offset, which it cannot prove
 * free of overlap with the sums). Each centre's sum runs over the taps in the same order, so the
 * result is bit-identical for any chunking. Not thread-safe (scratch buffers).
 */
public final class InterSamplePeaks {
    /** Centres computed per inner loop: the shifted copies stay in the first-level cache. */
    public static final int CHUNK_FRAMES = 128;
    private static final int TAPS = TruePeakMeter.TAPS_PER_PHASE;

    private final float[][] phases;
    private final float[][] shifted = new float[TAPS][CHUNK_FRAMES];
    private final float[] sum = new float[CHUNK_FRAMES];
    private final float[] largest = new float[CHUNK_FRAMES];

    public InterSamplePeaks(int oversampling) {
        if (oversampling < 2) {
            throw new IllegalArgumentException("oversampling must be at least 2, was " + oversampling);
        }
        phases = TruePeakMeter.designPhases(oversampling);
    }

    /**
     * For {@code count} centres whose filter windows start at {@code window[start]}, raises
     * {@code out[outOffset + j]} to the largest |in-between value| of centre j where that is larger.
     * The window must hold {@code start + count + TAPS_PER_PHASE - 1} samples.
     */
    public void accumulate(float[] window, int start, int count, float[] out, int outOffset) {
        for (int done = 0; done < count; done += CHUNK_FRAMES) {
            int centres = Math.min(CHUNK_FRAMES, count - done);
            chunk(window, start + done, centres);
            for (int j = 0; j < centres; j++) {
                out[outOffset + done + j] = Math.max(out[outOffset + done + j], largest[j]);
            }
        }
    }

    /** The largest |in-between value| of {@code count} centres from {@code window[start]}. */
    public float peak(float[] window, int start, int count) {
        float peak = 0f;
        for (int done = 0; done < count; done += CHUNK_FRAMES) {
            int centres = Math.min(CHUNK_FRAMES, count - done);
            chunk(window, start + done, centres);
            for (int j = 0; j < centres; j++) {
                peak = Math.max(peak, largest[j]);
            }
        }
        return peak;
    }

    /** largest[j] for j < count: the chunk's per-centre maximum over the phases. */
    private void chunk(float[] window, int start, int count) {
        for (int tap = 0; tap < TAPS; tap++) {
            System.arraycopy(window, start + tap, shifted[tap], 0, count);
        }
        Arrays.fill(largest, 0, count, 0f);
        for (float[] phase : phases) {
            Arrays.fill(sum, 0, count, 0f);
            for (int tap = 0; tap < TAPS; tap++) {
                float c = phase[tap];
                float[] x = shifted[tap];
                for (int j = 0; j < count; j++) {
                    sum[j] += c * x[j];
                }
            }
            for (int j = 0; j < count; j++) {
                largest[j] = Math.max(largest[j], Math.abs(sum[j]));
            }
        }
    }
}
