package org.neuromix.engine.loudness;

/**
 * Constant-memory record of gating-block loudness values for the integrated loudness
 * (BS.1770-4 section 2.8) and the loudness range (EBU Tech 3342).
 *
 * <p>Blocks above the -70 LUFS absolute gate fall into 0.01 LU bins from -70 to +40 LUFS, each
 * keeping its block count and the exact sum of the blocks' mean-square energies. The integrated
 * value is therefore the exact energy mean of the gated blocks; the only approximation is the
 * treatment of the single bin straddling the relative gate, and percentiles are read to 0.01 LU.
 * Memory: 11,000 bins whatever the programme length.
 */
final class LoudnessHistogram {
    static final double ABSOLUTE_GATE_LUFS = -70.0;
    static final double TOP_LUFS = 40.0;
    static final double BIN_WIDTH_LU = 0.01;
    private static final int BIN_COUNT = (int) Math.round((TOP_LUFS - ABSOLUTE_GATE_LUFS) / BIN_WIDTH_LU);

    private final long[] counts = new long[BIN_COUNT];
    private final double[] energySums = new double[BIN_COUNT];

    /** Adds one block given its weighted mean-square energy; blocks at or below the absolute gate are ignored. */
    void add(double energy) {
        double loudness = energyToLufs(energy);
        if (!(loudness > ABSOLUTE_GATE_LUFS)) {
            return;
        }
        int bin = (int) ((loudness - ABSOLUTE_GATE_LUFS) / BIN_WIDTH_LU);
        if (bin >= BIN_COUNT) {
            bin = BIN_COUNT - 1;
        }
        counts[bin]++;
        energySums[bin] += energy;
    }

    /**
     * Gated loudness: the energy mean of blocks above the absolute gate and above
     * (their energy mean + {@code relativeGateLu}). NaN when no block passes the absolute gate.
     */
    double gatedLoudness(double relativeGateLu) {
        int firstBin = relativeGateBin(relativeGateLu);
        if (firstBin < 0) {
            return Double.NaN;
        }
        long count = 0;
        double energy = 0.0;
        for (int bin = firstBin; bin < BIN_COUNT; bin++) {
            count += counts[bin];
            energy += energySums[bin];
        }
        return count == 0 ? Double.NaN : energyToLufs(energy / count);
    }

    /**
     * Loudness range after EBU Tech 3342: the spread between the 10th and 95th percentiles of the
     * blocks above the absolute gate and above (their energy mean - 20 LU). NaN when no block passes.
     */
    double loudnessRange() {
        int firstBin = relativeGateBin(-20.0);
        if (firstBin < 0) {
            return Double.NaN;
        }
        long count = 0;
        for (int bin = firstBin; bin < BIN_COUNT; bin++) {
            count += counts[bin];
        }
        if (count == 0) {
            return Double.NaN;
        }
        // Nearest-rank percentiles on the sorted values, as libebur128 computes them.
        long lowRank = (long) ((count - 1) * 0.10 + 0.5);
        long highRank = (long) ((count - 1) * 0.95 + 0.5);
        return binCentre(binAtRank(firstBin, highRank)) - binCentre(binAtRank(firstBin, lowRank));
    }

    /** First bin above the relative gate, or -1 when no block passed the absolute gate. */
    private int relativeGateBin(double relativeGateLu) {
        long count = 0;
        double energy = 0.0;
        for (int bin = 0; bin < BIN_COUNT; bin++) {
            count += counts[bin];
            energy += energySums[bin];
        }
        if (count == 0) {
            return -1;
        }
        double gateLufs = energyToLufs(energy / count) + relativeGateLu;
        // A bin counts as above the gate when its centre is; the bin is 0.01 LU wide.
        int bin = (int) Math.ceil((gateLufs - ABSOLUTE_GATE_LUFS) / BIN_WIDTH_LU - 0.5);
        return Math.max(0, Math.min(bin, BIN_COUNT));
    }

    private int binAtRank(int firstBin, long rank) {
        long seen = 0;
        for (int bin = firstBin; bin < BIN_COUNT; bin++) {
            seen += counts[bin];
            if (seen > rank) {
                return bin;
            }
        }
        return BIN_COUNT - 1;
    }

    private static double binCentre(int bin) {
        return ABSOLUTE_GATE_LUFS + (bin + 0.5) * BIN_WIDTH_LU;
    }

    /** BS.1770-4 equation (2): L = -0.691 + 10 log10(Σ G·z). */
    static double energyToLufs(double energy) {
        return -0.691 + 10.0 * Math.log10(energy);
    }

    void reset() {
        java.util.Arrays.fill(counts, 0L);
        java.util.Arrays.fill(energySums, 0.0);
    }
}
