package org.neuromix.engine.loudness;

import java.util.List;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ChannelRole;

/**
 * Loudness per ITU-R BS.1770-4 and EBU R128 (EBU Tech 3341/3342): momentary (400 ms window),
 * short-term (3 s window), integrated (gated, absolute -70 LUFS and relative -10 LU gates) and
 * loudness range (short-term values, -20 LU relative gate, 10th to 95th percentile).
 *
 * <p>Audio is K-weighted per channel, squared and summed in 100 ms steps; momentary and short-term
 * values are produced every step (10 Hz) once their window is full, which is also the 75 % block
 * overlap the integrated gating uses. Channel weights follow the file's layout: 1.0 front,
 * 1.41 surround, 0 for LFE; a mono file is one channel of weight 1.0.
 *
 * <p>Streaming in constant memory (two {@link LoudnessHistogram}s), and the result does not depend
 * on how the audio is split into blocks. Not thread-safe.
 */
public final class GatedLoudnessMeter {
    private static final int MOMENTARY_STEPS = 4;
    private static final int SHORT_TERM_STEPS = 30;

    private final KWeightingFilter[] filters;
    private final double[] channelWeights;
    private final int stepFrames;

    private final double[] stepEnergies = new double[SHORT_TERM_STEPS];
    private long completedSteps;
    private int framesInStep;

    private final LoudnessHistogram momentaryBlocks = new LoudnessHistogram();
    private final LoudnessHistogram shortTermBlocks = new LoudnessHistogram();
    private double maxMomentaryLufs = Double.NaN;
    private double maxShortTermLufs = Double.NaN;
    private double lastMomentaryLufs = Double.NaN;
    private double lastShortTermLufs = Double.NaN;
    private GatingBlocks recordedBlocks;

    public GatedLoudnessMeter(int sampleRateHz, List<ChannelRole> channelRoles) {
        if (channelRoles.isEmpty()) {
            throw new IllegalArgumentException("at least one channel is needed");
        }
        filters = new KWeightingFilter[channelRoles.size()];
        channelWeights = new double[channelRoles.size()];
        for (int channel = 0; channel < filters.length; channel++) {
            filters[channel] = new KWeightingFilter(sampleRateHz);
            channelWeights[channel] = channelRoles.get(channel).loudnessWeight();
        }
        // 100 ms rounded to whole frames (exact for all common rates).
        stepFrames = (int) Math.round(sampleRateHz / 10.0);
    }

    /**
     * Also keeps every gating block from now on in {@code blocks}, to read the integrated loudness
     * again at another gain ({@link GatingBlocks#integratedLufs(double)}).
     */
    public GatedLoudnessMeter recordingBlocksInto(GatingBlocks blocks) {
        this.recordedBlocks = blocks;
        return this;
    }

    public void accept(AudioBuffer buffer) {
        accept(buffer, 0, buffer.frames());
    }

    /** Meters {@code frames} frames of {@code buffer} from {@code offset}. */
    public void accept(AudioBuffer buffer, int offset, int frames) {
        if (buffer.channels() != filters.length) {
            throw new IllegalArgumentException("buffer has " + buffer.channels() + " channels, meter has " + filters.length);
        }
        int position = offset;
        int end = offset + frames;
        while (position < end) {
            int count = Math.min(end - position, stepFrames - framesInStep);
            int channel = 0;
            for (; channel + 1 < filters.length; channel += 2) {
                KWeightingFilter.accumulateSquares(filters[channel], buffer.channel(channel),
                        filters[channel + 1], buffer.channel(channel + 1), position, count);
            }
            if (channel < filters.length) {
                filters[channel].accumulateSquares(buffer.channel(channel), position, count);
            }
            framesInStep += count;
            position += count;
            if (framesInStep == stepFrames) {
                completeStep();
            }
        }
    }

    private void completeStep() {
        double weightedSum = 0.0;
        for (int channel = 0; channel < filters.length; channel++) {
            weightedSum += channelWeights[channel] * filters[channel].takeSumOfSquares();
        }
        stepEnergies[(int) (completedSteps % SHORT_TERM_STEPS)] = weightedSum;
        completedSteps++;
        framesInStep = 0;
        if (completedSteps >= MOMENTARY_STEPS) {
            double energy = windowEnergy(MOMENTARY_STEPS);
            momentaryBlocks.add(energy);
            if (recordedBlocks != null) {
                recordedBlocks.add(energy);
            }
            lastMomentaryLufs = LoudnessHistogram.energyToLufs(energy);
            maxMomentaryLufs = max(maxMomentaryLufs, lastMomentaryLufs);
        }
        if (completedSteps >= SHORT_TERM_STEPS) {
            double energy = windowEnergy(SHORT_TERM_STEPS);
            shortTermBlocks.add(energy);
            lastShortTermLufs = LoudnessHistogram.energyToLufs(energy);
            maxShortTermLufs = max(maxShortTermLufs, lastShortTermLufs);
        }
    }

    /** Mean-square energy of the last {@code steps} 100 ms steps, oldest first for a fixed summation order. */
    private double windowEnergy(int steps) {
        double sum = 0.0;
        for (long step = completedSteps - steps; step < completedSteps; step++) {
            sum += stepEnergies[(int) (step % SHORT_TERM_STEPS)];
        }
        return sum / ((double) steps * stepFrames);
    }

    private static double max(double current, double candidate) {
        return Double.isNaN(current) || candidate > current ? candidate : current;
    }

    /** Integrated loudness in LUFS; NaN when nothing is above the absolute gate (silence, or under 400 ms). */
    public double integratedLufs() {
        return momentaryBlocks.gatedLoudness(-10.0);
    }

    /** Loudness range in LU; NaN when no short-term value is above the gates (silence, or under 3 s). */
    public double loudnessRangeLu() {
        return shortTermBlocks.loudnessRange();
    }

    /** Highest momentary loudness so far (LUFS; NaN before the first 400 ms; -Infinity for digital silence). */
    public double maxMomentaryLufs() {
        return maxMomentaryLufs;
    }

    /** Highest short-term loudness so far (LUFS; NaN before the first 3 s). */
    public double maxShortTermLufs() {
        return maxShortTermLufs;
    }

    /** The latest momentary value (10 Hz updates). */
    public double momentaryLufs() {
        return lastMomentaryLufs;
    }

    /** The latest short-term value (10 Hz updates). */
    public double shortTermLufs() {
        return lastShortTermLufs;
    }

    public int channels() {
        return filters.length;
    }

    /** Starts over; blocks recorded so far stay where they are and recording stops. */
    public void reset() {
        recordedBlocks = null;
        for (KWeightingFilter filter : filters) {
            filter.reset();
        }
        java.util.Arrays.fill(stepEnergies, 0.0);
        completedSteps = 0;
        framesInStep = 0;
        momentaryBlocks.reset();
        shortTermBlocks.reset();
        maxMomentaryLufs = maxShortTermLufs = lastMomentaryLufs = lastShortTermLufs = Double.NaN;
    }
}
