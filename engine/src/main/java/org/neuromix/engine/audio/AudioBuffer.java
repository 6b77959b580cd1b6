package org.neuromix.engine.audio;

import java.util.Objects;

/**
 * Planar 32-bit float audio: {@code samples[channel][frame]}, full scale = ±1.0.
 * A frame is one sample per channel. The arrays may be longer than {@link #frames()}:
 * a buffer is allocated once at its capacity and reused block after block.
 */
public final class AudioBuffer {
    private final float[][] samples;
    private int frames;

    public AudioBuffer(int channels, int capacityFrames) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, was " + channels);
        }
        if (capacityFrames < 0) {
            throw new IllegalArgumentException("capacityFrames must be >= 0, was " + capacityFrames);
        }
        this.samples = new float[channels][capacityFrames];
        this.frames = capacityFrames;
    }

    /** Wraps existing planar arrays (all of the same length) without copying. */
    public AudioBuffer(float[][] samples) {
        Objects.requireNonNull(samples, "samples");
        if (samples.length < 1) {
            throw new IllegalArgumentException("at least one channel is needed");
        }
        for (float[] channel : samples) {
            if (channel.length != samples[0].length) {
                throw new IllegalArgumentException("all channels must have the same length");
            }
        }
        this.samples = samples;
        this.frames = samples[0].length;
    }

    public int channels() {
        return samples.length;
    }

    /** Number of valid frames. */
    public int frames() {
        return frames;
    }

    public int capacityFrames() {
        return samples[0].length;
    }

    /** Sets the number of valid frames (at most the capacity). */
    public void setFrames(int frames) {
        if (frames < 0 || frames > capacityFrames()) {
            throw new IllegalArgumentException("frames must be in [0, " + capacityFrames() + "], was " + frames);
        }
        this.frames = frames;
    }

    /** The channel's sample array; only the first {@link #frames()} entries are valid. */
    public float[] channel(int channel) {
        return samples[channel];
    }

    /** All channels, planar; valid up to {@link #frames()}. */
    public float[][] planar() {
        return samples;
    }
}
