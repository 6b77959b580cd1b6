package org.neuromix.engine.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where in frequency and time stems compete. For a target stem and a masker, a band of a frame
 * counts as masked when the target is active there (within {@value #ACTIVE_RANGE_DB} dB of its own
 * loudest level in that band) and the masker is no more than {@value #MARGIN_DB} dB below it.
 * The per-band share of masked frames, weighted by how much of the target's energy lies in each
 * band, gives a score from 0 (never masked) to 1 (always covered): a planner uses it to carve
 * complementary EQ where the score is high. The matrix is not symmetric: a loud bass masks a
 * quiet kick more than the other way round.
 */
public final class MaskingMatrix {
    static final double MARGIN_DB = 6.0;
    static final double ACTIVE_RANGE_DB = 30.0;

    /** How much {@code masker} covers {@code target}; {@code bandShares} per 1/3-octave band. */
    public record Conflict(int target, int masker, double score, double[] bandShares) {
        /** The band where the target is masked most, weighted by its energy there. */
        public int worstBand(double[] targetBandEnergiesDb) {
            int worst = 0;
            double worstValue = -1;
            for (int b = 0; b < bandShares.length; b++) {
                double value = bandShares[b] * Math.pow(10, targetBandEnergiesDb[b] / 10);
                if (value > worstValue) {
                    worstValue = value;
                    worst = b;
                }
            }
            return worst;
        }
    }

    private final double[][] scores;
    private final List<Conflict> conflicts;

    private MaskingMatrix(double[][] scores, List<Conflict> conflicts) {
        this.scores = scores;
        this.conflicts = conflicts;
    }

    public static MaskingMatrix of(List<StemAnalysis> stems) {
        int n = stems.size();
        double[][] scores = new double[n][n];
        List<Conflict> conflicts = new ArrayList<>();
        for (int target = 0; target < n; target++) {
            for (int masker = 0; masker < n; masker++) {
                if (target == masker) {
                    continue;
                }
                Conflict conflict = conflict(stems.get(target), stems.get(masker), target, masker);
                scores[target][masker] = conflict.score();
                conflicts.add(conflict);
            }
        }
        conflicts.sort(Comparator.comparingDouble(Conflict::score).reversed());
        return new MaskingMatrix(scores, List.copyOf(conflicts));
    }

    private static Conflict conflict(StemAnalysis target, StemAnalysis masker, int targetIndex, int maskerIndex) {
        int bands = Bands.CENTRES_HZ.length;
        double[] shares = new double[bands];
        if (target.isSilent()) {
            return new Conflict(targetIndex, maskerIndex, 0, shares);
        }
        float[][] a = target.bandEnvelope();
        float[][] b = masker.bandEnvelope();
        int frames = Math.min(a.length, b.length);
        double score = 0;
        double weightSum = 0;
        for (int band = 0; band < bands; band++) {
            float loudest = -Float.MAX_VALUE;
            for (float[] frame : a) {
                loudest = Math.max(loudest, frame[band]);
            }
            int active = 0, masked = 0;
            for (int t = 0; t < frames; t++) {
                if (a[t][band] > loudest - ACTIVE_RANGE_DB && a[t][band] > StemAnalyzer.FLOOR_DB + 1) {
                    active++;
                    if (b[t][band] >= a[t][band] - MARGIN_DB) {
                        masked++;
                    }
                }
            }
            shares[band] = active == 0 ? 0 : masked / (double) active;
            double weight = Math.pow(10, target.bandEnergiesDb()[band] / 10);
            score += weight * shares[band];
            weightSum += weight;
        }
        return new Conflict(targetIndex, maskerIndex, weightSum > 0 ? score / weightSum : 0, shares);
    }

    /** How much stem {@code masker} masks stem {@code target}, 0 to 1. */
    public double score(int target, int masker) {
        return scores[target][masker];
    }

    /** Every ordered pair, most masked first. */
    public List<Conflict> conflicts() {
        return conflicts;
    }
}
