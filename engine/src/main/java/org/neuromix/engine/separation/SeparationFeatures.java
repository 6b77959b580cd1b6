package org.neuromix.engine.separation;

import java.util.Arrays;
import java.util.List;

/**
 * Spectro-temporal context features for the learned separator, one row per STFT frame and band:
 * {@value #BANDS} bands (0–60 Hz, then log-spaced to 16 kHz, the last reaching Nyquist) of the
 * built-in separator's STFT. A row holds the band's level and its contrasts with the two frames
 * either side, the neighbouring bands and its own running median over ±{@value #MEDIAN_HALF} frames
 * (stationarity), its peakiness (tonal or noisy), and the power-weighted band means of the built-in
 * separator's cues: HPSS percussive mask, REPET-SIM non-repeating mask, centre-channel cue and the
 * first-pass vocal and bass masks. Training and inference both build rows here, so they cannot drift.
 */
public final class SeparationFeatures {
    public static final int BANDS = 32;
    /** Frames either side a row looks at (the level contrasts and the running median). */
    public static final int MEDIAN_HALF = 8;
    public static final List<String> NAMES = List.of("bandLog2Hz", "levelDb", "levelBelowFrameMaxDb", "previousDb",
            "nextDb", "previous2Db", "next2Db", "bandBelowDb", "bandAboveDb", "stationarityDb", "peakinessDb",
            "percussive", "percussiveAround", "nonRepeating", "centre", "firstPassVocals", "firstPassBass");
    public static final int SIZE = NAMES.size();

    private SeparationFeatures() {
    }

    /** First bin of each band, and one past the last band's end ({@code BANDS + 1} entries). */
    static int[] bandEdges(DspSeparator.Params p) {
        int[] edges = new int[BANDS + 1];
        double low = 60, high = Math.min(16_000, p.rate / 2.0 * 0.95);
        edges[0] = 0;
        for (int b = 1; b < BANDS; b++) {
            double hz = low * Math.pow(high / low, (b - 1) / (double) (BANDS - 1));
            edges[b] = Math.max(edges[b - 1] + 1, (int) Math.round(hz / p.binHz));
        }
        edges[BANDS] = p.bins;
        for (int b = BANDS - 1; b > 0; b--) {
            edges[b] = Math.min(edges[b], edges[b + 1] - 1);
        }
        return edges;
    }

