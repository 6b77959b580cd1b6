package org.neuromix.engine.render;

import java.util.Locale;

/**
 * What a render writes for a DAW session export (the folder given to
 * {@link Renderer#render(org.neuromix.engine.plan.MixPlan, java.nio.file.Path, java.nio.file.Path, java.nio.file.Path, java.nio.file.Path, java.nio.file.Path)}),
 * all 32-bit float WAV at the plan's rate and as long as the render:
 * <ul>
 *   <li>{@link #trackFile(int)} for every unmuted track: its signal after gate, EQ, compressor and
 *       de-esser, with its stereo width applied, before its fader, polarity and pan (the stem's own
 *       channel count: a DAW track's volume, polarity and pan then make what the renderer mixes);</li>
 *   <li>{@link #busFile(int)} for every effect bus: its wet output before the return gain (every
 *       send feeding it is rendered in);</li>
 *   <li>{@link #BUS_SUM_FILE}: the sum of all tracks and returns before the master bus (master EQ,
 *       glue compressor, loudness normalisation and limiter), which those files mix down to.</li>
 * </ul>
 */
public final class DawItems {
    public static final String BUS_SUM_FILE = "bus-sum.wav";

    private DawItems() {
    }

    public static String trackFile(int trackIndex) {
        return String.format(Locale.ROOT, "track-%03d.wav", trackIndex);
    }

    public static String busFile(int busIndex) {
        return String.format(Locale.ROOT, "bus-%03d.wav", busIndex);
    }
}
