package org.neuromix.engine.io;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_CORRUPT;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_DURATION_FROM_BITRATE;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AV_CHANNEL_ORDER_UNSPEC;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_DBL;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S32;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_U8;
import static org.bytedeco.ffmpeg.global.avutil.av_get_packed_sample_fmt;
import static org.bytedeco.ffmpeg.global.avutil.av_get_sample_fmt_name;
import static org.bytedeco.ffmpeg.global.avutil.av_sample_fmt_is_planar;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_channel_from_index;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_describe;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_uninit;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_chlayout;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_double;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_int;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set_sample_fmt;
import static org.bytedeco.ffmpeg.global.swresample.swr_alloc;
import static org.bytedeco.ffmpeg.global.swresample.swr_convert;
import static org.bytedeco.ffmpeg.global.swresample.swr_free;
import static org.bytedeco.ffmpeg.global.swresample.swr_get_out_samples;
import static org.bytedeco.ffmpeg.global.swresample.swr_init;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVChannelLayout;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.swresample.SwrContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.bytedeco.javacpp.PointerPointer;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ChannelRole;

/**
 * Streaming audio decoder over FFmpeg (libavformat + libavcodec + libswresample): any container
 * and codec FFmpeg reads, delivered as planar float blocks, at the file's own rate or resampled
 * with libswresample set for quality (64-tap-per-phase Kaiser-windowed sinc, exact rational ratios).
 *
 * <p>Memory is bounded by one decoded packet plus the caller's block, whatever the file length.
 * Bad files fail with an {@link AudioFileException} whose message names the file and the problem:
 * unreadable, empty, not audio, corrupt data, a truncated stream, or a rate/channel count outside
 * what we support. Not thread-safe: one reader per thread.
 */
public final class AudioReader implements AutoCloseable {
    public static final int MIN_SAMPLE_RATE_HZ = 8_000;
    public static final int MAX_SAMPLE_RATE_HZ = 192_000;
    public static final int MAX_CHANNELS = 32;

    /** Resampler quality: taps per phase; FFmpeg's default is 32. */
    private static final int RESAMPLER_FILTER_SIZE = 64;
    private static final float INT32_SCALE = 1.0f / 2147483648.0f;
    private static final float INT16_SCALE = 1.0f / 32768.0f;
    private static final float UINT8_SCALE = 1.0f / 128.0f;
    /** Lossy codecs trim encoder delay and padding, so their declared length is only close. */
    private static final double LOSSY_LENGTH_TOLERANCE_SECONDS = 0.25;

    private final AudioFileInfo info;
    private final int outputSampleRate;
    private final int channels;

    private AVFormatContext formatContext;
    private AVCodecContext codecContext;
    private AVPacket packet;
    private AVFrame frame;
    private SwrContext resampler;
    private final int streamIndex;
    private final int inputSampleFormat;

    /** Native output planes of the resampler (only when resampling). */
    private FloatPointer[] resampledPlanes;
    private PointerPointer<FloatPointer> resampledPlanePointers;
    private int resampledCapacityFrames;

    /** Decoded audio not yet delivered, planar float. */
    private float[][] converted;
    private int convertedFrames;
    private int convertedReadOffset;
    private int[] intScratch = new int[0];
    private short[] shortScratch = new short[0];
    private float[] floatScratch = new float[0];
    private double[] doubleScratch = new double[0];
    private byte[] byteScratch = new byte[0];

    private boolean demuxerDone;
    private boolean decoderDrained;
    private boolean resamplerDrained;
    private long decodedInputFrames;
    private long framesDelivered;

