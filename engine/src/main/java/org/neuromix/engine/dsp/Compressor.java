package org.neuromix.engine.dsp;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;

/**
 * Feed-forward compressor after Giannoulis, Massberg and Reiss, "Digital Dynamic Range
 * Compressor Design — A Tutorial and Analysis" (JAES 60(6), 2012): level detection (peak or RMS,
 * optionally through a side-chain high-pass), a soft-knee gain computer in dB, and a smooth
 * branching attack/release filter on the gain reduction in dB ("log-domain, decoupled" topology).
 *
 * <p>Attack and release are one-pole time constants: after a step the gain reduction covers 63 %
 * of its way in {@code attackMs} (or {@code releaseMs}). Detection is stereo-linked by default
 * (one gain for all channels, from the loudest), so the image does not shift. Gain reduction is
 * metered. State in {@code double}; the result is independent of block size. Latency: none.
 */
public final class Compressor implements Processor {
    private static final double RMS_WINDOW_MS = 10.0;
    private static final double FLOOR_DB = -120.0;
    private static final double DB_PER_NEPER = 20.0 / Math.log(10.0);
    /**
     * The linked RMS path runs its gain computer and attack/release filter once every this many frames
     * (0.33 ms at 48 kHz) and ramps the gain linearly in between; the detector still runs on every
     * frame. 2.5 times faster, and within 0.01 dB of the per-frame design on average (0.15 dB at the
     * sharpest onsets, for under a millisecond; {@code DynamicsTest}): the 10 ms RMS detector moves
     * little in 16 frames, and the filter's step is exact for a target held over them (c^16). Only
     * for attacks of at least {@value #CONTROL_RATE_MIN_ATTACK_MS} ms, so the ramp stays short against
     * the attack; faster ones take a step of one frame, and the peak detector runs per frame.
     */
    static final int CONTROL_STEP_FRAMES = 16;
    static final double CONTROL_RATE_MIN_ATTACK_MS = 2.0;

    public record Settings(double thresholdDb, double ratio, double attackMs, double releaseMs, double kneeDb,
                           double makeupGainDb, Detection detection, double sidechainHighPassHz, boolean stereoLinked) {
        public Settings {
            require(thresholdDb >= -80 && thresholdDb <= 0, "thresholdDb", "[-80, 0]", thresholdDb);
            require(ratio >= 1 && ratio <= 100, "ratio", "[1, 100]", ratio);
            require(attackMs >= 0.01 && attackMs <= 1000, "attackMs", "[0.01, 1000]", attackMs);
            require(releaseMs >= 1 && releaseMs <= 5000, "releaseMs", "[1, 5000]", releaseMs);
            require(kneeDb >= 0 && kneeDb <= 24, "kneeDb", "[0, 24]", kneeDb);
            require(makeupGainDb >= -24 && makeupGainDb <= 24, "makeupGainDb", "[-24, 24]", makeupGainDb);
            require(sidechainHighPassHz == 0 || (sidechainHighPassHz >= 10 && sidechainHighPassHz <= 1000),
                    "sidechainHighPassHz", "0 (off) or [10, 1000]", sidechainHighPassHz);
            if (detection == null) {
                throw new IllegalArgumentException("detection must be PEAK or RMS");
            }
        }
    }

    static void require(boolean valid, String name, String range, double value) {
        if (!valid) {
            throw new IllegalArgumentException(name + " must be in " + range + ", was " + value);
        }
    }

    private final Settings settings;
    private double attackCoefficient;
    private double releaseCoefficient;
    private double rmsCoefficient;
    private BiquadCoefficients sidechainFilter;
    private double[][] sidechainState;
    /** Per detector (one when linked): smoothed gain reduction in dB (≤ 0) and mean square. */
    private double[] smoothedGainDb;
    private double[] meanSquare;
    private double lastGainReductionDb;
    private float[] sidechainLeft = new float[0];
    private float[] sidechainRight = new float[0];
    private double maxGainReductionDb;
    /** Control-rate state of the linked RMS path: frames into the current step, the gain ramp's ends. */
    private int controlFrames = 1;
    private double attackPerStep;
    private double releasePerStep;
    private int stepPhase;
    private float rampFrom = 1f;
    private float rampTo = 1f;

