package org.neuromix.engine.io;

import java.nio.file.Path;
import java.util.List;

import org.neuromix.engine.audio.ChannelRole;

/**
 * What a probe learns about an audio file from its headers, without decoding it all.
 *
 * @param file              the file
 * @param container         FFmpeg's short name of the container, e.g. {@code wav}, {@code flac}, {@code ogg}
 * @param codec             FFmpeg's short name of the codec, e.g. {@code pcm_s24le}, {@code mp3}, {@code opus}
 * @param sampleRate        the file's own sample rate in Hz
 * @param channelRoles      one entry per channel, in file order
 * @param channelLayout     FFmpeg's description of the layout, e.g. {@code stereo}, {@code 5.1}
 * @param bitsPerSample     stored bits per sample for PCM and lossless codecs, 0 for lossy ones
 * @param durationSeconds   the duration the headers declare, NaN when they declare none
 * @param durationExact     true when that duration is exact (PCM, FLAC and similar), not an estimate
 */
public record AudioFileInfo(
        Path file,
        String container,
        String codec,
        int sampleRate,
        List<ChannelRole> channelRoles,
        String channelLayout,
        int bitsPerSample,
        double durationSeconds,
        boolean durationExact) {

    public AudioFileInfo {
        channelRoles = List.copyOf(channelRoles);
    }

    public int channels() {
        return channelRoles.size();
    }

    /** Container and codec, e.g. {@code wav/pcm_s24le}, {@code ogg/vorbis}. */
    public String format() {
        return container + "/" + codec;
    }
}
