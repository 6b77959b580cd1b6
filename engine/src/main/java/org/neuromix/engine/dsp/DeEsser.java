package org.neuromix.engine.dsp;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;

/**
 * Split-band de-esser: band-limited compression of sibilance. The band above {@code frequencyHz}
 * is taken as the input minus its RBJ 2nd-order low-pass, so the two bands always sum back to the
 * input exactly. That band is measured (peak, stereo-linked); when it exceeds the threshold its
 * gain is reduced by the compressor law of {@link Compressor} (ratio, at most {@code rangeDb}),
 * with a 1 ms attack and 60 ms release, and only that band is turned down:
 * out = x − (1 − g)·highBand(x). With no reduction the output equals the input. Latency: none.
 */
public final class DeEsser implements Processor {
    private static final double ATTACK_MS = 1.0;
    private static final double RELEASE_MS = 60.0;

    public record Settings(double frequencyHz, double thresholdDb, double ratio, double rangeDb) {
        public Settings {
            Compressor.require(frequencyHz >= 2000 && frequencyHz <= 16000, "frequencyHz", "[2000, 16000]", frequencyHz);
            Compressor.require(thresholdDb >= -80 && thresholdDb <= 0, "thresholdDb", "[-80, 0]", thresholdDb);
            Compressor.require(ratio >= 1 && ratio <= 100, "ratio", "[1, 100]", ratio);
            Compressor.require(rangeDb >= 0 && rangeDb <= 40, "rangeDb", "[0, 40]", rangeDb);
        }
    }

    private final Settings settings;
    private BiquadCoefficients band;
    private double[][] bandState;
    private float[][] highBand;
    private double attackCoefficient;
    private double releaseCoefficient;
    private double smoothedGainDb;
    private double maxReductionDb;

    public DeEsser(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void prepare(ProcessSpec spec) {
        double rate = spec.sampleRateHz();
        band = BiquadCoefficients.design(FilterType.LOW_PASS, Math.min(settings.frequencyHz(), rate * 0.45),
                BiquadCoefficients.BUTTERWORTH_Q, 0, rate);
        bandState = new double[spec.channels()][2];
        highBand = new float[spec.channels()][spec.maxBlockFrames()];
        attackCoefficient = Math.exp(-1000.0 / (ATTACK_MS * rate));
        releaseCoefficient = Math.exp(-1000.0 / (RELEASE_MS * rate));
    }

    @Override
    public void process(AudioBuffer buffer) {
        int channels = buffer.channels();
        int frames = buffer.frames();
        for (int channel = 0; channel < channels; channel++) {
            float[] x = buffer.channel(channel);
            float[] h = highBand[channel];
            double[] s = bandState[channel];
            double s1 = s[0], s2 = s[1];
            for (int i = 0; i < frames; i++) {
                double in = x[i] + 1e-20;
                double out = band.b0() * in + s1;
                s1 = band.b1() * in - band.a1() * out + s2;
                s2 = band.b2() * in - band.a2() * out;
                h[i] = (float) (x[i] - out);
            }
            s[0] = s1;
            s[1] = s2;
        }
        double threshold = settings.thresholdDb();
        for (int i = 0; i < frames; i++) {
            double peak = 0;
            for (int channel = 0; channel < channels; channel++) {
                peak = Math.max(peak, Math.abs(highBand[channel][i]));
            }
            double levelDb = peak > 1e-6 ? DecibelTables.amplitudeToDb(peak) : -120;
            double target = levelDb > threshold
                    ? Math.max(-settings.rangeDb(), (threshold - levelDb) * (1 - 1 / settings.ratio()))
                    : 0;
            double coefficient = target < smoothedGainDb ? attackCoefficient : releaseCoefficient;
            smoothedGainDb = coefficient * smoothedGainDb + (1 - coefficient) * target;
            maxReductionDb = Math.max(maxReductionDb, -smoothedGainDb);
            if (smoothedGainDb != 0) {
                float cut = (float) (1 - DecibelTables.dbToAmplitude(smoothedGainDb));
                for (int channel = 0; channel < channels; channel++) {
                    buffer.channel(channel)[i] -= cut * highBand[channel][i];
                }
            }
        }
    }

    /** Largest reduction of the sibilance band since the last reset, dB (positive). */
    public double maxGainReductionDb() {
        return maxReductionDb;
    }

    @Override
    public void reset() {
        for (double[] s : bandState) {
            java.util.Arrays.fill(s, 0);
        }
        smoothedGainDb = 0;
        maxReductionDb = 0;
    }
}