    private AudioReader(Path file, int requestedOutputRate, int maxChannels) throws AudioFileException {
        Ffmpeg.init();
        boolean ok = false;
        try {
            formatContext = openContainer(file);
            streamIndex = av_find_best_stream(formatContext, AVMEDIA_TYPE_AUDIO, -1, -1, (PointerPointer<?>) null, 0);
            if (streamIndex < 0) {
                throw new AudioFileException(file, "contains no audio stream");
            }
            AVStream stream = formatContext.streams(streamIndex);
            AVCodecParameters parameters = stream.codecpar();
            info = describe(file, formatContext, stream);
            channels = Math.min(info.channels(), maxChannels);
            outputSampleRate = requestedOutputRate > 0 ? requestedOutputRate : info.sampleRate();

            AVCodec decoder = avcodec_find_decoder(parameters.codec_id());
            if (decoder == null || decoder.isNull()) {
                throw new AudioFileException(file, "no decoder for codec " + info.codec());
            }
            codecContext = avcodec_alloc_context3(decoder);
            check(file, avcodec_parameters_to_context(codecContext, parameters), "cannot read codec parameters");
            check(file, avcodec_open2(codecContext, decoder, (AVDictionary) null), "cannot open the " + info.codec() + " decoder");
            inputSampleFormat = codecContext.sample_fmt();
            packet = av_packet_alloc();
            frame = av_frame_alloc();
            // FFmpeg's resampler only when the rate changes; same-rate conversion is exact in Java.
            resampler = outputSampleRate != info.sampleRate() || !convertibleInJava(inputSampleFormat)
                    || channels != info.channels() ? openResampler(file) : null;
            ok = true;
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    /** Opens a file for decoding at its own sample rate. */
    public static AudioReader open(Path file) throws AudioFileException {
        return new AudioReader(file, 0, MAX_CHANNELS);
    }

    /** Opens a file for decoding, resampled to {@code outputSampleRateHz}. */
    public static AudioReader open(Path file, int outputSampleRateHz) throws AudioFileException {
        if (outputSampleRateHz < MIN_SAMPLE_RATE_HZ || outputSampleRateHz > MAX_SAMPLE_RATE_HZ) {
            throw new IllegalArgumentException("output sample rate must be in [" + MIN_SAMPLE_RATE_HZ + ", "
                    + MAX_SAMPLE_RATE_HZ + "] Hz, was " + outputSampleRateHz);
        }
        return new AudioReader(file, outputSampleRateHz, MAX_CHANNELS);
    }

    /**
     * Opens a file resampled to {@code outputSampleRateHz} and, when it has more than
     * {@code maxChannels} channels, downmixed by FFmpeg's rematrixing (ITU-style coefficients) to
     * FFmpeg's default layout for that count (1 = mono, 2 = stereo).
     */
    public static AudioReader open(Path file, int outputSampleRateHz, int maxChannels) throws AudioFileException {
        if (maxChannels < 1 || maxChannels > MAX_CHANNELS) {
            throw new IllegalArgumentException("maxChannels must be in [1, " + MAX_CHANNELS + "], was " + maxChannels);
        }
        AudioReader reader = open(file, outputSampleRateHz);
        if (reader.channels <= maxChannels) {
            return reader;
        }
        reader.close();
        return new AudioReader(file, outputSampleRateHz, maxChannels);
    }

    /**
     * Begins loading FFmpeg's native libraries in the background (they take a quarter of a
     * second); call early in a short-lived process that is about to read audio.
     */
    public static void preloadLibraries() {
        Ffmpeg.preloadInBackground();
    }

    /** Reads the headers only: format, rate, channels and declared duration. */
    public static AudioFileInfo probe(Path file) throws AudioFileException {
        Ffmpeg.init();
        AVFormatContext context = openContainer(file);
        try {
            int index = av_find_best_stream(context, AVMEDIA_TYPE_AUDIO, -1, -1, (PointerPointer<?>) null, 0);
            if (index < 0) {
                throw new AudioFileException(file, "contains no audio stream");
            }
            return describe(file, context, context.streams(index));
        } finally {
            avformat_close_input(context);
        }
    }

    public AudioFileInfo info() {
        return info;
    }

    /** Sample rate of the delivered audio in Hz. */
    public int sampleRate() {
        return outputSampleRate;
    }

    public int channels() {
        return channels;
    }

    /** Frames delivered so far, at the output rate. */
    public long framesDelivered() {
        return framesDelivered;
    }

    /** Frames read at a time by {@link #readRemaining()}. */
    private static final int READ_ALL_BLOCK_FRAMES = 65_536;

    /**
     * The rest of the file (all of it when nothing was read yet) in one buffer holding exactly the
     * frames read. Reads to the end rather than trusting the header's duration, which a stream may
     * not state or may state wrongly. For files that fit in memory: training data, test material.
     *
     * @throws AudioFileException on corrupt data, or when the rest is more than one array can hold
     */
    public AudioBuffer readRemaining() throws AudioFileException {
        double declaredSeconds = info.durationSeconds();
        long declared = Double.isFinite(declaredSeconds) ? Math.round(declaredSeconds * outputSampleRate) : 0;
        float[][] samples = new float[channels][(int) Math.max(READ_ALL_BLOCK_FRAMES, Math.min(declared + 1, 1 << 24))];
        AudioBuffer block = new AudioBuffer(channels, READ_ALL_BLOCK_FRAMES);
        int frames = 0;
        int count;
        while ((count = read(block)) > 0) {
            if ((long) frames + count > Integer.MAX_VALUE - 8) {
                throw new AudioFileException(info.file(), "too long to read into memory at once");
            }
            if (frames + count > samples[0].length) {
                int grown = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * samples[0].length, (long) frames + count));
                for (int channel = 0; channel < channels; channel++) {
                    samples[channel] = java.util.Arrays.copyOf(samples[channel], grown);
                }
            }
            for (int channel = 0; channel < channels; channel++) {
                System.arraycopy(block.channel(channel), 0, samples[channel], frames, count);
            }
            frames += count;
        }
        for (int channel = 0; channel < channels; channel++) {
            samples[channel] = java.util.Arrays.copyOf(samples[channel], frames);
        }
        return new AudioBuffer(samples);
    }

