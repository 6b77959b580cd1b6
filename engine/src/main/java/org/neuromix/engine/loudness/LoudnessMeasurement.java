package org.neuromix.engine.loudness;

/**
 * The loudness figures of a programme. A value that the standard leaves undefined for this
 * programme is NaN: integrated loudness of silence or of less than 400 ms, loudness range or
 * short-term maximum of less than 3 s, peaks of digital silence.
 *
 * @param integratedLufs    BS.1770-4 gated integrated loudness, LUFS
 * @param loudnessRangeLu   EBU Tech 3342 loudness range, LU
 * @param truePeakDbtp      BS.1770-4 Annex 2 true peak, dBTP
 * @param samplePeakDbfs    largest sample magnitude, dBFS
 * @param maxMomentaryLufs  highest momentary (400 ms) loudness, LUFS
 * @param maxShortTermLufs  highest short-term (3 s) loudness, LUFS
 */
public record LoudnessMeasurement(
        double integratedLufs,
        double loudnessRangeLu,
        double truePeakDbtp,
        double samplePeakDbfs,
        double maxMomentaryLufs,
        double maxShortTermLufs) {

    /** True when nothing was above the -70 LUFS absolute gate. */
    public boolean isSilent() {
        return Double.isNaN(integratedLufs);
    }

    /** A reading as a number to report, or null when undefined (NaN or infinite). */
    public static Double defined(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
