package org.neuromix.engine.io;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_CAP_VARIABLE_FRAME_SIZE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_BITEXACT;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_close;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_DBL;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLT;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_FLTP;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S16;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_S32;
import static org.bytedeco.ffmpeg.global.avutil.AV_SAMPLE_FMT_U8;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_copy;
import static org.bytedeco.ffmpeg.global.avutil.av_channel_layout_default;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_opt_set;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.ShortPointer;
import org.neuromix.engine.audio.AudioBuffer;

/**
 * Streaming audio encoder over FFmpeg (libavcodec + libavformat). Float samples are converted to
 * the encoding's word length in Java: rounded to nearest, clipped to full scale, and TPDF-dithered
 * (±1 LSB triangular, from a fixed-seed generator so output is reproducible) for 16 bits and below.
 * 24-bit PCM and float written from audio read by {@link AudioReader} reproduce it bit for bit.
 *
 * <p>The file appears at its path only when {@link #finish()} succeeds: audio goes to a hidden
 * temporary file beside it, moved into place at the end, so a failure never leaves a partial file.
 * Output is bit-exact mode (no encoder version tags), so equal input gives equal bytes.
 */
public final class AudioWriter implements AutoCloseable {
    private static final double INT24_FULL_SCALE = 8_388_608.0;
    private static final double INT16_FULL_SCALE = 32_768.0;
    private static final double INT32_FULL_SCALE = 2_147_483_648.0;
    private static final int PCM_FRAME_SIZE = 4096;

    private final Path target;
    private final Path temporary;
    private final AudioEncoding encoding;
    private final int channels;
    private final int frameSize;

    private AVFormatContext formatContext;
    private AVCodecContext codecContext;
    private AVStream stream;
    private AVFrame frame;
    private AVPacket packet;
    private boolean ioOpen;
    private boolean finished;

    private final float[][] pending;
    private int pendingFrames;
    private long framesWritten;
    private long ditherState = 0x9E3779B97F4A7C15L;

    private short[] shortScratch = new short[0];
    private int[] intScratch = new int[0];
    private float[] floatScratch = new float[0];
    private double[] doubleScratch = new double[0];
    private byte[] byteScratch = new byte[0];