    /**
     * Fills {@code destination} from frame 0 up to its capacity (fewer only at the end of the file)
     * and sets its frame count.
     *
     * @return the number of frames read; 0 once the file is exhausted
     * @throws AudioFileException on corrupt or truncated data
     */
    public int read(AudioBuffer destination) throws AudioFileException {
        if (destination.channels() != channels) {
            throw new IllegalArgumentException("buffer has " + destination.channels() + " channels, file has " + channels);
        }
        int capacity = destination.capacityFrames();
        int filled = 0;
        while (filled < capacity) {
            if (convertedReadOffset == convertedFrames && !convertNext()) {
                break;
            }
            int count = Math.min(capacity - filled, convertedFrames - convertedReadOffset);
            for (int channel = 0; channel < channels; channel++) {
                System.arraycopy(converted[channel], convertedReadOffset, destination.channel(channel), filled, count);
            }
            convertedReadOffset += count;
            filled += count;
        }
        destination.setFrames(filled);
        framesDelivered += filled;
        return filled;
    }

    /** Decodes and converts the next chunk into the converted planes; false at the very end. */
    private boolean convertNext() throws AudioFileException {
        convertedFrames = 0;
        convertedReadOffset = 0;
        while (convertedFrames == 0) {
            if (!decoderDrained) {
                if (receiveFrame()) {
                    if (frame.format() != inputSampleFormat || frame.sample_rate() != info.sampleRate()
                            || frame.ch_layout().nb_channels() != info.channels()) {
                        throw new AudioFileException(info.file(), "the audio format changes in the middle of the stream");
                    }
                    decodedInputFrames += frame.nb_samples();
                    if (resampler == null) {
                        convertFrame();
                    } else {
                        resampleFrame(frame.extended_data(), frame.nb_samples());
                    }
                }
            } else if (resampler != null && !resamplerDrained) {
                verifyComplete();
                resampleFrame(null, 0);
                if (convertedFrames == 0) {
                    resamplerDrained = true;
                }
            } else {
                if (resampler == null && !resamplerDrained) {
                    verifyComplete();
                    resamplerDrained = true;
                }
                return false;
            }
        }
        return true;
    }

    /** Pulls one decoded frame into {@link #frame}; false once the decoder is fully drained. */
    private boolean receiveFrame() throws AudioFileException {
        while (true) {
            int result = avcodec_receive_frame(codecContext, frame);
            if (result >= 0) {
                return true;
            }
            if (result == AVERROR_EOF()) {
                decoderDrained = true;
                return false;
            }
            if (result != Ffmpeg.AVERROR_EAGAIN) {
                throw corrupt(result);
            }
            feedPacket();
        }
    }

