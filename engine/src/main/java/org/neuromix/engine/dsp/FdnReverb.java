package org.neuromix.engine.dsp;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;

/**
 * Stereo algorithmic reverb for a send bus (100 % wet): pre-delay, four series Schroeder
 * all-passes for early diffusion, then an 8-line feedback delay network (Jot and Chaigne, "Digital
 * delay networks for designing artificial reverberators", AES 1991) with a Householder feedback
 * matrix (lossless, O(N)), per-line gains set for the requested RT60 and one-pole low-pass damping
 * in each loop (high frequencies die sooner). Left and right take orthogonal sign patterns of the
 * lines (decorrelated), and the width control scales their side signal.
 *
 * <p>Input is the bus's stereo signal summed to mono; output replaces it. Delay lengths scale with
 * the sample rate. Deterministic and independent of block size. Latency: none (the pre-delay is
 * the effect's own).
 */
public final class FdnReverb implements Processor {
    private static final int LINES = 8;
    /** Mutually incommensurate loop lengths in ms (30-75 ms: a medium room to hall). */
    private static final double[] LINE_MS = {29.71, 37.11, 41.13, 43.73, 53.31, 59.93, 67.91, 73.33};
    private static final double[] DIFFUSER_MS = {4.771, 3.595, 12.73, 9.307};
    private static final double DIFFUSER_GAIN = 0.7;
    private static final double[] LEFT_SIGNS = {1, -1, 1, -1, 1, -1, 1, -1};
    private static final double[] RIGHT_SIGNS = {1, 1, -1, -1, 1, 1, -1, -1};
    private static final double[] INPUT_SIGNS = {1, 1, 1, 1, -1, -1, -1, -1};

    public record Settings(double preDelayMs, double decaySeconds, double damping, double width) {
        public Settings {
            Compressor.require(preDelayMs >= 0 && preDelayMs <= 250, "preDelayMs", "[0, 250]", preDelayMs);
            Compressor.require(decaySeconds >= 0.1 && decaySeconds <= 20, "decaySeconds", "[0.1, 20]", decaySeconds);
            Compressor.require(damping >= 0 && damping <= 0.95, "damping", "[0, 0.95]", damping);
            Compressor.require(width >= 0 && width <= 2, "width", "[0, 2]", width);
        }
    }

    private final Settings settings;
    private float[] preDelay;
    private int preDelayIndex;
    private float[][] diffusers;
    private int[] diffuserIndex;
    private double[][] lines;
    private int[] lineIndex;
    private double[] lineGain;
    private double[] dampState;
    private double[] lineOut;

    public FdnReverb(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void prepare(ProcessSpec spec) {
        double rate = spec.sampleRateHz();
        preDelay = new float[Math.max(1, (int) Math.round(settings.preDelayMs() * rate / 1000.0))];
        diffusers = new float[DIFFUSER_MS.length][];
        diffuserIndex = new int[DIFFUSER_MS.length];
        for (int d = 0; d < DIFFUSER_MS.length; d++) {
            diffusers[d] = new float[Math.max(1, (int) Math.round(DIFFUSER_MS[d] * rate / 1000.0))];
        }
        lines = new double[LINES][];
        lineIndex = new int[LINES];
        lineGain = new double[LINES];
        dampState = new double[LINES];
        lineOut = new double[LINES];
        for (int line = 0; line < LINES; line++) {
            int length = Math.max(1, (int) Math.round(LINE_MS[line] * rate / 1000.0));
            lines[line] = new double[length];
            // RT60: the loop must lose 60 dB in decaySeconds: -60 dB * (length / rate) / decay.
            lineGain[line] = Math.pow(10.0, -3.0 * length / (rate * settings.decaySeconds()));
        }
    }

    @Override
    public void process(AudioBuffer buffer) {
        float[] left = buffer.channel(0);
        float[] right = buffer.channels() > 1 ? buffer.channel(1) : null;
        double damping = settings.damping();
        double sideGain = settings.width();
        boolean preDelayed = settings.preDelayMs() > 0;
        double norm = 1.0 / Math.sqrt(LINES);
        double[] out = lineOut;
        for (int i = 0, frames = buffer.frames(); i < frames; i++) {
            double input = right == null ? left[i] : 0.5 * (left[i] + right[i]);
            double signal = input;
            if (preDelayed) {
                signal = preDelay[preDelayIndex];
                preDelay[preDelayIndex] = (float) input;
                preDelayIndex = preDelayIndex + 1 == preDelay.length ? 0 : preDelayIndex + 1;
            }
            // Schroeder all-passes: y = -g·x + d, and the line stores x + g·y.
            for (int d = 0; d < diffusers.length; d++) {
                float[] line = diffusers[d];
                int index = diffuserIndex[d];
                double y = -DIFFUSER_GAIN * signal + line[index];
                line[index] = (float) (signal + DIFFUSER_GAIN * y);
                diffuserIndex[d] = index + 1 == line.length ? 0 : index + 1;
                signal = y;
            }
            // FDN: read each line, damp and attenuate it, mix through the Householder matrix
            // (A = I - 2/N·11ᵀ), write back with the input distributed over the lines.
            double sum = 0, l = 0, r = 0;
            for (int line = 0; line < LINES; line++) {
                double value = lines[line][lineIndex[line]];
                dampState[line] = (1 - damping) * value + damping * dampState[line];
                double o = dampState[line] * lineGain[line];
                out[line] = o;
                sum += o;
                l += LEFT_SIGNS[line] * o;
                r += RIGHT_SIGNS[line] * o;
            }
            double householder = 2.0 / LINES * sum;
            double injected = signal * norm;
            for (int line = 0; line < LINES; line++) {
                write(line, out[line] - householder + INPUT_SIGNS[line] * injected);
            }
            double mid = 0.5 * (l + r) * norm;
            double side = 0.5 * (l - r) * norm * sideGain;
            if (right == null) {
                left[i] = (float) mid;
            } else {
                left[i] = (float) (mid + side);
                right[i] = (float) (mid - side);
            }
        }
    }

    private void write(int line, double value) {
        double[] delay = lines[line];
        int index = lineIndex[line];
        // Flush values far below audibility so silence never runs on subnormal numbers.
        delay[index] = Math.abs(value) < 1e-30 ? 0.0 : value;
        lineIndex[line] = index + 1 == delay.length ? 0 : index + 1;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(preDelay, 0f);
        for (float[] d : diffusers) {
            java.util.Arrays.fill(d, 0f);
        }
        for (double[] line : lines) {
            java.util.Arrays.fill(line, 0.0);
        }
        java.util.Arrays.fill(dampState, 0.0);
        java.util.Arrays.fill(diffuserIndex, 0);
        java.util.Arrays.fill(lineIndex, 0);
        preDelayIndex = 0;
    }
}