    /** Rows {@code [frame][band][feature]} for every frame of the analysis. */
    static float[][][] rows(DspSeparator.Analysis a, DspSeparator.FirstPass first) {
        DspSeparator.Params p = a.p();
        int count = a.count();
        int[] edges = bandEdges(p);
        float[][] level = new float[count][BANDS];
        float[][] peakiness = new float[count][BANDS];
        float[][][] cues = new float[5][count][BANDS]; // percussive, nonRepeating, centre, vocals, bass
        float[][] s = a.magnitude();
        for (int t = 0; t < count; t++) {
            for (int b = 0; b < BANDS; b++) {
                double power = 0, max = 0;
                double[] weighted = new double[5];
                for (int k = edges[b]; k < edges[b + 1]; k++) {
                    double w = (double) s[t][k] * s[t][k];
                    power += w;
                    max = Math.max(max, w);
                    weighted[0] += w * first.percussive()[t][k];
                    weighted[1] += w * first.nonRepeating()[t][k];
                    weighted[2] += w * a.centre()[t][k];
                    weighted[3] += w * first.masks()[0][t][k];
                    weighted[4] += w * first.masks()[2][t][k];
                }
                int width = edges[b + 1] - edges[b];
                double mean = power / width;
                level[t][b] = (float) (10 * Math.log10(mean + 1e-12));
                peakiness[t][b] = (float) (10 * Math.log10((max + 1e-12) / (mean + 1e-12)));
                for (int c = 0; c < 5; c++) {
                    cues[c][t][b] = power > 1e-12 ? (float) (weighted[c] / power) : 0f;
                }
            }
        }
        float[][] median = new float[count][BANDS];
        float[] column = new float[count], out = new float[count], scratch = new float[2 * MEDIAN_HALF + 2];
        for (int b = 0; b < BANDS; b++) {
            for (int t = 0; t < count; t++) {
                column[t] = level[t][b];
            }
            SlidingMedian.apply(column, count, MEDIAN_HALF, out, scratch);
            for (int t = 0; t < count; t++) {
                median[t][b] = out[t];
            }
        }
        float[][][] rows = new float[count][BANDS][SIZE];
        for (int t = 0; t < count; t++) {
            float frameMax = -Float.MAX_VALUE;
            for (int b = 0; b < BANDS; b++) {
                frameMax = Math.max(frameMax, level[t][b]);
            }
            int t1 = Math.max(0, t - 1), t2 = Math.max(0, t - 2), n1 = Math.min(count - 1, t + 1), n2 = Math.min(count - 1, t + 2);
            for (int b = 0; b < BANDS; b++) {
                float[] row = rows[t][b];
                float l = level[t][b];
                double centreHz = 0.5 * (edges[b] + edges[b + 1] - 1) * p.binHz;
                row[0] = (float) (Math.log(Math.max(centreHz, 10)) / Math.log(2));
                row[1] = l;
                row[2] = l - frameMax;
                row[3] = level[t1][b] - l;
                row[4] = level[n1][b] - l;
                row[5] = level[t2][b] - l;
                row[6] = level[n2][b] - l;
                row[7] = (b > 0 ? level[t][b - 1] : l) - l;
                row[8] = (b + 1 < BANDS ? level[t][b + 1] : l) - l;
                row[9] = l - median[t][b];
                row[10] = peakiness[t][b];
                row[11] = cues[0][t][b];
                row[12] = 0.25f * (cues[0][t1][b] + cues[0][n1][b] + cues[0][t2][b] + cues[0][n2][b]);
                row[13] = cues[1][t][b];
                row[14] = cues[2][t][b];
                row[15] = cues[3][t][b];
                row[16] = cues[4][t][b];
            }
        }
        return rows;
    }

    /** Band masks {@code [frame][band]} to bin masks by linear interpolation between band centres. */
    static float[][] toBins(float[][] bandMasks, DspSeparator.Params p) {
        int[] edges = bandEdges(p);
        double[] centres = new double[BANDS];
        for (int b = 0; b < BANDS; b++) {
            centres[b] = 0.5 * (edges[b] + edges[b + 1] - 1);
        }
        int count = bandMasks.length;
        float[][] bins = new float[count][p.bins];
        for (int k = 0; k < p.bins; k++) {
            int hi = 0;
            while (hi < BANDS && centres[hi] < k) {
                hi++;
            }
            int lo = Math.max(0, hi - 1);
            hi = Math.min(BANDS - 1, hi);
            double w = hi == lo ? 0 : (k - centres[lo]) / (centres[hi] - centres[lo]);
            w = Math.max(0, Math.min(1, w));
            for (int t = 0; t < count; t++) {
                bins[t][k] = (float) ((1 - w) * bandMasks[t][lo] + w * bandMasks[t][hi]);
            }
        }
        return bins;
    }

    /** Band power {@code [frame][band]} of a stem's analysis (for training labels). */
    static float[][] bandPower(DspSeparator.Analysis a) {
        int[] edges = bandEdges(a.p());
        float[][] power = new float[a.count()][BANDS];
        for (int t = 0; t < a.count(); t++) {
            for (int b = 0; b < BANDS; b++) {
                double sum = 0;
                for (int k = edges[b]; k < edges[b + 1]; k++) {
                    sum += (double) a.magnitude()[t][k] * a.magnitude()[t][k];
                }
                power[t][b] = (float) sum;
            }
        }
        return power;
    }

    static float[] flatten(float[][][] rows) {
        int count = rows.length;
        float[] flat = new float[count * BANDS * SIZE];
        int i = 0;
        for (float[][] frame : rows) {
            for (float[] row : frame) {
                System.arraycopy(row, 0, flat, i, SIZE);
                i += SIZE;
            }
        }
        return flat;
    }

    static String describe() {
        return Arrays.toString(NAMES.toArray());
    }
}