    private void feedPacket() throws AudioFileException {
        if (demuxerDone) {
            check(info.file(), avcodec_send_packet(codecContext, null), "cannot flush the decoder");
            return;
        }
        while (true) {
            int result = av_read_frame(formatContext, packet);
            if (result == AVERROR_EOF()) {
                demuxerDone = true;
                check(info.file(), avcodec_send_packet(codecContext, null), "cannot flush the decoder");
                return;
            }
            if (result < 0) {
                throw new AudioFileException(info.file(), "cannot read the file at "
                        + position() + " (" + Ffmpeg.describe(result) + ")");
            }
            if (packet.stream_index() != streamIndex) {
                av_packet_unref(packet);
                continue;
            }
            // The demuxer flags packets it had to cut short or could not verify.
            boolean flaggedCorrupt = (packet.flags() & AV_PKT_FLAG_CORRUPT) != 0;
            int sent = flaggedCorrupt ? AVERROR_INVALIDDATA() : avcodec_send_packet(codecContext, packet);
            av_packet_unref(packet);
            if (sent < 0 && sent != Ffmpeg.AVERROR_EAGAIN) {
                throw corrupt(sent);
            }
            return;
        }
    }

    /** After the decoder is drained: a stream whose headers promise more audio than it holds is truncated. */
    private void verifyComplete() throws AudioFileException {
        if (!info.durationExact() || Double.isNaN(info.durationSeconds())) {
            return;
        }
        double decodedSeconds = decodedInputFrames / (double) info.sampleRate();
        boolean lossless = info.bitsPerSample() > 0;
        double toleranceSeconds = lossless ? 1.0 / info.sampleRate() : LOSSY_LENGTH_TOLERANCE_SECONDS;
        if (decodedSeconds + toleranceSeconds < info.durationSeconds()) {
            throw new AudioFileException(info.file(), String.format(Locale.ROOT,
                    "truncated: the header announces %.3f s of audio but the file holds only %.3f s",
                    info.durationSeconds(), decodedSeconds));
        }
    }

    /**
     * A decoding error: "truncated" when the file ends right after the bad data (the usual sign of
     * an interrupted copy or upload), "corrupt" otherwise.
     */
    private AudioFileException corrupt(int errorCode) {
        if (!demuxerDone) {
            int next = av_read_frame(formatContext, packet);
            av_packet_unref(packet);
            demuxerDone = next == AVERROR_EOF();
        }
        if (demuxerDone) {
            String declared = info.durationExact()
                    ? String.format(Locale.ROOT, " the header announces %.3f s but", info.durationSeconds()) : "";
            return new AudioFileException(info.file(), "truncated:" + declared + " the audio breaks off at "
                    + position() + " (" + Ffmpeg.describe(errorCode) + ")");
        }
        return new AudioFileException(info.file(), "corrupt audio data at " + position()
                + " (" + Ffmpeg.describe(errorCode) + ")");
    }

    private String position() {
        return String.format(Locale.ROOT, "%.3f s", decodedInputFrames / (double) info.sampleRate());
    }

