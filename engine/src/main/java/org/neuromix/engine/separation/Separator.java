package org.neuromix.engine.separation;

/**
 * Splits a stereo excerpt into the four {@link Stem}s. Implementations see one excerpt at a time:
 * {@link ChunkedSeparation} feeds a long file as overlapping chunks, each with
 * {@link #contextFrames} frames of context either side, aligned to {@link #alignmentFrames}, and
 * overlap-adds the chunks' cores with a short complementary cross-fade. A separator whose output at
 * a frame depends only on input within {@code contextFrames} of it therefore gives the same stems
 * chunked as whole (up to float rounding); {@link ChunkedSeparation} also enforces mixture
 * consistency, so implementations need only be close to it.
 */
public interface Separator {
    /** A short name for reports, e.g. {@code dsp}. */
    String name();

    /** The sample rate the separator needs (files are resampled to it), or 0 to work at the input's rate. */
    default int preferredSampleRateHz() {
        return 0;
    }

    /**
     * Frames of input either side of a frame that its output may depend on (the receptive field),
     * at {@code sampleRateHz}; at least 0.
     */
    int contextFrames(int sampleRateHz);

    /** Chunk boundaries fall on multiples of this many frames (an STFT hop), so analysis grids coincide. */
    int alignmentFrames(int sampleRateHz);

    /**
     * Separates {@code frames} frames of planar stereo audio ({@code stereo[2][>= frames]}) into
     * {@code [stem][channel][frame]} in {@link Stem} order, each stem {@code [2][frames]}. Must not
     * keep state between calls and must accept silence and excerpts shorter than its analysis window.
     */
    float[][][] separate(float[][] stereo, int frames, int sampleRateHz);
}
