package org.neuromix.engine.planner;

/**
 * What the planner aims for on one stem before refinement: its level, place and processing. The
 * reference mixes take these from the written conventions ({@code MixingNorms.targets}); with
 * {@code --style auto} the planner takes them from the trained models ({@link MixModels}).
 *
 * @param relativeLoudnessLu     integrated loudness in the mix relative to the featured part, LU
 * @param panPosition            −1 left … +1 right
 * @param highPassHz             high-pass corner (12 dB/octave), 0 for none
 * @param lowShelfGainDb         low shelf at {@value #LOW_SHELF_HZ} Hz, dB (0: none)
 * @param lowMidGainDb           bell at {@value #LOW_MID_HZ} Hz, Q {@value #LOW_MID_Q}, dB (0: none)
 * @param highShelfGainDb        high shelf at {@value #HIGH_SHELF_HZ} Hz, dB (0: none)
 * @param compressorRatio        1 for no compressor
 * @param compressorThresholdLu  compressor threshold relative to the stem's integrated loudness, LU
 *                               (meaningful only when {@code compressorRatio > 1})
 */
public record StemTargets(double relativeLoudnessLu, double panPosition, double highPassHz, double lowShelfGainDb,
                          double lowMidGainDb, double highShelfGainDb, double compressorRatio,
                          double compressorThresholdLu) {
    public static final double LOW_SHELF_HZ = 100;
    public static final double LOW_MID_HZ = 350;
    public static final double LOW_MID_Q = 1.0;
    public static final double HIGH_SHELF_HZ = 8000;

    public StemTargets {
        double[] all = {relativeLoudnessLu, panPosition, highPassHz, lowShelfGainDb, lowMidGainDb, highShelfGainDb,
            compressorRatio, compressorThresholdLu};
        for (double value : all) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("stem targets must be finite: " + java.util.Arrays.toString(all));
            }
        }
        if (panPosition < -1 || panPosition > 1) {
            throw new IllegalArgumentException("panPosition must be in [-1, 1], was " + panPosition);
        }
        if (highPassHz < 0 || compressorRatio < 1) {
            throw new IllegalArgumentException("highPassHz must be >= 0 and compressorRatio >= 1, were " + highPassHz
                    + " and " + compressorRatio);
        }
    }
}