    /**
     * Same rate: converts the decoded frame's samples to float in Java, exactly (integer PCM is
     * scaled by a power of two, so 16- and 24-bit values survive a round trip bit for bit).
     */
    private void convertFrame() throws AudioFileException {
        int frames = frame.nb_samples();
        ensureConvertedCapacity(frames);
        boolean planar = av_sample_fmt_is_planar(inputSampleFormat) != 0;
        int packedFormat = av_get_packed_sample_fmt(inputSampleFormat);
        int planes = planar ? channels : 1;
        int perPlane = planar ? frames : frames * channels;
        int stride = planar ? 1 : channels;
        for (int plane = 0; plane < planes; plane++) {
            BytePointer data = frame.extended_data(plane);
            for (int lane = 0; lane < stride; lane++) {
                int channel = planar ? plane : lane;
                float[] out = converted[channel];
                switch (packedFormat) {
                    case AV_SAMPLE_FMT_FLT -> {
                        floatScratch = grow(floatScratch, perPlane);
                        if (lane == 0) {
                            new FloatPointer(data).get(floatScratch, 0, perPlane);
                        }
                        for (int i = 0, j = lane; i < frames; i++, j += stride) {
                            out[i] = floatScratch[j];
                        }
                    }
                    case AV_SAMPLE_FMT_S32 -> {
                        intScratch = grow(intScratch, perPlane);
                        if (lane == 0) {
                            new IntPointer(data).get(intScratch, 0, perPlane);
                        }
                        for (int i = 0, j = lane; i < frames; i++, j += stride) {
                            out[i] = intScratch[j] * INT32_SCALE;
                        }
                    }
                    case AV_SAMPLE_FMT_S16 -> {
                        shortScratch = grow(shortScratch, perPlane);
                        if (lane == 0) {
                            new ShortPointer(data).get(shortScratch, 0, perPlane);
                        }
                        for (int i = 0, j = lane; i < frames; i++, j += stride) {
                            out[i] = shortScratch[j] * INT16_SCALE;
                        }
                    }
                    case AV_SAMPLE_FMT_DBL -> {
                        doubleScratch = grow(doubleScratch, perPlane);
                        if (lane == 0) {
                            new DoublePointer(data).get(doubleScratch, 0, perPlane);
                        }
                        for (int i = 0, j = lane; i < frames; i++, j += stride) {
                            out[i] = (float) doubleScratch[j];
                        }
                    }
                    case AV_SAMPLE_FMT_U8 -> {
                        byteScratch = grow(byteScratch, perPlane);
                        if (lane == 0) {
                            data.get(byteScratch, 0, perPlane);
                        }
                        for (int i = 0, j = lane; i < frames; i++, j += stride) {
                            out[i] = ((byteScratch[j] & 0xFF) - 128) * UINT8_SCALE;
                        }
                    }
                    default -> throw new IllegalStateException("not convertible in Java: "
                            + av_get_sample_fmt_name(inputSampleFormat).getString());
                }
            }
        }
        convertedFrames = frames;
    }

    /** Resamples one decoded frame (or drains the resampler when {@code input} is null). */
    private void resampleFrame(PointerPointer<?> input, int inputFrames) throws AudioFileException {
        int capacity = swr_get_out_samples(resampler, inputFrames) + 1;
        if (capacity > resampledCapacityFrames) {
            releaseResampledPlanes();
            capacity = Math.max(capacity, 8192);
            resampledPlanes = new FloatPointer[channels];
            resampledPlanePointers = new PointerPointer<>(channels);
            for (int channel = 0; channel < channels; channel++) {
                resampledPlanes[channel] = new FloatPointer(capacity);
                resampledPlanePointers.put(channel, resampledPlanes[channel]);
            }
            resampledCapacityFrames = capacity;
        }
        int frames = swr_convert(resampler, resampledPlanePointers, resampledCapacityFrames, input, inputFrames);
        check(info.file(), frames, "resampling failed");
        ensureConvertedCapacity(frames);
        for (int channel = 0; channel < channels; channel++) {
            resampledPlanes[channel].get(converted[channel], 0, frames);
        }
        convertedFrames = frames;
    }

    private void ensureConvertedCapacity(int frames) {
        if (converted == null || converted[0].length < frames) {
            converted = new float[channels][Math.max(frames, 4096)];
        }
    }

    private static boolean convertibleInJava(int sampleFormat) {
        int packed = av_get_packed_sample_fmt(sampleFormat);
        return packed == AV_SAMPLE_FMT_FLT || packed == AV_SAMPLE_FMT_S32 || packed == AV_SAMPLE_FMT_S16
                || packed == AV_SAMPLE_FMT_DBL || packed == AV_SAMPLE_FMT_U8;
    }

    private static byte[] grow(byte[] array, int length) {
        return array.length >= length ? array : new byte[length];
    }

    private static float[] grow(float[] array, int length) {
        return array.length >= length ? array : new float[length];
    }

    private static int[] grow(int[] array, int length) {
        return array.length >= length ? array : new int[length];
    }

    private static short[] grow(short[] array, int length) {
        return array.length >= length ? array : new short[length];
    }

    private static double[] grow(double[] array, int length) {
        return array.length >= length ? array : new double[length];
    }

