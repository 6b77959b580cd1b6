package org.neuromix.engine.audio;

/**
 * What a processor is prepared for (after JUCE's {@code dsp::ProcessSpec}): the sample rate, the
 * largest block it will be handed, and the channel count.
 */
public record ProcessSpec(double sampleRateHz, int maxBlockFrames, int channels) {
    public ProcessSpec {
        if (!(sampleRateHz >= 1000 && sampleRateHz <= 768_000)) {
            throw new IllegalArgumentException("sampleRateHz must be in [1000, 768000], was " + sampleRateHz);
        }
        if (maxBlockFrames < 1) {
            throw new IllegalArgumentException("maxBlockFrames must be >= 1, was " + maxBlockFrames);
        }
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, was " + channels);
        }
    }
}
