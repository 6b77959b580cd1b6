package org.neuromix.engine.dsp;

import java.util.Arrays;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;
import org.neuromix.engine.loudness.InterSamplePeaks;
import org.neuromix.engine.loudness.TruePeakMeter;

/**
 * Look-ahead true-peak limiter for the master bus. Peaks are detected on the 4× oversampled
 * signal (2× from 96 kHz) with the interpolator of {@link TruePeakMeter} (BS.1770-4 Annex 2), so
 * inter-sample peaks are caught. For every sample the gain needed to keep it and its neighbouring
 * inter-sample points under the ceiling is computed; a sliding minimum over the look-ahead window
 * (widened by the interpolator's reach on each side), an exponential release, and a moving average
 * over the look-ahead give the applied gain. The moving average makes the attack a smooth ramp
 * that is complete when the peak arrives: every output sample within the interpolator's reach of a
 * peak is scaled by no more than that peak needs. Stereo-linked.
 *
 * <p>Latency: look-ahead + 16 frames (the renderer compensates it). Independent of block size.
 */
public final class TruePeakLimiter implements Processor {
    private static final int TAPS = TruePeakMeter.TAPS_PER_PHASE;
    private static final int REACH = TAPS / 2;

    public record Settings(double ceilingDbtp, double releaseMs, double lookaheadMs) {
        public Settings {
            Compressor.require(ceilingDbtp >= -20 && ceilingDbtp <= 0, "ceilingDbtp", "[-20, 0]", ceilingDbtp);
            Compressor.require(releaseMs >= 1 && releaseMs <= 2000, "releaseMs", "[1, 2000]", releaseMs);
            Compressor.require(lookaheadMs >= 0.5 && lookaheadMs <= 20, "lookaheadMs", "[0.5, 20]", lookaheadMs);
        }
    }

    private final Settings settings;
    private double ceiling;
    private double releaseCoefficient;
    private int lookahead;
    private InterSamplePeaks inBetween;
    private float[][] window;
    private float[] intervalPeaks;
    private float[][] delay;
    private int delaySize;
    private int delayWrite;
    private long position;
    private float previousIntervalPeak;
    // Sliding minimum (monotonic deque) of the required gains.
    private long[] minPositions;
    private double[] minValues;
    private int minHead;
    private int minTail;
    private int minWindow;
    // Release and moving average.
    private double released;
    private double[] box;
    private int boxIndex;
    private double boxSum;
    private double minAppliedGain;

    public TruePeakLimiter(Settings settings) {
        this.settings = settings;
    }

    @Override
    public void prepare(ProcessSpec spec) {
        double rate = spec.sampleRateHz();
        ceiling = Math.pow(10, settings.ceilingDbtp() / 20);
        releaseCoefficient = Math.exp(-1000.0 / (settings.releaseMs() * rate));
        lookahead = Math.max(1, (int) Math.round(settings.lookaheadMs() * rate / 1000.0));
        inBetween = new InterSamplePeaks(rate < 96_000 ? 4 : 2);
        window = new float[spec.channels()][TAPS - 1 + spec.maxBlockFrames()];
        intervalPeaks = new float[spec.maxBlockFrames()];
        delaySize = lookahead + 2 * REACH + 1;
        delay = new float[spec.channels()][delaySize];
        minWindow = lookahead + 2 * REACH + 1;
        // A power-of-two ring, so positions wrap with a mask.
        int capacity = Integer.highestOneBit(minWindow + 1) << 1;
        minPositions = new long[capacity];
        minValues = new double[capacity];
        box = new double[lookahead + 1];
        reset();
    }

    @Override
    public int latencyFrames() {
        return lookahead + 2 * REACH;
    }