    private SwrContext openResampler(Path file) throws AudioFileException {
        SwrContext context = swr_alloc();
        if (context == null || context.isNull()) {
            throw new AudioFileException(file, "out of memory for the resampler");
        }
        AVChannelLayout layout = codecContext.ch_layout();
        av_opt_set_chlayout(context, "in_chlayout", layout, 0);
        if (channels == info.channels()) {
            av_opt_set_chlayout(context, "out_chlayout", layout, 0);
        } else {
            AVChannelLayout downmix = new AVChannelLayout();
            av_channel_layout_default(downmix, channels);
            av_opt_set_chlayout(context, "out_chlayout", downmix, 0);
            av_channel_layout_uninit(downmix);
            downmix.close();
        }
        av_opt_set_int(context, "in_sample_rate", info.sampleRate(), 0);
        av_opt_set_int(context, "out_sample_rate", outputSampleRate, 0);
        av_opt_set_sample_fmt(context, "in_sample_fmt", inputSampleFormat, 0);
        av_opt_set_sample_fmt(context, "out_sample_fmt", AV_SAMPLE_FMT_FLTP, 0);
        // Quality over speed: longer filters, finer phase table, exact ratio, cut-off near Nyquist.
        av_opt_set_int(context, "filter_size", RESAMPLER_FILTER_SIZE, 0);
        av_opt_set_int(context, "phase_shift", 10, 0);
        av_opt_set_int(context, "linear_interp", 1, 0);
        av_opt_set_int(context, "exact_rational", 1, 0);
        av_opt_set_double(context, "cutoff", 0.97, 0);
        int result = swr_init(context);
        if (result < 0) {
            swr_free(context);
            throw new AudioFileException(file, "cannot convert this audio (" + Ffmpeg.describe(result) + ")");
        }
        return context;
    }

