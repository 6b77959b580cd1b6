package org.neuromix.app.report;

import java.util.List;

/**
 * The metrics report of one revision, as saved with it and served as report.json: what the mix
 * aimed at and everything measured from the file. A record, so that a renamed or missing field is
 * a compile error in whatever builds or reads it, not a missing key at run time.
 * {@code unprocessedSumLufs} is the integrated loudness of the plain sum the page plays for A/B
 * (the page brings both sides to the same loudness with it), and {@code unprocessedSpectrumDb} its
 * 1/3-octave band energies at the same bands as {@code spectrum} (the page overlays them), and
 * {@code unprocessedWaveform} its overview (the player draws both sides); null in reports made
 * before they were kept. {@code referenceLufs} and {@code referenceSpectrumDb}: the reference track's
 * loudness and bands when one was given (measured at the first mix, before uploads are deleted), else null.
 */
public record MixReport(String session, int revision, Target target, Loudness loudness, LoudnessOverTime loudnessOverTime,
                        Spectrum spectrum, Stereo stereo, List<Platform> platforms, Waveform waveform,
                        Double unprocessedSumLufs, List<Double> unprocessedSpectrumDb, Waveform unprocessedWaveform,
                        Double referenceLufs, List<Double> referenceSpectrumDb) {

    /** The plan's delivery target and why it was chosen. */
    public record Target(double loudnessLufs, double truePeakDbtp, String reason) {
    }

    /** BS.1770 / EBU R128 figures; null where undefined (a silent mix has no integrated loudness). */
    public record Loudness(Double integratedLufs, Double loudnessRangeLu, Double truePeakDbtp, Double samplePeakDbfs,
                           Double maxMomentaryLufs, Double maxShortTermLufs, double durationSeconds) {
    }

    /** Momentary and short-term loudness every {@code stepSeconds}. */
    public record LoudnessOverTime(double stepSeconds, List<Double> momentaryLufs, List<Double> shortTermLufs) {
    }

    /** 1/3-octave band energies. */
    public record Spectrum(List<Double> bandCentresHz, List<Double> bandEnergiesDb, Double spectralCentroidHz) {
    }

    public record Stereo(Double width, Double correlation) {
    }

    /** What one streaming platform's normalisation does with the mix. */
    public record Platform(String platform, double referenceLufs, double ceilingDbtp, Double deltaLu, double turnDownDb,
                           boolean truePeakOk, boolean compliant) {
    }

    /** Minimum and maximum of each of {@code points} stretches, interleaved. */
    public record Waveform(int points, List<Double> minMax) {
    }

    /** What the A/B player and the spectrum overlay need of the session's plain sum (the same for every revision). */
    public record UnprocessedSum(double integratedLufs, List<Double> bandEnergiesDb, Waveform waveform) {
    }

    /** The reference track the plan was matched to: its loudness and bands, for the spectrum overlay. */
    public record Reference(double integratedLufs, List<Double> bandEnergiesDb) {
    }

    /** The measured part, without what the plan aimed at: the pipeline adds session, revision and target. */
    public record Measured(Loudness loudness, LoudnessOverTime loudnessOverTime, Spectrum spectrum, Stereo stereo,
                           List<Platform> platforms, Waveform waveform) {
        /** The report of a revision; {@code unprocessedSum} is null when the sum could not be measured. */
        public MixReport forRevision(String session, int revision, Target target, UnprocessedSum unprocessedSum) {
            return forRevision(session, revision, target, unprocessedSum, null);
        }

        /** As {@link #forRevision(String, int, Target, UnprocessedSum)}, with the reference track (null when none). */
        public MixReport forRevision(String session, int revision, Target target, UnprocessedSum unprocessedSum, Reference reference) {
            return new MixReport(session, revision, target, loudness, loudnessOverTime, spectrum, stereo, platforms, waveform,
                    unprocessedSum == null ? null : unprocessedSum.integratedLufs(),
                    unprocessedSum == null ? null : unprocessedSum.bandEnergiesDb(),
                    unprocessedSum == null ? null : unprocessedSum.waveform(),
                    reference == null ? null : reference.integratedLufs(), reference == null ? null : reference.bandEnergiesDb());
        }
    }
}
