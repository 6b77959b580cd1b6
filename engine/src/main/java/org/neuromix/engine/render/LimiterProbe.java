package org.neuromix.engine.render;

import java.util.ArrayList;
import java.util.List;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ChannelRole;
import org.neuromix.engine.audio.ProcessSpec;
import org.neuromix.engine.dsp.TruePeakLimiter;
import org.neuromix.engine.loudness.GatedLoudnessMeter;

/**
 * Excerpts of the pre-limiter master, kept while it is rendered, on which the limiter is tried at
 * candidate gains to predict how much loudness it takes away. The first gain + limiter pass over
 * the whole master then starts from that prediction: started from the unlimited estimate it missed
 * the target by the limiter's share (a few tenths of a LU on a loud master) and a second whole pass
 * was needed. The passes still measure the result; the probe only chooses where they start.
 *
 * <p>Excerpts are runs of {@value #EXCERPT_BLOCKS} consecutive blocks, one run in every
 * {@code stride} (chosen for about {@value #EXCERPTS_WANTED} runs over the expected length); when more than {@value #MAX_EXCERPTS} runs are kept, every other one is dropped and
 * the stride doubles, so memory stays bounded (about 64 s of stereo audio) whatever the length.
 * Each run starts a fresh limiter; its first {@value #WARM_UP_BLOCKS} blocks let the release settle
 * and are not measured. Not thread-safe.
 */
final class LimiterProbe {
    /** About 1 s at 48 kHz in 4096-frame blocks. */
    static final int EXCERPT_BLOCKS = 12;
    static final int WARM_UP_BLOCKS = 3;
    private static final int MAX_EXCERPTS = 64;
    /** About this many excerpts for a programme of the expected length... */
    private static final int EXCERPTS_WANTED = 24;
    /** ...but never more than a third of it: each step of the search runs the limiter over all of them. */
    private static final int MIN_STRIDE = 3;
    private static final int SEARCH_STEPS = 6;
    private static final double SEARCH_TOLERANCE_LU = 0.01;

    private final List<float[][]> excerpts = new ArrayList<>();
    private final int blockFrames;
    private int stride;
    private long block;
    private float[][] current;
    private int currentFrames;

    /** @param expectedFrames the programme's length as far as known beforehand (0 when unknown) */
    LimiterProbe(int blockFrames, long expectedFrames) {
        this.blockFrames = blockFrames;
        long expectedRuns = expectedFrames / ((long) EXCERPT_BLOCKS * blockFrames);
        stride = (int) Math.max(MIN_STRIDE, Math.min(1 << 20, Math.round(expectedRuns / (double) EXCERPTS_WANTED)));
    }

    /** Offers the next block of the master ({@code count} frames of a stereo buffer). */
    void offer(AudioBuffer mix, int count) {
        long run = block / EXCERPT_BLOCKS;
        int inRun = (int) (block % EXCERPT_BLOCKS);
        block++;
        if (run % stride != 0) {
            return;
        }
        if (inRun == 0) {
            current = new float[2][EXCERPT_BLOCKS * blockFrames];
            currentFrames = 0;
        }
        if (current == null) {
            return;
        }
        for (int channel = 0; channel < 2; channel++) {
            System.arraycopy(mix.channel(channel), 0, current[channel], currentFrames, count);
        }
        currentFrames += count;
        if (inRun == EXCERPT_BLOCKS - 1 || count < blockFrames) {
            keep();
        }
    }

    private void keep() {
        if (currentFrames > WARM_UP_BLOCKS * blockFrames) {
            // Only the last run of a programme is short: trimmed, the others kept as filled.
            excerpts.add(currentFrames == current[0].length ? current
                    : new float[][] {java.util.Arrays.copyOf(current[0], currentFrames),
                            java.util.Arrays.copyOf(current[1], currentFrames)});
        }
        current = null;
        if (excerpts.size() > MAX_EXCERPTS) {
            // Runs were kept at multiples of the stride: those at multiples of twice the stride stay.
            for (int i = excerpts.size() - 1; i >= 0; i--) {
                if (i % 2 == 1) {
                    excerpts.remove(i);
                }
            }
            stride *= 2;
        }
    }

