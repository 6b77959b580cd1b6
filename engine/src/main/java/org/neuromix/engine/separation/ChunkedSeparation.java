package org.neuromix.engine.separation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.progress.ProgressListener;

/**
 * Runs a {@link Separator} over audio of any length in bounded memory: the input is cut into
 * chunks of {@code chunkSeconds} (the core), each handed to the separator with the separator's
 * {@link Separator#contextFrames context} plus half a cross-fade either side (clipped at the ends
 * of the file), with chunk starts on multiples of {@link Separator#alignmentFrames}. The cores
 * are joined by overlap-add with a {@value #CROSSFADE_SECONDS} s sin²/cos² cross-fade, whose
 * weights sum to exactly one. Memory holds one chunk with its context, whatever the song length.
 *
 * <p><b>Chunk-boundary invariance.</b> When the separator's output at a frame depends only on the
 * input within its declared context, every output frame a chunk contributes was computed from the
 * same input as when the file is processed whole, so chunked and whole stems agree up to float
 * rounding (and the cross-fade mixes two equal signals). Separators with a longer memory (e.g. a
 * recurrent network) still get click-free joins from the cross-fade.
 *
 * <p><b>Mixture consistency.</b> Before a frame is written, the residual {@code mix − Σ stems} is
 * shared equally among the four stems (the projection of Wisdom et al., "Differentiable
 * Consistency Constraints for Improved Deep Speech Enhancement", ICASSP 2019, with equal weights),
 * so the stems sum back to the input up to float rounding, far below −60 dB.
 *
 * <p>Input handling: mono is duplicated to both channels; more than two channels are downmixed to
 * stereo by FFmpeg's rematrixing (ITU-style coefficients) with a note; silence gives silent stems;
 * excerpts shorter than the separator's window are zero-padded by the separator; an input with no
 * frames at all is refused with an {@link AudioFileException}.
 */
public final class ChunkedSeparation {
    /** Core length of a chunk by default: 30 s of audio plus its context stays well under 100 MB. */
    public static final double DEFAULT_CHUNK_SECONDS = 30;
    /** Length of the cross-fade between two chunks' cores. */
    public static final double CROSSFADE_SECONDS = 0.25;

    /** Pulls planar stereo input: fills {@code destination[0..1][offset, offset + frames)}, returns frames read, 0 at the end. */
    public interface Source {
        int read(float[][] destination, int offset, int frames) throws IOException, AudioFileException;
    }

    /** Receives finished stems: {@code stems[stem][channel]} valid over {@code [offset, offset + frames)}. */
    public interface Sink {
        void write(float[][][] stems, int offset, int frames) throws IOException;
    }

    /** What a file separation did: length, rate, the input's channel count, and notes for the user. */
    public record Result(long frames, int sampleRateHz, int inputChannels, List<Path> stems, List<String> notes) {
        public double seconds() {
            return frames / (double) sampleRateHz;
        }
    }

    private ChunkedSeparation() {
    }

    /**
     * Separates an audio file into {@code vocals.wav}, {@code drums.wav}, {@code bass.wav} and
     * {@code other.wav} (32-bit float WAV, the input's sample rate, stereo) in {@code outputDirectory}.
     *
     * @throws AudioFileException when the input is unreadable, corrupt or holds no audio frames
     * @throws IOException        when the stems cannot be written
     */
    public static Result separateFile(Separator separator, Path input, Path outputDirectory, double chunkSeconds)
            throws AudioFileException, IOException {
        return separateFile(separator, input, outputDirectory, chunkSeconds, ProgressListener.NONE);
    }

