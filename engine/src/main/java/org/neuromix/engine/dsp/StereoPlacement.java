package org.neuromix.engine.dsp;

import org.neuromix.engine.audio.AudioBuffer;

/**
 * Places a mono or stereo source in the stereo mix.
 * <ul>
 *   <li>Mono: constant-power (sine/cosine, −3 dB at centre) pan law; position −1 = left, +1 = right.</li>
 *   <li>Stereo: mid/side width (0 = mono, 1 = as recorded, 2 = twice the side signal), then balance:
 *       the far side is attenuated with the same constant-power curve, the near side kept.</li>
 * </ul>
 * Not an in-place {@link Processor}, as the channel count can change; it writes into a stereo
 * buffer. Latency: none.
 */
public final class StereoPlacement {
    private final double positionLeftGain;
    private final double positionRightGain;
    private final double width;
    private final boolean monoSource;

    /**
     * @param panPosition  −1 (left) to +1 (right)
     * @param width        0 to 2, stereo sources only
     * @param sourceChannels 1 or 2
     */
    public StereoPlacement(double panPosition, double width, int sourceChannels) {
        if (!(panPosition >= -1 && panPosition <= 1)) {
            throw new IllegalArgumentException("panPosition must be in [-1, 1], was " + panPosition);
        }
        if (!(width >= 0 && width <= 2)) {
            throw new IllegalArgumentException("width must be in [0, 2], was " + width);
        }
        if (sourceChannels != 1 && sourceChannels != 2) {
            throw new IllegalArgumentException("sourceChannels must be 1 or 2, was " + sourceChannels);
        }
        this.monoSource = sourceChannels == 1;
        this.width = width;
        if (monoSource) {
            double angle = (panPosition + 1) * Math.PI / 4;
            positionLeftGain = Math.cos(angle);
            positionRightGain = Math.sin(angle);
        } else {
            // Balance: the side we move away from follows the constant-power curve, normalised to 1 at centre.
            double angle = (panPosition + 1) * Math.PI / 4;
            positionLeftGain = panPosition > 0 ? Math.cos(angle) / Math.cos(Math.PI / 4) : 1.0;
            positionRightGain = panPosition < 0 ? Math.sin(angle) / Math.sin(Math.PI / 4) : 1.0;
        }
    }

    /** Writes {@code source.frames()} frames of the placed source into {@code stereo} (overwriting it). */
    public void render(AudioBuffer source, AudioBuffer stereo) {
        if (stereo.channels() != 2) {
            throw new IllegalArgumentException("output must be stereo");
        }
        int frames = source.frames();
        float[] left = stereo.channel(0);
        float[] right = stereo.channel(1);
        if (monoSource) {
            float[] x = source.channel(0);
            float gl = (float) positionLeftGain, gr = (float) positionRightGain;
            for (int i = 0; i < frames; i++) {
                left[i] = x[i] * gl;
                right[i] = x[i] * gr;
            }
        } else {
            float[] l = source.channel(0);
            float[] r = source.channel(1);
            double sideGain = width;
            for (int i = 0; i < frames; i++) {
                double mid = 0.5 * (l[i] + r[i]);
                double side = 0.5 * (l[i] - r[i]) * sideGain;
                left[i] = (float) ((mid + side) * positionLeftGain);
                right[i] = (float) ((mid - side) * positionRightGain);
            }
        }
        stereo.setFrames(frames);
    }
}