    int excerptCount() {
        return excerpts.size();
    }

    /**
     * The gain that the probe predicts brings the limited master to {@code targetLufs}, searched by
     * secant steps from {@code firstGuessDb}; {@code firstGuessDb} when there is nothing to probe
     * (a master under about 0.4 s, or silent excerpts).
     */
    double gainFor(double targetLufs, double premasterLufs, double firstGuessDb, TruePeakLimiter.Settings settings,
                   int sampleRateHz) {
        double gain = firstGuessDb;
        double predicted = predictedLufs(premasterLufs, gain, settings, sampleRateHz);
        if (Double.isNaN(predicted)) {
            return firstGuessDb;
        }
        double previousGain = Double.NaN, previousPredicted = Double.NaN;
        for (int step = 0; step < SEARCH_STEPS && Math.abs(targetLufs - predicted) > SEARCH_TOLERANCE_LU; step++) {
            double slope = 1.0;
            if (!Double.isNaN(previousGain) && gain != previousGain) {
                slope = Math.max(0.1, Math.min(1.0, (predicted - previousPredicted) / (gain - previousGain)));
            }
            previousGain = gain;
            previousPredicted = predicted;
            gain += (targetLufs - predicted) / slope;
            predicted = predictedLufs(premasterLufs, gain, settings, sampleRateHz);
            if (Double.isNaN(predicted)) {
                return firstGuessDb;
            }
        }
        return gain;
    }

    /**
     * The premaster's loudness plus the gain, less what the limiter takes from the excerpts at that
     * gain (their gated loudness before and after it); NaN when the excerpts are silent.
     */
    double predictedLufs(double premasterLufs, double gainDb, TruePeakLimiter.Settings settings, int sampleRateHz) {
        if (excerpts.isEmpty()) {
            return Double.NaN;
        }
        float gain = (float) Math.pow(10, gainDb / 20);
        GatedLoudnessMeter before = new GatedLoudnessMeter(sampleRateHz, List.of(ChannelRole.FRONT, ChannelRole.FRONT));
        GatedLoudnessMeter after = new GatedLoudnessMeter(sampleRateHz, List.of(ChannelRole.FRONT, ChannelRole.FRONT));
        TruePeakLimiter limiter = new TruePeakLimiter(settings);
        limiter.prepare(new ProcessSpec(sampleRateHz, blockFrames, 2));
        int latency = limiter.latencyFrames();
        int warmUp = WARM_UP_BLOCKS * blockFrames;
        AudioBuffer in = new AudioBuffer(2, blockFrames);
        AudioBuffer out = new AudioBuffer(2, blockFrames);
        for (float[][] excerpt : excerpts) {
            limiter.reset();
            int frames = excerpt[0].length;
            // The excerpt then silence for the look-ahead: output frame i is input frame i - latency.
            for (int fed = 0; fed < frames + latency; fed += blockFrames) {
                int count = Math.min(blockFrames, frames + latency - fed);
                for (int channel = 0; channel < 2; channel++) {
                    float[] source = excerpt[channel];
                    float[] x = in.channel(channel);
                    float[] y = out.channel(channel);
                    for (int i = 0; i < count; i++) {
                        int at = fed + i;
                        x[i] = at < frames ? source[at] * gain : 0f;
                        y[i] = x[i];
                    }
                }
                in.setFrames(count);
                out.setFrames(count);
                limiter.process(out);
                // Input frames [warmUp, frames) and the output frames that carry them.
                int inFrom = Math.max(fed, warmUp), inTo = Math.min(fed + count, frames);
                if (inTo > inFrom) {
                    before.accept(in, inFrom - fed, inTo - inFrom);
                }
                int outFrom = Math.max(fed, warmUp + latency), outTo = Math.min(fed + count, frames + latency);
                if (outTo > outFrom) {
                    after.accept(out, outFrom - fed, outTo - outFrom);
                }
            }
        }
        double taken = before.integratedLufs() - after.integratedLufs();
        return Double.isNaN(taken) ? Double.NaN : premasterLufs + gainDb - taken;
    }
}