    /**
     * As {@link #separateFile(Separator, Path, Path, double)}, telling {@code progress} the share of
     * the input's declared length written so far (stage "separating"; NaN when the headers declare no length).
     */
    public static Result separateFile(Separator separator, Path input, Path outputDirectory, double chunkSeconds,
                                      ProgressListener progress) throws AudioFileException, IOException {
        List<String> notes = new ArrayList<>();
        int wantedRate = separator.preferredSampleRateHz();
        AudioReader reader = wantedRate > 0 ? AudioReader.open(input, wantedRate) : AudioReader.open(input);
        int inputChannels = reader.channels();
        int rate = reader.sampleRate();
        if (wantedRate > 0 && wantedRate != reader.info().sampleRate()) {
            notes.add(String.format(Locale.ROOT, "resampled from %d Hz to the %d Hz the %s separator needs",
                    reader.info().sampleRate(), wantedRate, separator.name()));
        }
        if (inputChannels > 2) {
            reader.close();
            reader = AudioReader.open(input, rate, 2);
            notes.add(String.format(Locale.ROOT, "%d-channel input downmixed to stereo before separation", inputChannels));
        } else if (inputChannels == 1) {
            notes.add("mono input: duplicated to both channels, so the stems are mono too");
        }
        Files.createDirectories(outputDirectory);
        double declaredSeconds = reader.info().durationSeconds();
        long expectedFrames = Double.isFinite(declaredSeconds) ? Math.max(1, Math.round(declaredSeconds * rate)) : -1;
        progress.progress("separating", expectedFrames > 0 ? 0 : Double.NaN);
        List<Path> files = new ArrayList<>();
        List<AudioWriter> writers = new ArrayList<>();
        boolean ok = false;
        try (AudioReader in = reader) {
            for (Stem stem : Stem.values()) {
                Path file = outputDirectory.resolve(stem.fileName());
                files.add(file);
                writers.add(AudioWriter.create(file, AudioEncoding.WAV_FLOAT_32, rate, 2));
            }
            int readerChannels = in.channels();
            AudioBuffer block = new AudioBuffer(readerChannels, 1 << 16);
            float[][] staged = new float[2][0];
            int[] stagedRange = new int[2]; // [read offset, frames] in staged
            Source source = (destination, offset, frames) -> {
                int done = 0;
                while (done < frames) {
                    if (stagedRange[0] == stagedRange[1]) {
                        int got = in.read(block);
                        if (got == 0) {
                            break;
                        }
                        staged[0] = block.channel(0);
                        staged[1] = block.channel(readerChannels > 1 ? 1 : 0);
                        stagedRange[0] = 0;
                        stagedRange[1] = got;
                    }
                    int n = Math.min(frames - done, stagedRange[1] - stagedRange[0]);
                    System.arraycopy(staged[0], stagedRange[0], destination[0], offset + done, n);
                    System.arraycopy(staged[1], stagedRange[0], destination[1], offset + done, n);
                    stagedRange[0] += n;
                    done += n;
                }
                return done;
            };
            long[] writtenFrames = {0};
            Sink sink = (stems, offset, frames) -> {
                for (int s = 0; s < stems.length; s++) {
                    writers.get(s).write(new AudioBuffer(stems[s]), offset, frames);
                }
                writtenFrames[0] += frames;
                progress.progress("separating", expectedFrames > 0 ? Math.min(1, writtenFrames[0] / (double) expectedFrames)
                        : Double.NaN);
            };
            long frames = run(separator, rate, source, sink, chunkSeconds);
            if (frames == 0) {
                throw new AudioFileException(input, "holds no audio frames");
            }
            for (AudioWriter writer : writers) {
                writer.finish();
            }
            progress.progress("separated", 1);
            ok = true;
            return new Result(frames, rate, inputChannels, List.copyOf(files), List.copyOf(notes));
        } finally {
            for (AudioWriter writer : writers) {
                writer.close();
            }
            if (!ok) {
                for (Path file : files) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /**
     * Separates audio held in memory (mono is duplicated; more than two channels are refused here —
     * downmix first). Returns the four stems in {@link Stem} order, stereo, as long as the input.
     */
    public static AudioBuffer[] separate(Separator separator, AudioBuffer input, int sampleRateHz, double chunkSeconds) {
        if (input.channels() > 2) {
            throw new IllegalArgumentException("downmix to stereo first: " + input.channels() + " channels");
        }
        int total = input.frames();
        float[] left = input.channel(0);
        float[] right = input.channel(input.channels() > 1 ? 1 : 0);
        AudioBuffer[] out = new AudioBuffer[Stem.values().length];
        for (int s = 0; s < out.length; s++) {
            out[s] = new AudioBuffer(2, total);
        }
        int[] position = {0};
        Source source = (destination, offset, frames) -> {
            int n = Math.min(frames, total - position[0]);
            System.arraycopy(left, position[0], destination[0], offset, n);
            System.arraycopy(right, position[0], destination[1], offset, n);
            position[0] += n;
            return n;
        };
        int[] written = {0};
        Sink sink = (stems, offset, frames) -> {
            for (int s = 0; s < stems.length; s++) {
                for (int c = 0; c < 2; c++) {
                    System.arraycopy(stems[s][c], offset, out[s].channel(c), written[0], frames);
                }
            }
            written[0] += frames;
        };
        try {
            run(separator, sampleRateHz, source, sink, chunkSeconds);
        } catch (IOException | AudioFileException e) {
            throw new IllegalStateException("in-memory separation cannot fail on I/O", e);
        }
        return out;
    }

    /**
     * The chunking loop: pulls input from {@code source}, pushes finished, mixture-consistent stems to
     * {@code sink} in order, and returns the number of frames separated.
     */
    public static long run(Separator separator, int sampleRateHz, Source source, Sink sink, double chunkSeconds)
            throws IOException, AudioFileException {
        if (!(chunkSeconds > 0)) {
            throw new IllegalArgumentException("chunkSeconds must be positive, was " + chunkSeconds);
        }
        int align = Math.max(1, separator.alignmentFrames(sampleRateHz));
        int fade = 2 * Math.max(1, (int) Math.round(CROSSFADE_SECONDS * sampleRateHz / 2));
        long wantedCore = Math.max((long) Math.ceil(chunkSeconds * sampleRateHz), fade);
        long core = Math.min(ceilTo(wantedCore, align), Integer.MAX_VALUE / 4);
        int context = (int) ceilTo(separator.contextFrames(sampleRateHz) + fade / 2, align);
        int capacity = (int) Math.min(Integer.MAX_VALUE - 8, core + 2L * context);
        int stems = Stem.values().length;
        float[][] window = new float[2][capacity];
        long windowStart = 0; // global frame of window[.][0]
        int windowFrames = 0;
        boolean ended = false;
        long total = -1; // known once the source ends
        float[][][] pending = new float[stems][2][fade];
        int pendingFrames = 0; // the previous chunk's fade-out, from coreStart - fade/2
        float[] fadeIn = new float[fade];
        for (int i = 0; i < fade; i++) {
            double s = Math.sin(0.5 * Math.PI * (i + 0.5) / fade);
            fadeIn[i] = (float) (s * s);
        }
        for (long coreStart = 0; ; coreStart += core) {
            // Slide the window so it starts at coreStart - context, then fill it to coreStart + core + context.
            long wantedStart = Math.max(0, coreStart - context);
            int drop = (int) (wantedStart - windowStart);
            if (drop > 0) {
                for (int c = 0; c < 2; c++) {
                    System.arraycopy(window[c], drop, window[c], 0, windowFrames - drop);
                }
                windowFrames -= drop;
                windowStart = wantedStart;
            }
            long wantedEnd = coreStart + core + context;
            while (!ended && windowStart + windowFrames < wantedEnd) {
                int room = (int) (wantedEnd - windowStart - windowFrames);
                int got = source.read(window, windowFrames, room);
                if (got == 0) {
                    ended = true;
                    total = windowStart + windowFrames;
                } else {
                    windowFrames += got;
                }
            }
            if (ended && coreStart >= total) {
                break;
            }
            boolean last = ended && coreStart + core >= total;
            long end = windowStart + windowFrames;
            int n = (int) (Math.min(end, wantedEnd) - windowStart);
            float[][] excerpt = {java.util.Arrays.copyOf(window[0], n), java.util.Arrays.copyOf(window[1], n)};
            float[][][] separated = separator.separate(excerpt, n, sampleRateHz);
            // Output of this chunk: [outStart, emitEnd) is final now; [emitEnd, fadeEnd) waits for the next chunk.
            long outStart = coreStart == 0 ? 0 : coreStart - fade / 2;
            long emitEnd = last ? total : Math.min(coreStart + core - fade / 2, end);
            long fadeEnd = last ? total : Math.min(coreStart + core + fade / 2, end);
            int emitFrames = (int) (emitEnd - outStart);
            float[][][] emit = new float[stems][2][emitFrames];
            for (int s = 0; s < stems; s++) {
                for (int c = 0; c < 2; c++) {
                    float[] source2 = separated[s][c];
                    float[] target = emit[s][c];
                    for (int i = 0; i < emitFrames; i++) {
                        long g = outStart + i;
                        int local = (int) (g - windowStart);
                        float value = source2[local];
                        if (coreStart > 0 && i < pendingFrames) {
                            value = value * fadeIn[i] + pending[s][c][i];
                        }
                        target[i] = value;
                    }
                }
            }
            // Fade-out tail for the next chunk (cos² = 1 - sin², so the two weights sum to one).
            pendingFrames = (int) (fadeEnd - emitEnd);
            for (int s = 0; s < stems; s++) {
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < pendingFrames; i++) {
                        int local = (int) (emitEnd + i - windowStart);
                        pending[s][c][i] = separated[s][c][local] * (1 - fadeIn[i]);
                    }
                }
            }
            // Mixture consistency: share the residual equally.
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < emitFrames; i++) {
                    int local = (int) (outStart + i - windowStart);
                    float sum = 0;
                    for (int s = 0; s < stems; s++) {
                        sum += emit[s][c][i];
                    }
                    float share = (window[c][local] - sum) / stems;
                    for (int s = 0; s < stems; s++) {
                        emit[s][c][i] += share;
                    }
                }
            }
            if (emitFrames > 0) {
                sink.write(emit, 0, emitFrames);
            }
            if (last) {
                break;
            }
        }
        return Math.max(total, 0);
    }

    private static long ceilTo(long value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }
}
