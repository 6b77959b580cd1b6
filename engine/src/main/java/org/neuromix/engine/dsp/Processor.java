package org.neuromix.engine.dsp;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;

/**
 * An audio processor with JUCE's life cycle: {@link #prepare} allocates and derives coefficients,
 * {@link #process} works in place on a planar block without allocating or doing I/O, and
 * {@link #reset} clears state (delay lines, envelopes) without changing parameters.
 *
 * <p>Every processor's output is independent of how the audio is split into blocks.
 */
public interface Processor {
    void prepare(ProcessSpec spec);

    /** Processes {@code buffer.frames()} frames in place. */
    void process(AudioBuffer buffer);

    void reset();

    /** Frames by which the output lags the input (look-ahead delay); 0 for most processors. */
    default int latencyFrames() {
        return 0;
    }
}
