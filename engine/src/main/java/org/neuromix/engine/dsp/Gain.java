package org.neuromix.engine.dsp;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;

/**
 * Gain in dB with optional polarity inversion. A change of gain while running ramps linearly over
 * {@value #SMOOTHING_MS} ms instead of stepping, so automation never clicks. Latency: none.
 */
public final class Gain implements Processor {
    static final double SMOOTHING_MS = 20.0;
    public static final double MIN_GAIN_DB = -120.0;
    public static final double MAX_GAIN_DB = 48.0;

    private final boolean polarityInverted;
    private double targetLinear;
    private double currentLinear;
    private double stepPerFrame;
    private double rampOrigin;
    private int rampFramesDone;
    private int rampFramesLeft;
    private int smoothingFrames = 960;

    public Gain(double gainDb, boolean polarityInverted) {
        this.polarityInverted = polarityInverted;
        this.targetLinear = linear(gainDb, polarityInverted);
        this.currentLinear = targetLinear;
    }

    public Gain(double gainDb) {
        this(gainDb, false);
    }

    private static double linear(double gainDb, boolean inverted) {
        if (!(gainDb >= MIN_GAIN_DB && gainDb <= MAX_GAIN_DB)) {
            throw new IllegalArgumentException("gainDb must be in [" + MIN_GAIN_DB + ", " + MAX_GAIN_DB + "], was " + gainDb);
        }
        double value = gainDb <= MIN_GAIN_DB ? 0.0 : Math.pow(10.0, gainDb / 20.0);
        return inverted ? -value : value;
    }

    @Override
    public void prepare(ProcessSpec spec) {
        smoothingFrames = Math.max(1, (int) Math.round(SMOOTHING_MS * spec.sampleRateHz() / 1000.0));
    }

    /** Sets a new gain, reached by a linear ramp over the smoothing time. */
    public void setGainDb(double gainDb) {
        targetLinear = linear(gainDb, polarityInverted);
        rampOrigin = currentLinear;
        rampFramesDone = 0;
        rampFramesLeft = smoothingFrames;
        stepPerFrame = (targetLinear - currentLinear) / smoothingFrames;
    }

    @Override
    public void process(AudioBuffer buffer) {
        int frames = buffer.frames();
        int ramp = Math.min(rampFramesLeft, frames);
        for (int channel = 0; channel < buffer.channels(); channel++) {
            float[] x = buffer.channel(channel);
            // Each ramp value from its index, so any block split gives the same samples.
            for (int i = 0; i < ramp; i++) {
                x[i] = (float) (x[i] * (rampOrigin + stepPerFrame * (rampFramesDone + i + 1)));
            }
            float steady = (float) targetLinear;
            if (ramp == rampFramesLeft && steady != 1.0f) {
                for (int i = ramp; i < frames; i++) {
                    x[i] *= steady;
                }
            }
        }
        rampFramesLeft -= ramp;
        rampFramesDone += ramp;
        currentLinear = rampFramesLeft == 0 ? targetLinear : rampOrigin + stepPerFrame * rampFramesDone;
    }

    @Override
    public void reset() {
        currentLinear = targetLinear;
        rampFramesLeft = 0;
    }
}
