package org.neuromix.engine.separation;

import java.util.Arrays;

import org.neuromix.engine.audio.AudioBuffer;

/**
 * Rows and labels for the learned separator, built from a mixture and its known stems with the
 * same {@link SeparationFeatures} the separator computes at inference. The label of a row for a
 * stem is the stem's share of the band's power (ideal ratio mask); bands where no stem has power
 * are left out.
 */
public final class SeparationTrainingData {
    private final int frameStride;
    private float[] features = new float[0];
    private float[][] labels = new float[4][0];
    private int rows;

    public SeparationTrainingData(int frameStride) {
        this.frameStride = frameStride;
    }

    /** Adds every {@code frameStride}-th frame of a song. */
    public void add(AudioBuffer mixture, AudioBuffer[] stems, int sampleRateHz) {
        int frames = mixture.frames();
        DspSeparator.Params p = DspSeparator.params(sampleRateHz);
        DspSeparator.Analysis a = DspSeparator.analyse(mixture.planar(), frames, p);
        float[][][] rowsOfSong = SeparationFeatures.rows(a, DspSeparator.firstPass(a));
        float[][][] power = new float[4][][];
        for (int s = 0; s < 4; s++) {
            power[s] = SeparationFeatures.bandPower(DspSeparator.analyse(stems[s].planar(), frames, p));
        }
        int size = SeparationFeatures.SIZE;
        for (int t = 0; t < a.count(); t += frameStride) {
            for (int b = 0; b < SeparationFeatures.BANDS; b++) {
                double total = 0;
                for (int s = 0; s < 4; s++) {
                    total += power[s][t][b];
                }
                if (total < 1e-8) {
                    continue;
                }
                ensure(rows + 1);
                System.arraycopy(rowsOfSong[t][b], 0, features, rows * size, size);
                for (int s = 0; s < 4; s++) {
                    labels[s][rows] = (float) (power[s][t][b] / total);
                }
                rows++;
            }
        }
    }

    private void ensure(int wanted) {
        if (wanted * SeparationFeatures.SIZE > features.length) {
            int capacity = Math.max(wanted, 2 * features.length / SeparationFeatures.SIZE + 1024);
            features = Arrays.copyOf(features, capacity * SeparationFeatures.SIZE);
            for (int s = 0; s < 4; s++) {
                labels[s] = Arrays.copyOf(labels[s], capacity);
            }
        }
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return SeparationFeatures.SIZE;
    }

    public String[] names() {
        return SeparationFeatures.NAMES.toArray(String[]::new);
    }

    /** Row-major features, {@code rows() × columns()}. */
    public float[] features() {
        return Arrays.copyOf(features, rows * SeparationFeatures.SIZE);
    }

    public float[] labels(Stem stem) {
        return Arrays.copyOf(labels[stem.ordinal()], rows);
    }
}