    private static AVFormatContext openContainer(Path file) throws AudioFileException {
        if (!Files.exists(file)) {
            throw new AudioFileException(file, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new AudioFileException(file, "is a directory, not an audio file");
        }
        if (!Files.isReadable(file)) {
            throw new AudioFileException(file, "cannot be read (permission denied)");
        }
        try {
            if (Files.size(file) == 0) {
                throw new AudioFileException(file, "is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw new AudioFileException(file, "cannot be read (" + e.getMessage() + ")");
        }
        AVFormatContext context = new AVFormatContext(null);
        AVDictionary options = new AVDictionary(null);
        // Bigger PCM packets for WAV/AIFF: fewer round trips per second of audio.
        av_dict_set(options, "max_size", String.valueOf(1 << 16), 0);
        int result = avformat_open_input(context, file.toString(), null, options);
        av_dict_free(options);
        if (result < 0) {
            throw new AudioFileException(file, "not an audio file FFmpeg can read (" + Ffmpeg.describe(result) + ")");
        }
        result = avformat_find_stream_info(context, (PointerPointer<?>) null);
        if (result < 0) {
            avformat_close_input(context);
            throw new AudioFileException(file, "cannot read the stream headers (" + Ffmpeg.describe(result) + ")");
        }
        return context;
    }

    private static AudioFileInfo describe(Path file, AVFormatContext context, AVStream stream) throws AudioFileException {
        AVCodecParameters parameters = stream.codecpar();
        int sampleRate = parameters.sample_rate();
        int channelCount = parameters.ch_layout().nb_channels();
        String codec = avcodec_get_name(parameters.codec_id()).getString();
        if (sampleRate < MIN_SAMPLE_RATE_HZ || sampleRate > MAX_SAMPLE_RATE_HZ) {
            throw new AudioFileException(file, "unsupported sample rate " + sampleRate + " Hz (supported: "
                    + MIN_SAMPLE_RATE_HZ + " to " + MAX_SAMPLE_RATE_HZ + " Hz)");
        }
        if (channelCount < 1 || channelCount > MAX_CHANNELS) {
            throw new AudioFileException(file, "unsupported channel count " + channelCount + " (supported: 1 to "
                    + MAX_CHANNELS + ")");
        }
        String container = context.iformat().name().getString().split(",")[0];
        int bits = parameters.bits_per_raw_sample() > 0 ? parameters.bits_per_raw_sample()
                : codec.startsWith("pcm_") ? parameters.bits_per_coded_sample() : 0;

        double durationSeconds = Double.NaN;
        if (stream.duration() != AV_NOPTS_VALUE && stream.duration() > 0) {
            durationSeconds = stream.duration() * (double) stream.time_base().num() / stream.time_base().den();
        } else if (context.duration() != AV_NOPTS_VALUE && context.duration() > 0) {
            durationSeconds = context.duration() / (double) avutil.AV_TIME_BASE;
        }
        boolean exact = !Double.isNaN(durationSeconds) && context.duration_estimation_method() != AVFMT_DURATION_FROM_BITRATE;
        return new AudioFileInfo(file, container, codec, sampleRate, channelRoles(parameters.ch_layout()),
                layoutName(parameters.ch_layout()), bits, durationSeconds, exact);
    }

    private static List<ChannelRole> channelRoles(AVChannelLayout fileLayout) {
        int count = fileLayout.nb_channels();
        AVChannelLayout layout = fileLayout;
        AVChannelLayout standard = null;
        if (fileLayout.order() == AV_CHANNEL_ORDER_UNSPEC) {
            // No positions declared: assume FFmpeg's default layout for the count (stereo, 5.1, ...).
            standard = new AVChannelLayout();
            av_channel_layout_default(standard, count);
            layout = standard;
        }
        List<ChannelRole> roles = new ArrayList<>(count);
        for (int index = 0; index < count; index++) {
            roles.add(roleOf(av_channel_layout_channel_from_index(layout, index)));
        }
        if (standard != null) {
            av_channel_layout_uninit(standard);
            standard.close();
        }
        return roles;
    }

    /** Channel positions weighted as surround by BS.1770-4: everything beside and behind the listener. */
    private static ChannelRole roleOf(int channel) {
        if (channel == avutil.AV_CHAN_LOW_FREQUENCY || channel == avutil.AV_CHAN_LOW_FREQUENCY_2) {
            return ChannelRole.LOW_FREQUENCY_EFFECTS;
        }
        if (channel == avutil.AV_CHAN_BACK_LEFT || channel == avutil.AV_CHAN_BACK_RIGHT
                || channel == avutil.AV_CHAN_BACK_CENTER || channel == avutil.AV_CHAN_SIDE_LEFT
                || channel == avutil.AV_CHAN_SIDE_RIGHT || channel == avutil.AV_CHAN_TOP_BACK_LEFT
                || channel == avutil.AV_CHAN_TOP_BACK_CENTER || channel == avutil.AV_CHAN_TOP_BACK_RIGHT
                || channel == avutil.AV_CHAN_SURROUND_DIRECT_LEFT || channel == avutil.AV_CHAN_SURROUND_DIRECT_RIGHT) {
            return ChannelRole.SURROUND;
        }
        return ChannelRole.FRONT;
    }

    private static String layoutName(AVChannelLayout layout) {
        byte[] text = new byte[128];
        if (av_channel_layout_describe(layout, text, text.length) < 0) {
            return layout.nb_channels() + " channels";
        }
        return Ffmpeg.cString(text);
    }

    private static void check(Path file, int result, String problem) throws AudioFileException {
        if (result < 0) {
            throw new AudioFileException(file, problem + " (" + Ffmpeg.describe(result) + ")");
        }
    }

    private void releaseResampledPlanes() {
        if (resampledPlanes != null) {
            for (FloatPointer plane : resampledPlanes) {
                plane.close();
            }
            resampledPlanePointers.close();
            resampledPlanes = null;
            resampledCapacityFrames = 0;
        }
    }

    @Override
    public void close() {
        if (resampler != null) {
            swr_free(resampler);
            resampler = null;
        }
        if (frame != null) {
            av_frame_free(frame);
            frame = null;
        }
        if (packet != null) {
            av_packet_free(packet);
            packet = null;
        }
        if (codecContext != null) {
            avcodec_free_context(codecContext);
            codecContext = null;
        }
        if (formatContext != null) {
            avformat_close_input(formatContext);
            formatContext = null;
        }
        releaseResampledPlanes();
    }
}