    public Compressor(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    @Override
    public void prepare(ProcessSpec spec) {
        double rate = spec.sampleRateHz();
        attackCoefficient = Math.exp(-1000.0 / (settings.attackMs() * rate));
        releaseCoefficient = Math.exp(-1000.0 / (settings.releaseMs() * rate));
        rmsCoefficient = Math.exp(-1000.0 / (RMS_WINDOW_MS * rate));
        sidechainFilter = settings.sidechainHighPassHz() > 0
                ? BiquadCoefficients.design(FilterType.HIGH_PASS, Math.min(settings.sidechainHighPassHz(), rate * 0.45),
                        BiquadCoefficients.BUTTERWORTH_Q, 0, rate)
                : null;
        sidechainState = new double[spec.channels()][2];
        sidechainLeft = new float[spec.maxBlockFrames()];
        sidechainRight = new float[spec.maxBlockFrames()];
        int detectors = settings.stereoLinked() ? 1 : spec.channels();
        smoothedGainDb = new double[detectors];
        meanSquare = new double[detectors];
        controlFrames = settings.attackMs() >= CONTROL_RATE_MIN_ATTACK_MS ? CONTROL_STEP_FRAMES : 1;
        attackPerStep = Math.pow(attackCoefficient, controlFrames);
        releasePerStep = Math.pow(releaseCoefficient, controlFrames);
        stepPhase = 0;
        rampFrom = rampTo = (float) DecibelTables.dbToAmplitude(settings.makeupGainDb());
    }

    /** Static curve: output level in dB for a steady input level in dB (the soft-knee gain computer). */
    public double staticCurveDb(double inputDb) {
        double threshold = settings.thresholdDb(), ratio = settings.ratio(), knee = settings.kneeDb();
        double over = inputDb - threshold;
        if (2 * over < -knee) {
            return inputDb;
        }
        if (2 * Math.abs(over) <= knee && knee > 0) {
            double x = over + knee / 2;
            return inputDb + (1 / ratio - 1) * x * x / (2 * knee);
        }
        return threshold + over / ratio;
    }

    @Override
    public void process(AudioBuffer buffer) {
        if (settings.stereoLinked() && buffer.channels() <= 2) {
            processLinked(buffer);
        } else {
            processGeneral(buffer);
        }
    }

    /**
     * Mono or linked stereo, the common case, written as one tight loop with table-driven dB
     * conversions ({@link DecibelTables}). Levels below the knee skip the conversion (their gain
     * target is 0 dB), and a gain reduction that has released to within 1e-6 dB of zero snaps to
     * zero.
     */
    private void processLinked(AudioBuffer buffer) {
        float[] left = buffer.channel(0);
        float[] right = buffer.channels() > 1 ? buffer.channel(1) : left;
        int frames = buffer.frames();
        // The side-chain signal: the audio itself, or its high-passed copy.
        float[] detectLeft = left;
        float[] detectRight = right;
        if (sidechainFilter != null) {
            detectLeft = filterSidechain(0, left, frames, sidechainLeft);
            detectRight = right == left ? detectLeft : filterSidechain(1, right, frames, sidechainRight);
        }
        // Separate loops per detector keep each one simple for the JIT.
        double blockMaxReduction = settings.detection() == Detection.RMS
                ? linkedRms(left, right, detectLeft, detectRight, frames)
                : linkedPeak(left, right, detectLeft, detectRight, frames);
        lastGainReductionDb = -smoothedGainDb[0];
        maxGainReductionDb = Math.max(maxGainReductionDb, blockMaxReduction);
    }

    private float[] filterSidechain(int channel, float[] input, int frames, float[] output) {
        BiquadCoefficients c = sidechainFilter;
        double[] state = sidechainState[channel];
        double s1 = state[0], s2 = state[1];
        for (int i = 0; i < frames; i++) {
            double in = input[i] + 1e-20;
            double out = c.b0() * in + s1;
            s1 = c.b1() * in - c.a1() * out + s2;
            s2 = c.b2() * in - c.a2() * out;
            output[i] = (float) out;
        }
        state[0] = s1;
        state[1] = s2;
        return output;
    }

    /**
     * The RMS detector on every frame; the gain computer and the attack/release filter once per
     * control step ({@code controlFrames}: 16, or 1 for fast attacks), at the step's first frame
     * (its level included), then the gain ramps from the last step's value to the new one over the
     * step. The state carries across blocks, so any block split gives the same output.
     */
    private double linkedRms(float[] left, float[] right, float[] detectLeft, float[] detectRight, int frames) {
        double threshold = settings.thresholdDb(), knee = settings.kneeDb(), slope = 1 / settings.ratio() - 1;
        double kneeStartLevel = Math.pow(10, (threshold - knee / 2) / 20);
        double kneeStartPower = kneeStartLevel * kneeStartLevel;
        double makeup = settings.makeupGainDb();
        float makeupGain = (float) DecibelTables.dbToAmplitude(makeup);
        double average = rmsCoefficient;
        int step = controlFrames;
        double ms = meanSquare[0];
        double smoothed = smoothedGainDb[0];
        double maxReduction = 0;
        int phase = stepPhase;
        float from = rampFrom, to = rampTo;
        float increment = (to - from) / step;
        int i = 0;
        while (i < frames) {
            if (phase == 0) {
                double xl = detectLeft[i], xr = detectRight[i];
                ms = average * ms + (1 - average) * 0.5 * (xl * xl + xr * xr);
                double target = ms > kneeStartPower
                        ? gainComputerDb(0.5 * DecibelTables.amplitudeToDb(ms), threshold, knee, slope) : 0;
                double coefficient = target < smoothed ? attackPerStep : releasePerStep;
                smoothed = coefficient * smoothed + (1 - coefficient) * target;
                if (smoothed > -1e-6) {
                    smoothed = 0;
                }
                if (-smoothed > maxReduction) {
                    maxReduction = -smoothed;
                }
                from = to;
                to = smoothed == 0 ? makeupGain : (float) DecibelTables.dbToAmplitude(smoothed + makeup);
                increment = (to - from) / step;
                float gain = from + increment;
                left[i] *= gain;
                if (right != left) {
                    right[i] *= gain;
                }
                i++;
                phase = 1;
                continue;
            }
            // The rest of the step: the detector only, and the ramp.
            int end = Math.min(frames, i + step - phase);
            for (; i < end; i++) {
                double xl = detectLeft[i], xr = detectRight[i];
                ms = average * ms + (1 - average) * 0.5 * (xl * xl + xr * xr);
                phase++;
                float gain = from + increment * phase;
                left[i] *= gain;
                if (right != left) {
                    right[i] *= gain;
                }
            }
            if (phase == step) {
                phase = 0;
            }
        }
        meanSquare[0] = ms;
        smoothedGainDb[0] = smoothed;
        stepPhase = phase;
        rampFrom = from;
        rampTo = to;
        return maxReduction;
    }

    private double linkedPeak(float[] left, float[] right, float[] detectLeft, float[] detectRight, int frames) {
        double threshold = settings.thresholdDb(), knee = settings.kneeDb(), slope = 1 / settings.ratio() - 1;
        double kneeStartLevel = Math.pow(10, (threshold - knee / 2) / 20);
        double makeup = settings.makeupGainDb();
        float makeupGain = (float) DecibelTables.dbToAmplitude(makeup);
        double attack = attackCoefficient, release = releaseCoefficient;
        double smoothed = smoothedGainDb[0];
        double maxReduction = 0;
        for (int i = 0; i < frames; i++) {
            double absLeft = Math.abs(detectLeft[i]), absRight = Math.abs(detectRight[i]);
            double level = absLeft > absRight ? absLeft : absRight;
            double target = level > kneeStartLevel
                    ? gainComputerDb(DecibelTables.amplitudeToDb(level), threshold, knee, slope) : 0;
            double coefficient = target < smoothed ? attack : release;
            smoothed = coefficient * smoothed + (1 - coefficient) * target;
            if (smoothed > -1e-6) {
                smoothed = 0;
            }
            float gain = smoothed == 0 ? makeupGain : (float) DecibelTables.dbToAmplitude(smoothed + makeup);
            left[i] *= gain;
            if (right != left) {
                right[i] *= gain;
            }
            if (-smoothed > maxReduction) {
                maxReduction = -smoothed;
            }
        }
        smoothedGainDb[0] = smoothed;
        return maxReduction;
    }

    /** Gain change in dB (≤ 0) of the soft-knee curve for a level in dB. */
    private static double gainComputerDb(double levelDb, double threshold, double knee, double slope) {
        double over = levelDb - threshold;
        if (2 * over < -knee) {
            return 0;
        }
        if (2 * over <= knee && knee > 0) {
            double x = over + knee / 2;
            return slope * x * x / (2 * knee);
        }
        return slope * over;
    }

    /** Any channel count, linked or per channel. */
    private void processGeneral(AudioBuffer buffer) {
        int channels = buffer.channels();
        int frames = buffer.frames();
        boolean rms = settings.detection() == Detection.RMS;
        double makeup = settings.makeupGainDb();
        double blockMaxReduction = 0;
        double last = 0;
        int detectors = smoothedGainDb.length;
        for (int i = 0; i < frames; i++) {
            for (int detector = 0; detector < detectors; detector++) {
                int firstChannel = detectors == 1 ? 0 : detector;
                int endChannel = detectors == 1 ? channels : detector + 1;
                double level = 0;
                for (int channel = firstChannel; channel < endChannel; channel++) {
                    double x = sidechain(channel, buffer.channel(channel)[i]);
                    level = rms ? level + x * x : Math.max(level, Math.abs(x));
                }
                double levelDb;
                if (rms) {
                    meanSquare[detector] = rmsCoefficient * meanSquare[detector]
                            + (1 - rmsCoefficient) * level / (endChannel - firstChannel);
                    levelDb = meanSquare[detector] > 1e-12 ? 0.5 * DB_PER_NEPER * Math.log(meanSquare[detector]) : FLOOR_DB;
                } else {
                    levelDb = level > 1e-6 ? DB_PER_NEPER * Math.log(level) : FLOOR_DB;
                }
                double targetGainDb = staticCurveDb(levelDb) - levelDb;
                double previous = smoothedGainDb[detector];
                double coefficient = targetGainDb < previous ? attackCoefficient : releaseCoefficient;
                double smoothed = coefficient * previous + (1 - coefficient) * targetGainDb;
                if (smoothed > -1e-6) {
                    smoothed = 0;
                }
                smoothedGainDb[detector] = smoothed;
                double totalDb = smoothed + makeup;
                float gain = totalDb == 0 ? 1f : (float) Math.exp(totalDb / DB_PER_NEPER);
                for (int channel = firstChannel; channel < endChannel; channel++) {
                    buffer.channel(channel)[i] *= gain;
                }
                blockMaxReduction = Math.max(blockMaxReduction, -smoothed);
                last = -smoothed;
            }
        }
        lastGainReductionDb = last;
        maxGainReductionDb = Math.max(maxGainReductionDb, blockMaxReduction);
    }

    private double sidechain(int channel, float sample) {
        if (sidechainFilter == null) {
            return sample;
        }
        BiquadCoefficients c = sidechainFilter;
        double[] s = sidechainState[channel];
        double in = sample + 1e-20;
        double out = c.b0() * in + s[0];
        s[0] = c.b1() * in - c.a1() * out + s[1];
        s[1] = c.b2() * in - c.a2() * out;
        return out;
    }

    /** Gain reduction at the end of the last block, dB (positive). */
    public double gainReductionDb() {
        return lastGainReductionDb;
    }

    /** Largest gain reduction since the last reset, dB (positive). */
    public double maxGainReductionDb() {
        return maxGainReductionDb;
    }

    @Override
    public void reset() {
        for (double[] s : sidechainState) {
            java.util.Arrays.fill(s, 0);
        }
        java.util.Arrays.fill(smoothedGainDb, 0);
        java.util.Arrays.fill(meanSquare, 0);
        lastGainReductionDb = 0;
        maxGainReductionDb = 0;
        stepPhase = 0;
        rampFrom = rampTo = (float) DecibelTables.dbToAmplitude(settings.makeupGainDb());
    }
}