    @Override
    public void process(AudioBuffer buffer) {
        int frames = buffer.frames();
        int channels = buffer.channels();
        Arrays.fill(intervalPeaks, 0, frames, 0f);
        for (int channel = 0; channel < channels; channel++) {
            float[] w = window[channel];
            System.arraycopy(buffer.channel(channel), 0, w, TAPS - 1, frames);
            inBetween.accumulate(w, 0, frames, intervalPeaks, 0);
        }
        double inverseBoxLength = 1.0 / box.length;
        double releaseStep = 1 - releaseCoefficient;
        float[] first = buffer.channel(0);
        float[] second = channels > 1 ? buffer.channel(1) : null;
        float[] firstDelay = delay[0];
        float[] secondDelay = channels > 1 ? delay[1] : null;
        int mask = minValues.length - 1;
        for (int j = 0; j < frames; j++) {
            long now = position + j;
            // Ring positions advance together: write at now, check at now - REACH, output at now - latency.
            int writeIndex = delayWrite;
            int checkIndex = writeIndex - REACH < 0 ? writeIndex - REACH + delaySize : writeIndex - REACH;
            int outputIndex = writeIndex + 1 == delaySize ? 0 : writeIndex + 1;
            delayWrite = outputIndex;
            firstDelay[writeIndex] = first[j];
            float samplePeak = Math.abs(firstDelay[checkIndex]);
            if (second != null) {
                secondDelay[writeIndex] = second[j];
                float other = Math.abs(secondDelay[checkIndex]);
                samplePeak = other > samplePeak ? other : samplePeak;
            }
            for (int channel = 2; channel < channels; channel++) {
                delay[channel][writeIndex] = buffer.channel(channel)[j];
                float other = Math.abs(delay[channel][checkIndex]);
                samplePeak = other > samplePeak ? other : samplePeak;
            }
            // The sample REACH frames back, with the inter-sample points on either side of it.
            float interval = intervalPeaks[j];
            float peak = samplePeak;
            peak = previousIntervalPeak > peak ? previousIntervalPeak : peak;
            peak = interval > peak ? interval : peak;
            previousIntervalPeak = interval;
            double required = peak > ceiling ? ceiling / peak : 1.0;

            long checked = now - REACH;
            while (minTail > minHead && minValues[(minTail - 1) & mask] >= required) {
                minTail--;
            }
            minPositions[minTail & mask] = checked;
            minValues[minTail & mask] = required;
            minTail++;
            while (minPositions[minHead & mask] <= checked - minWindow) {
                minHead++;
            }
            double windowMin = minValues[minHead & mask];

            released = windowMin <= released ? windowMin : released + releaseStep * (windowMin - released);
            boxSum += released - box[boxIndex];
            box[boxIndex] = released;
            boxIndex = boxIndex + 1 == box.length ? 0 : boxIndex + 1;
            double average = boxSum * inverseBoxLength;
            double gain = average < 1.0 ? average : 1.0;
            if (gain < minAppliedGain) {
                minAppliedGain = gain;
            }
            first[j] = (float) (firstDelay[outputIndex] * gain);
            if (second != null) {
                second[j] = (float) (secondDelay[outputIndex] * gain);
            }
            for (int channel = 2; channel < channels; channel++) {
                buffer.channel(channel)[j] = (float) (delay[channel][outputIndex] * gain);
            }
        }
        for (float[] w : window) {
            System.arraycopy(w, frames, w, 0, TAPS - 1);
        }
        position += frames;
        // Keep the deque's counters small; positions stay absolute.
        if (minHead > 1 << 30) {
            int shift = minHead & ~(minValues.length - 1);
            minHead -= shift;
            minTail -= shift;
        }
    }

    /** Largest gain reduction since the last reset, dB (positive). */
    public double maxGainReductionDb() {
        return -20 * Math.log10(minAppliedGain);
    }

    @Override
    public void reset() {
        for (float[] w : window) {
            Arrays.fill(w, 0f);
        }
        for (float[] d : delay) {
            Arrays.fill(d, 0f);
        }
        position = 0;
        delayWrite = 0;
        previousIntervalPeak = 0;
        minHead = 0;
        minTail = 0;
        released = 1.0;
        Arrays.fill(box, 1.0);
        boxSum = box.length;
        boxIndex = 0;
        minAppliedGain = 1.0;
    }
}
