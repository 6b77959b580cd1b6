package org.neuromix.engine.io;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_QUIET;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import org.bytedeco.javacpp.Loader;

/** Shared FFmpeg set-up and error text, for the reader and the writer. */
final class Ffmpeg {
    /** AVERROR(EAGAIN) on Linux and macOS (EAGAIN = 11 / 35 differ; Linux is what we ship). */
    static final int AVERROR_EAGAIN = -11;

    private static volatile boolean initialised;

    private Ffmpeg() {
    }

    /**
     * Loads the native libraries once and silences FFmpeg's own console logging: every problem
     * reaches the user as one exception message instead.
     */
    static void init() {
        if (!initialised) {
            synchronized (Ffmpeg.class) {
                if (!initialised) {
                    Loader.load(org.bytedeco.ffmpeg.global.avutil.class);
                    av_log_set_level(AV_LOG_QUIET);
                    Loader.load(org.bytedeco.ffmpeg.global.swresample.class);
                    Loader.load(org.bytedeco.ffmpeg.global.avcodec.class);
                    Loader.load(org.bytedeco.ffmpeg.global.avformat.class);
                    initialised = true;
                }
            }
        }
    }

    /**
     * Starts loading the native libraries on a background daemon thread, so that a short-lived
     * command can overlap the ~0.25 s this takes with its own start-up; the first real use waits
     * for it to complete.
     */
    static void preloadInBackground() {
        if (!initialised) {
            Thread loader = new Thread(Ffmpeg::init, "ffmpeg-loader");
            loader.setDaemon(true);
            loader.start();
        }
    }

    /** FFmpeg's own description of an error code, e.g. "Invalid data found when processing input". */
    static String describe(int errorCode) {
        byte[] text = new byte[256];
        if (av_strerror(errorCode, text, text.length) < 0) {
            return "FFmpeg error " + errorCode;
        }
        return cString(text);
    }

    /** The text of a NUL-terminated buffer FFmpeg wrote. */
    static String cString(byte[] text) {
        int length = 0;
        while (length < text.length && text[length] != 0) {
            length++;
        }
        return new String(text, 0, length, java.nio.charset.StandardCharsets.UTF_8);
    }
}
