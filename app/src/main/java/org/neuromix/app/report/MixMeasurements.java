package org.neuromix.app.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.neuromix.engine.analysis.Bands;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.analysis.StemAnalyzer;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.loudness.LoudnessMeasurement;
import org.neuromix.engine.loudness.LoudnessMeter;
import org.neuromix.engine.plan.PlatformCompliance;

/**
 * Everything the results page shows about a finished mix, measured from the file: BS.1770
 * loudness (integrated, LRA, true peak), momentary and short-term loudness every 100 ms, a
 * waveform overview, the 1/3-octave spectrum, stereo width and correlation, and what each
 * streaming platform will do with it.
 */
public final class MixMeasurements {
    /** Points in the waveform overview. */
    static final int WAVEFORM_POINTS = 1000;
    /** Most points in a loudness curve (longer songs are decimated). */
    static final int MAX_CURVE_POINTS = 3000;

    private MixMeasurements() {
    }

    public record Result(LoudnessMeasurement measurement, double durationSeconds, MixReport.Measured report) {
    }

    public static Result measure(Path mix) throws AudioFileException {
        List<Double> momentary = new ArrayList<>();
        List<Double> shortTerm = new ArrayList<>();
        LoudnessMeasurement measurement;
        double durationSeconds;
        float[] peaks;
        try (AudioReader reader = AudioReader.open(mix)) {
            int rate = reader.sampleRate();
            int channels = reader.channels();
            long totalFrames = Math.max(1, Math.round(reader.info().durationSeconds() * rate));
            LoudnessMeter meter = LoudnessMeter.forFrontChannels(rate, channels);
            int step = rate / 10;
            AudioBuffer block = new AudioBuffer(channels, step);
            peaks = new float[2 * WAVEFORM_POINTS];
            long frame = 0;
            for (int n; (n = reader.read(block)) > 0; ) {
                meter.accept(block, 0, n);
                momentary.add(LoudnessMeasurement.defined(meter.loudness().momentaryLufs()));
                shortTerm.add(LoudnessMeasurement.defined(meter.loudness().shortTermLufs()));
                for (int i = 0; i < n; i++, frame++) {
                    float sum = 0;
                    for (int c = 0; c < channels; c++) {
                        sum += block.channel(c)[i];
                    }
                    float value = sum / channels;
                    int bucket = (int) Math.min(WAVEFORM_POINTS - 1, frame * WAVEFORM_POINTS / totalFrames);
                    peaks[2 * bucket] = Math.min(peaks[2 * bucket], value);
                    peaks[2 * bucket + 1] = Math.max(peaks[2 * bucket + 1], value);
                }
            }
            measurement = meter.measurement();
            durationSeconds = frame / (double) rate;
        }
        StemAnalysis analysis = StemAnalyzer.analyze(mix);

        MixReport.Loudness loudness = new MixReport.Loudness(LoudnessMeasurement.defined(measurement.integratedLufs()),
                LoudnessMeasurement.defined(measurement.loudnessRangeLu()), LoudnessMeasurement.defined(measurement.truePeakDbtp()),
                LoudnessMeasurement.defined(measurement.samplePeakDbfs()), LoudnessMeasurement.defined(measurement.maxMomentaryLufs()),
                LoudnessMeasurement.defined(measurement.maxShortTermLufs()), durationSeconds);

        int every = Math.max(1, (momentary.size() + MAX_CURVE_POINTS - 1) / MAX_CURVE_POINTS);
        MixReport.LoudnessOverTime curve = new MixReport.LoudnessOverTime(0.1 * every, decimate(momentary, every),
                decimate(shortTerm, every));

        List<Double> bands = new ArrayList<>();
        for (double db : analysis.bandEnergiesDb()) {
            bands.add(Double.isFinite(db) ? Math.round(db * 100) / 100.0 : null);
        }
        List<Double> centres = new ArrayList<>();
        for (double hz : Bands.CENTRES_HZ) {
            centres.add(hz);
        }
        MixReport.Spectrum spectrum = new MixReport.Spectrum(centres, bands, finite(analysis.spectralCentroidHz()));
        MixReport.Stereo stereo = new MixReport.Stereo(finite(analysis.stereoWidth()), finite(analysis.stereoCorrelation()));

        List<Double> waveform = new ArrayList<>(peaks.length);
        for (float p : peaks) {
            waveform.add(Math.round(p * 10_000) / 10_000.0);
        }
        MixReport.Measured report = new MixReport.Measured(loudness, curve, spectrum, stereo, platforms(measurement),
                new MixReport.Waveform(WAVEFORM_POINTS, waveform));
        return new Result(measurement, durationSeconds, report);
    }

    /** What each streaming platform does with a mix of this loudness: the report's "platforms" table. */
    public static List<MixReport.Platform> platforms(LoudnessMeasurement measurement) {
        List<MixReport.Platform> platforms = new ArrayList<>();
        for (PlatformCompliance.Verdict verdict : PlatformCompliance.of(measurement)) {
            platforms.add(new MixReport.Platform(verdict.platform().displayName(), verdict.platform().loudnessLufs(),
                    verdict.platform().truePeakDbtp(), LoudnessMeasurement.defined(verdict.deltaLu()), verdict.turnDownDb(),
                    verdict.truePeakOk(), verdict.compliant()));
        }
        return platforms;
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static List<Double> decimate(List<Double> values, int every) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i += every) {
            Double v = values.get(i);
            out.add(v == null ? null : Math.round(v * 100) / 100.0);
        }
        return out;
    }
}
