package org.neuromix.engine.analysis;

import java.nio.file.Path;

import org.neuromix.engine.loudness.LoudnessMeasurement;

/**
 * What the analyser learns about one stem, at the 48 kHz working rate.
 *
 * @param file                   the stem
 * @param channels               1 or 2 (more are downmixed to stereo)
 * @param durationSeconds        length
 * @param loudness               EBU R128 figures (integrated, range, true and sample peak, maxima)
 * @param rmsDbfs                RMS level over the active part, dBFS (full-scale sine = −3 dBFS)
 * @param crestFactorDb          sample peak minus active RMS, dB
 * @param activity               share of the time the stem is sounding (0 to 1)
 * @param bandEnergiesDb         long-term energy per 1/3-octave band ({@link Bands#CENTRES_HZ}), dB relative to the total
 * @param spectralCentroidHz     centre of gravity of the long-term spectrum
 * @param spectralRolloffHz      frequency under which 85 % of the energy lies
 * @param spectralFlatness       geometric over arithmetic mean of the power spectrum, 0 (tonal) to 1 (noise), averaged over active frames
 * @param transientsPerSecond    onsets (spectral-flux peaks) per second of active time
 * @param stereoWidth            side energy over mid + side energy (0 mono, 0.5 uncorrelated, 1 out of phase)
 * @param stereoCorrelation      correlation of left and right (1 mono, 0 uncorrelated, −1 out of phase)
 * @param lowFrequencyShare      share of the energy below 120 Hz
 * @param bandEnvelope           band energies in dB per analysis frame ({@link StemAnalyzer#HOP_SECONDS} apart), for masking
 */
public record StemAnalysis(Path file, int channels, double durationSeconds, LoudnessMeasurement loudness, double rmsDbfs,
                           double crestFactorDb, double activity, double[] bandEnergiesDb, double spectralCentroidHz,
                           double spectralRolloffHz, double spectralFlatness, double transientsPerSecond,
                           double stereoWidth, double stereoCorrelation, double lowFrequencyShare, float[][] bandEnvelope) {

    /** True when nothing in the stem rises above the −70 LUFS gate. */
    public boolean isSilent() {
        return loudness.isSilent();
    }
}
