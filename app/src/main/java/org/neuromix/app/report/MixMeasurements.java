package org.neuromix.app.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    public record Result(LoudnessMeasurement measurement, double durationSeconds, Map<String, Object> report) {
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

        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> loudness = new LinkedHashMap<>();
        loudness.put("integratedLufs", LoudnessMeasurement.defined(measurement.integratedLufs()));
        loudness.put("loudnessRangeLu", LoudnessMeasurement.defined(measurement.loudnessRangeLu()));
        loudness.put("truePeakDbtp", LoudnessMeasurement.defined(measurement.truePeakDbtp()));
        loudness.put("samplePeakDbfs", LoudnessMeasurement.defined(measurement.samplePeakDbfs()));
        loudness.put("maxMomentaryLufs", LoudnessMeasurement.defined(measurement.maxMomentaryLufs()));
        loudness.put("maxShortTermLufs", LoudnessMeasurement.defined(measurement.maxShortTermLufs()));
        loudness.put("durationSeconds", durationSeconds);
        report.put("loudness", loudness);

        int every = Math.max(1, (momentary.size() + MAX_CURVE_POINTS - 1) / MAX_CURVE_POINTS);
        Map<String, Object> curve = new LinkedHashMap<>();
        curve.put("stepSeconds", 0.1 * every);
        curve.put("momentaryLufs", decimate(momentary, every));
        curve.put("shortTermLufs", decimate(shortTerm, every));
        report.put("loudnessOverTime", curve);

        Map<String, Object> spectrum = new LinkedHashMap<>();
        spectrum.put("bandCentresHz", Bands.CENTRES_HZ);
        List<Double> bands = new ArrayList<>();
        for (double db : analysis.bandEnergiesDb()) {
            bands.add(Double.isFinite(db) ? Math.round(db * 100) / 100.0 : null);
        }
        spectrum.put("bandEnergiesDb", bands);
        spectrum.put("spectralCentroidHz", finite(analysis.spectralCentroidHz()));
        report.put("spectrum", spectrum);

        Map<String, Object> stereo = new LinkedHashMap<>();
        stereo.put("width", finite(analysis.stereoWidth()));
        stereo.put("correlation", finite(analysis.stereoCorrelation()));
        report.put("stereo", stereo);

        report.put("platforms", platforms(measurement));

        List<Double> waveform = new ArrayList<>(peaks.length);
        for (float p : peaks) {
            waveform.add(Math.round(p * 10_000) / 10_000.0);
        }
        report.put("waveform", Map.of("points", WAVEFORM_POINTS, "minMax", waveform));
        return new Result(measurement, durationSeconds, report);
    }

    /** What each streaming platform does with a mix of this loudness: the report's "platforms" table. */
    public static List<Map<String, Object>> platforms(LoudnessMeasurement measurement) {
        List<Map<String, Object>> platforms = new ArrayList<>();
        for (PlatformCompliance.Verdict verdict : PlatformCompliance.of(measurement)) {
            Map<String, Object> platform = new LinkedHashMap<>();
            platform.put("platform", verdict.platform().displayName());
            platform.put("referenceLufs", verdict.platform().loudnessLufs());
            platform.put("ceilingDbtp", verdict.platform().truePeakDbtp());
            platform.put("deltaLu", LoudnessMeasurement.defined(verdict.deltaLu()));
            platform.put("turnDownDb", verdict.turnDownDb());
            platform.put("truePeakOk", verdict.truePeakOk());
            platform.put("compliant", verdict.compliant());
            platforms.add(platform);
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
