package org.neuromix.engine.loudness;

import java.util.List;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ChannelRole;
import org.neuromix.engine.audio.Decibels;

/**
 * The complete EBU R128 meter for one programme: {@link GatedLoudnessMeter} (momentary,
 * short-term, integrated, range) plus {@link TruePeakMeter} (true and sample peak), fed together.
 * A meter, not a processor: {@code accept(buffer)}, then read. Not thread-safe; for parallel
 * metering feed the two parts from separate threads.
 */
public final class LoudnessMeter {
    private final GatedLoudnessMeter loudness;
    private final TruePeakMeter peaks;

    public LoudnessMeter(int sampleRateHz, List<ChannelRole> channelRoles) {
        this.loudness = new GatedLoudnessMeter(sampleRateHz, channelRoles);
        this.peaks = new TruePeakMeter(sampleRateHz, channelRoles.size());
    }

    /** A meter whose channels are all front channels (mono, stereo). */
    public static LoudnessMeter forFrontChannels(int sampleRateHz, int channels) {
        return new LoudnessMeter(sampleRateHz, java.util.Collections.nCopies(channels, ChannelRole.FRONT));
    }

    public void accept(AudioBuffer buffer) {
        accept(buffer, 0, buffer.frames());
    }

    public void accept(AudioBuffer buffer, int offset, int frames) {
        loudness.accept(buffer, offset, frames);
        peaks.accept(buffer, offset, frames);
    }

    public GatedLoudnessMeter loudness() {
        return loudness;
    }

    public TruePeakMeter peaks() {
        return peaks;
    }

    public LoudnessMeasurement measurement() {
        return measurement(loudness, peaks);
    }

    static LoudnessMeasurement measurement(GatedLoudnessMeter loudness, TruePeakMeter peaks) {
        return new LoudnessMeasurement(
                loudness.integratedLufs(),
                loudness.loudnessRangeLu(),
                Decibels.fromAmplitude(peaks.truePeak()),
                Decibels.fromAmplitude(peaks.samplePeak()),
                loudness.maxMomentaryLufs(),
                loudness.maxShortTermLufs());
    }

    public void reset() {
        loudness.reset();
        peaks.reset();
    }
}
