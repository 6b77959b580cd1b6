package org.neuromix.engine.loudness;

import java.util.Arrays;

/**
 * Every 400 ms gating block's mean-square energy of one programme (the blocks BS.1770-4 section 2.8
 * gates, 75 % overlap), kept so the integrated loudness can be read again for the programme
 * scaled by any gain without measuring it again: the gates are applied to the scaled blocks, so
 * the absolute gate's effect on quiet passages is exact, not assumed linear. Memory: one double
 * per 100 ms (36,000 for an hour). Filled by a {@link GatedLoudnessMeter}; not thread-safe.
 */
public final class GatingBlocks {
    /** −10 LU as an energy ratio. */
    private static final double RELATIVE_GATE_ENERGY_RATIO = 0.1;

    private double[] energies = new double[256];
    private int count;

    void add(double energy) {
        if (count == energies.length) {
            energies = Arrays.copyOf(energies, count * 2);
        }
        energies[count++] = energy;
    }

    /** Number of gating blocks recorded. */
    public int size() {
        return count;
    }

    /**
     * Integrated loudness (LUFS) of the programme scaled by {@code gainDb}: the energy mean of the
     * scaled blocks above -70 LUFS and above their own energy mean − 10 LU. NaN when no block
     * passes the absolute gate.
     */
    public double integratedLufs(double gainDb) {
        double scale = Math.pow(10, gainDb / 10);
        double absoluteGateEnergy = lufsToEnergy(LoudnessHistogram.ABSOLUTE_GATE_LUFS);
        double sum = 0;
        long passed = 0;
        for (int i = 0; i < count; i++) {
            double energy = energies[i] * scale;
            if (energy > absoluteGateEnergy) {
                sum += energy;
                passed++;
            }
        }
        if (passed == 0) {
            return Double.NaN;
        }
        double relativeGateEnergy = sum / passed * RELATIVE_GATE_ENERGY_RATIO;
        double gatedSum = 0;
        long gated = 0;
        for (int i = 0; i < count; i++) {
            double energy = energies[i] * scale;
            if (energy > absoluteGateEnergy && energy > relativeGateEnergy) {
                gatedSum += energy;
                gated++;
            }
        }
        return gated == 0 ? Double.NaN : LoudnessHistogram.energyToLufs(gatedSum / gated);
    }

    /** Inverse of {@link LoudnessHistogram#energyToLufs}. */
    private static double lufsToEnergy(double lufs) {
        return Math.pow(10, (lufs + 0.691) / 10);
    }
}