    private AudioWriter(Path target, AudioEncoding encoding, int sampleRateHz, int channels) throws IOException {
        Ffmpeg.init();
        this.target = target.toAbsolutePath();
        this.encoding = encoding;
        this.channels = channels;
        Path directory = this.target.getParent();
        Files.createDirectories(directory);
        this.temporary = SiblingFiles.create(this.target, ".part");
        boolean ok = false;
        try {
            frameSize = open(sampleRateHz);
            pending = new float[channels][frameSize];
            ok = true;
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    /**
     * Starts writing {@code target} (replaced if it exists, once finished).
     *
     * @throws IllegalArgumentException for an unsupported rate or channel count
     * @throws IOException              when the file cannot be created or the encoder refuses
     */
    public static AudioWriter create(Path target, AudioEncoding encoding, int sampleRateHz, int channels) throws IOException {
        if (sampleRateHz < AudioReader.MIN_SAMPLE_RATE_HZ || sampleRateHz > AudioReader.MAX_SAMPLE_RATE_HZ) {
            throw new IllegalArgumentException("sampleRateHz must be in [" + AudioReader.MIN_SAMPLE_RATE_HZ + ", "
                    + AudioReader.MAX_SAMPLE_RATE_HZ + "], was " + sampleRateHz);
        }
        if (channels < 1 || channels > AudioReader.MAX_CHANNELS) {
            throw new IllegalArgumentException("channels must be in [1, " + AudioReader.MAX_CHANNELS + "], was " + channels);
        }
        return new AudioWriter(target, encoding, sampleRateHz, channels);
    }

    /** Writes a whole buffer to {@code target} in one call. */
    public static void write(Path target, AudioEncoding encoding, int sampleRateHz, AudioBuffer audio) throws IOException {
        try (AudioWriter writer = create(target, encoding, sampleRateHz, audio.channels())) {
            writer.write(audio);
            writer.finish();
        }
    }

    private int open(int sampleRateHz) throws IOException {
        AVCodec codec = avcodec_find_encoder_by_name(encoding.codec);
        if (codec == null || codec.isNull()) {
            throw new IOException("this FFmpeg build has no " + encoding.codec + " encoder");
        }
        formatContext = new AVFormatContext(null);
        check(avformat_alloc_output_context2(formatContext, null, encoding.container, temporary.toString()),
                "cannot set up the " + encoding.container + " container");
        av_opt_set(formatContext, "fflags", "+bitexact", 0);
        stream = avformat_new_stream(formatContext, null);
        codecContext = avcodec_alloc_context3(codec);
        codecContext.sample_rate(sampleRateHz);
        codecContext.sample_fmt(ffmpegSampleFormat(encoding.sampleFormat));
        av_channel_layout_default(codecContext.ch_layout(), channels);
        codecContext.time_base().num(1).den(sampleRateHz);
        if (encoding.bitsPerSample > 0) {
            codecContext.bits_per_raw_sample(encoding.bitsPerSample);
        }
        if (encoding.bitRate > 0) {
            codecContext.bit_rate(encoding.bitRate);
        }
        codecContext.flags(codecContext.flags() | AV_CODEC_FLAG_BITEXACT);
        if (encoding == AudioEncoding.OGG_VORBIS) {
            codecContext.strict_std_compliance(-2); // FFmpeg's native Vorbis encoder is marked experimental
        }
        if ((formatContext.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
            codecContext.flags(codecContext.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
        }
        check(avcodec_open2(codecContext, codec, (AVDictionary) null), "cannot open the " + encoding.codec + " encoder");
        check(avcodec_parameters_from_context(stream.codecpar(), codecContext), "cannot configure the stream");
        stream.time_base().num(1).den(sampleRateHz);

        AVIOContext io = new AVIOContext(null);
        check(avio_open(io, temporary.toString(), AVIO_FLAG_WRITE), "cannot create " + temporary);
        formatContext.pb(io);
        ioOpen = true;
        AVDictionary options = new AVDictionary(null);
        av_dict_set(options, "rf64", "auto", 0); // WAV over 4 GiB becomes RF64 instead of failing
        int result = avformat_write_header(formatContext, options);
        av_dict_free(options);
        check(result, "cannot write the " + encoding.container + " header");

        boolean variable = (codec.capabilities() & AV_CODEC_CAP_VARIABLE_FRAME_SIZE) != 0;
        int size = codecContext.frame_size() > 0 && !variable ? codecContext.frame_size() : PCM_FRAME_SIZE;
        frame = av_frame_alloc();
        frame.nb_samples(size);
        frame.format(codecContext.sample_fmt());
        frame.sample_rate(sampleRateHz);
        check(av_channel_layout_copy(frame.ch_layout(), codecContext.ch_layout()), "cannot set the channel layout");
        check(av_frame_get_buffer(frame, 0), "out of memory for the encoder frame");
        packet = av_packet_alloc();
        return size;
    }

    public void write(AudioBuffer audio) throws IOException {
        write(audio, 0, audio.frames());
    }

    /** Appends {@code frames} frames of {@code audio} from {@code offset}. */
    public void write(AudioBuffer audio, int offset, int frames) throws IOException {
        if (finished) {
            throw new IllegalStateException("already finished");
        }
        if (audio.channels() != channels) {
            throw new IllegalArgumentException("buffer has " + audio.channels() + " channels, writer has " + channels);
        }
        int done = 0;
        while (done < frames) {
            int count = Math.min(frameSize - pendingFrames, frames - done);
            for (int channel = 0; channel < channels; channel++) {
                System.arraycopy(audio.channel(channel), offset + done, pending[channel], pendingFrames, count);
            }
            pendingFrames += count;
            done += count;
            if (pendingFrames == frameSize) {
                encodePending();
            }
        }
    }

    /** Flushes the encoder, completes the file and moves it into place. */
    public void finish() throws IOException {
        if (finished) {
            return;
        }
        if (pendingFrames > 0) {
            encodePending();
        }
        check(avcodec_send_frame(codecContext, null), "cannot flush the encoder");
        drainPackets();
        check(av_write_trailer(formatContext), "cannot complete the file");
        closeIo();
        finished = true;
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public long framesWritten() {
        return framesWritten;
    }

    private void encodePending() throws IOException {
        check(av_frame_make_writable(frame), "encoder frame not writable");
        frame.nb_samples(pendingFrames);
        fillFrame(pendingFrames);
        frame.pts(framesWritten);
        framesWritten += pendingFrames;
        pendingFrames = 0;
        check(avcodec_send_frame(codecContext, frame), "encoding failed");
        drainPackets();
    }

    private void drainPackets() throws IOException {
        while (true) {
            int result = avcodec_receive_packet(codecContext, packet);
            if (result == Ffmpeg.AVERROR_EAGAIN || result == AVERROR_EOF()) {
                return;
            }
            check(result, "encoding failed");
            packet.stream_index(stream.index());
            av_packet_rescale_ts(packet, codecContext.time_base(), stream.time_base());
            int written = av_interleaved_write_frame(formatContext, packet);
            av_packet_unref(packet);
            check(written, "cannot write to " + target);
        }
    }

    /** Converts the pending float frames into the frame's native sample format. */
    private void fillFrame(int frames) {
        boolean planar = encoding.sampleFormat == AudioEncoding.SampleFormat.FLTP;
        if (planar) {
            for (int channel = 0; channel < channels; channel++) {
                new FloatPointer(frame.extended_data(channel)).put(pending[channel], 0, frames);
            }
            return;
        }
        int samples = frames * channels;
        BytePointer data = frame.data(0);
        switch (encoding.sampleFormat) {
            case S16 -> {
                shortScratch = shortScratch.length >= samples ? shortScratch : new short[samples];
                for (int i = 0; i < frames; i++) {
                    for (int channel = 0; channel < channels; channel++) {
                        shortScratch[i * channels + channel] =
                                (short) quantise(pending[channel][i], INT16_FULL_SCALE, encoding.dithered);
                    }
                }
                new ShortPointer(data).put(shortScratch, 0, samples);
            }
            case S32 -> {
                intScratch = intScratch.length >= samples ? intScratch : new int[samples];
                boolean is24 = encoding.bitsPerSample == 24;
                for (int i = 0; i < frames; i++) {
                    for (int channel = 0; channel < channels; channel++) {
                        // FFmpeg takes 24-bit audio left-justified in 32-bit words.
                        intScratch[i * channels + channel] = is24
                                ? (int) quantise(pending[channel][i], INT24_FULL_SCALE, false) << 8
                                : (int) quantise(pending[channel][i], INT32_FULL_SCALE, false);
                    }
                }
                new IntPointer(data).put(intScratch, 0, samples);
            }
            case FLT -> {
                floatScratch = floatScratch.length >= samples ? floatScratch : new float[samples];
                for (int i = 0; i < frames; i++) {
                    for (int channel = 0; channel < channels; channel++) {
                        floatScratch[i * channels + channel] = pending[channel][i];
                    }
                }
                new FloatPointer(data).put(floatScratch, 0, samples);
            }
            case DBL -> {
                doubleScratch = doubleScratch.length >= samples ? doubleScratch : new double[samples];
                for (int i = 0; i < frames; i++) {
                    for (int channel = 0; channel < channels; channel++) {
                        doubleScratch[i * channels + channel] = pending[channel][i];
                    }
                }
                new DoublePointer(data).put(doubleScratch, 0, samples);
            }
            case U8 -> {
                byteScratch = byteScratch.length >= samples ? byteScratch : new byte[samples];
                for (int i = 0; i < frames; i++) {
                    for (int channel = 0; channel < channels; channel++) {
                        byteScratch[i * channels + channel] = (byte) (quantise(pending[channel][i], 128.0, true) + 128);
                    }
                }
                data.put(byteScratch, 0, samples);
            }
            default -> throw new IllegalStateException("unexpected sample format " + encoding.sampleFormat);
        }
    }

    /** Scales to integer steps, optionally adds TPDF dither of ±1 step, rounds and clips to the word. */
    private long quantise(float sample, double fullScale, boolean dither) {
        double value = sample * fullScale;
        if (dither) {
            value += nextUniform() - nextUniform();
        }
        long rounded = Math.round(value);
        long max = (long) fullScale - 1;
        long min = -(long) fullScale;
        return rounded > max ? max : Math.max(rounded, min);
    }

    /** Uniform in [0, 1) from a SplitMix64 sequence: fast, and the same on every run. */
    private double nextUniform() {
        long z = (ditherState += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }

    private static int ffmpegSampleFormat(AudioEncoding.SampleFormat format) {
        return switch (format) {
            case U8 -> AV_SAMPLE_FMT_U8;
            case S16 -> AV_SAMPLE_FMT_S16;
            case S32 -> AV_SAMPLE_FMT_S32;
            case FLT -> AV_SAMPLE_FMT_FLT;
            case DBL -> AV_SAMPLE_FMT_DBL;
            case FLTP -> AV_SAMPLE_FMT_FLTP;
        };
    }

    private void check(int result, String problem) throws IOException {
        if (result < 0) {
            throw new IOException(target + ": " + problem + " (" + Ffmpeg.describe(result) + ")");
        }
    }

    private void closeIo() {
        if (ioOpen) {
            avio_close(formatContext.pb());
            formatContext.pb(null);
            ioOpen = false;
        }
    }

    /** Releases FFmpeg resources; without a successful {@link #finish()} the partial file is deleted. */
    @Override
    public void close() {
        if (formatContext != null) {
            closeIo();
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
            avformat_free_context(formatContext);
            formatContext = null;
        }
        if (!finished) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the partial file " + temporary, e);
            }
        }
    }
}
