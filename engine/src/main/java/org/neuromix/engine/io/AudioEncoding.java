package org.neuromix.engine.io;

import java.util.Locale;

/**
 * How {@link AudioWriter} stores audio: container, codec and sample format, all through FFmpeg.
 * The product writes WAV (16-bit with TPDF dither, 24-bit, 32-bit float) and FLAC (16/24-bit);
 * the other encodings exist so that tests and users can produce every format the reader accepts.
 */
public enum AudioEncoding {
    WAV_PCM_16("wav", "pcm_s16le", SampleFormat.S16, 16, 0, true, "wav"),
    WAV_PCM_24("wav", "pcm_s24le", SampleFormat.S32, 24, 0, false, "wav"),
    WAV_FLOAT_32("wav", "pcm_f32le", SampleFormat.FLT, 32, 0, false, "wav"),
    FLAC_16("flac", "flac", SampleFormat.S16, 16, 0, true, "flac"),
    FLAC_24("flac", "flac", SampleFormat.S32, 24, 0, false, "flac"),
    WAV_PCM_8("wav", "pcm_u8", SampleFormat.U8, 8, 0, true, "wav"),
    WAV_PCM_32("wav", "pcm_s32le", SampleFormat.S32, 32, 0, false, "wav"),
    WAV_FLOAT_64("wav", "pcm_f64le", SampleFormat.DBL, 64, 0, false, "wav"),
    AIFF_PCM_16("aiff", "pcm_s16be", SampleFormat.S16, 16, 0, true, "aiff"),
    AIFF_PCM_24("aiff", "pcm_s24be", SampleFormat.S32, 24, 0, false, "aiff"),
    MP3_320K("mp3", "libmp3lame", SampleFormat.FLTP, 0, 320_000, false, "mp3"),
    OGG_VORBIS("ogg", "vorbis", SampleFormat.FLTP, 0, 192_000, false, "ogg"),
    OPUS("ogg", "libopus", SampleFormat.FLT, 0, 160_000, false, "opus"),
    AAC_M4A("ipod", "aac", SampleFormat.FLTP, 0, 256_000, false, "m4a");

    /** Sample formats FFmpeg encoders take; planar ones end in P. */
    enum SampleFormat { U8, S16, S32, FLT, DBL, FLTP }

    final String container;
    final String codec;
    final SampleFormat sampleFormat;
    final int bitsPerSample;
    final long bitRate;
    final boolean dithered;
    private final String extension;

    AudioEncoding(String container, String codec, SampleFormat sampleFormat, int bitsPerSample, long bitRate,
                  boolean dithered, String extension) {
        this.container = container;
        this.codec = codec;
        this.sampleFormat = sampleFormat;
        this.bitsPerSample = bitsPerSample;
        this.bitRate = bitRate;
        this.dithered = dithered;
        this.extension = extension;
    }

    /** Stored bits per sample for PCM and FLAC, 0 for lossy codecs. */
    public int bitsPerSample() {
        return bitsPerSample;
    }

    /** Whether float audio is TPDF-dithered when reduced to this word length (16 bits and below). */
    public boolean dithered() {
        return dithered;
    }

    /** Usual file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /**
     * The encoding for a user's choice of output: a file name extension plus a bit depth.
     *
     * @param extension {@code wav} or {@code flac}
     * @param bitDepth  16 or 24, or 32 (float, WAV only)
     * @throws IllegalArgumentException naming the unsupported value
     */
    public static AudioEncoding forOutput(String extension, int bitDepth) {
        String kind = extension.toLowerCase(Locale.ROOT);
        if (kind.equals("wav")) {
            return switch (bitDepth) {
                case 16 -> WAV_PCM_16;
                case 24 -> WAV_PCM_24;
                case 32 -> WAV_FLOAT_32;
                default -> throw new IllegalArgumentException("WAV bit depth must be 16, 24 or 32 (float), was " + bitDepth);
            };
        }
        if (kind.equals("flac")) {
            return switch (bitDepth) {
                case 16 -> FLAC_16;
                case 24 -> FLAC_24;
                default -> throw new IllegalArgumentException("FLAC bit depth must be 16 or 24, was " + bitDepth);
            };
        }
        throw new IllegalArgumentException("output format must be .wav or .flac, was ." + extension);
    }
}
