package org.neuromix.engine.dsp;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;

/**
 * Noise gate / downward expander for bleed and noise on stems. Below the threshold the level is
 * pushed down by (ratio − 1) dB per dB (ratio 100 acts as a gate), never by more than
 * {@code rangeDb}. Structure as in {@link Compressor} (Giannoulis et al. 2012): a peak envelope
 * (instant rise, 10 ms fall) feeds a gain computer in dB, whose output opens with the attack time
 * constant and, after {@code holdMs} below the threshold, closes with the release time constant.
 * Stereo-linked. Latency: none.
 */
public final class NoiseGate implements Processor {
    private static final double DETECTOR_RELEASE_MS = 10.0;

    public record Settings(double thresholdDb, double ratio, double rangeDb, double attackMs, double holdMs,
                           double releaseMs) {
        public Settings {
            Compressor.require(thresholdDb >= -100 && thresholdDb <= 0, "thresholdDb", "[-100, 0]", thresholdDb);
            Compressor.require(ratio >= 1 && ratio <= 100, "ratio", "[1, 100]", ratio);
            Compressor.require(rangeDb >= 0 && rangeDb <= 120, "rangeDb", "[0, 120]", rangeDb);
            Compressor.require(attackMs >= 0.01 && attackMs <= 1000, "attackMs", "[0.01, 1000]", attackMs);
            Compressor.require(holdMs >= 0 && holdMs <= 5000, "holdMs", "[0, 5000]", holdMs);
            Compressor.require(releaseMs >= 1 && releaseMs <= 5000, "releaseMs", "[1, 5000]", releaseMs);
        }
    }

    private final Settings settings;
    private double attackCoefficient;
    private double releaseCoefficient;
    private double detectorCoefficient;
    private int holdFrames;
    private double envelope;
    private double smoothedGainDb;
    private int holdLeft;

    public NoiseGate(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void prepare(ProcessSpec spec) {
        double rate = spec.sampleRateHz();
        attackCoefficient = Math.exp(-1000.0 / (settings.attackMs() * rate));
        releaseCoefficient = Math.exp(-1000.0 / (settings.releaseMs() * rate));
        detectorCoefficient = Math.exp(-1000.0 / (DETECTOR_RELEASE_MS * rate));
        holdFrames = (int) Math.round(settings.holdMs() * rate / 1000.0);
    }

    /** Gain in dB the gate applies to a steady level (before smoothing). */
    public double staticGainDb(double levelDb) {
        if (levelDb >= settings.thresholdDb()) {
            return 0;
        }
        return Math.max(-settings.rangeDb(), (levelDb - settings.thresholdDb()) * (settings.ratio() - 1));
    }

    @Override
    public void process(AudioBuffer buffer) {
        int channels = buffer.channels();
        for (int i = 0, frames = buffer.frames(); i < frames; i++) {
            double peak = 0;
            for (int channel = 0; channel < channels; channel++) {
                peak = Math.max(peak, Math.abs(buffer.channel(channel)[i]));
            }
            envelope = Math.max(peak, detectorCoefficient * envelope);
            double levelDb = envelope > 1e-7 ? DecibelTables.amplitudeToDb(envelope) : -140;
            double target = staticGainDb(levelDb);
            if (target >= smoothedGainDb) {
                smoothedGainDb = attackCoefficient * smoothedGainDb + (1 - attackCoefficient) * target;
                holdLeft = holdFrames;
            } else if (holdLeft > 0) {
                holdLeft--;
            } else {
                smoothedGainDb = releaseCoefficient * smoothedGainDb + (1 - releaseCoefficient) * target;
            }
            if (smoothedGainDb != 0) {
                float gain = (float) DecibelTables.dbToAmplitude(smoothedGainDb);
                for (int channel = 0; channel < channels; channel++) {
                    buffer.channel(channel)[i] *= gain;
                }
            }
        }
    }

    @Override
    public void reset() {
        envelope = 0;
        smoothedGainDb = 0;
        holdLeft = 0;
    }
}
