package org.neuromix.engine.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuromix.engine.testing.TestSignals.segment;
import static org.neuromix.engine.testing.TestSignals.sineSegments;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuromix.engine.audio.Decibels;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.testing.TestSignals.Segment;

/**
 * Our meter against FFmpeg's {@code ebur128=peak=true} filter (the libebur128 algorithm) on real
 * commercially produced game music from Debian's {@code frozen-bubble-data} package, and on the
 * gated EBU Tech 3341 cases synthesised here. Needs the {@code ffmpeg} command and that package,
 * which {@code .ci/run} installs (see the README).
 */
class FfmpegCrossCheckTest {
    private static final Path MUSIC = Path.of("/usr/share/games/frozen-bubble/snd");

    @TempDir
    Path directory;

    /** The last value FFmpeg printed for each key: the whole-programme figures. */
    record FfmpegFigures(double integratedLufs, double truePeakDbtp) {
    }

    static FfmpegFigures ffmpegEbur128(Path file, Path workDirectory) throws IOException, InterruptedException {
        Path metadata = workDirectory.resolve(file.getFileName() + ".r128.txt");
        Process process = new ProcessBuilder("ffmpeg", "-nostdin", "-nostats", "-hide_banner", "-i", file.toString(),
                "-map", "0:a:0", "-af", "ebur128=peak=true:metadata=1,ametadata=print:file=" + metadata,
                "-f", "null", "-")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "ffmpeg timed out");
        assertEquals(0, process.exitValue(), "ffmpeg failed on " + file);
        double integrated = Double.NaN;
        double truePeak = Double.NaN;
        for (String line : Files.readAllLines(metadata)) {
            if (line.startsWith("lavfi.r128.I=")) {
                integrated = Double.parseDouble(line.substring("lavfi.r128.I=".length()));
            } else if (line.startsWith("lavfi.r128.true_peak=")) {
                truePeak = Double.parseDouble(line.substring("lavfi.r128.true_peak=".length()));
            }
        }
        return new FfmpegFigures(integrated, Decibels.fromAmplitude(truePeak));
    }

    private static void requireTools() {
        assertTrue(Files.isDirectory(MUSIC), "missing " + MUSIC + ": install Debian's frozen-bubble-data (see README)");
        try {
            Process process = new ProcessBuilder("ffmpeg", "-version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0);
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("the ffmpeg command is needed for this cross-check: install Debian's ffmpeg", e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"frozen-mainzik-1p.ogg", "frozen-mainzik-2p.ogg", "introzik.ogg"})
    void realMusicAgreesWithFfmpeg(String name) throws Exception {
        requireTools();
        Path file = MUSIC.resolve(name);
        FileLoudness ours = FileLoudnessAnalyzer.analyze(file);
        FfmpegFigures reference = ffmpegEbur128(file, directory);
        // FFmpeg prints I to 0.001 LU and the true peak to 0.001 linear (about 0.01 dB).
        assertEquals(reference.integratedLufs(), ours.measurement().integratedLufs(), 0.1, "integrated loudness");
        assertEquals(reference.truePeakDbtp(), ours.measurement().truePeakDbtp(), 0.2, "true peak");
    }

    /** The gated EBU cases, whose exact values depend on the gating details, against FFmpeg. */
    @ParameterizedTest(name = "Tech 3341 case {0}")
    @ValueSource(ints = {3, 4, 5})
    void gatedConformanceCasesAgreeWithFfmpegWithin002Lu(int testCase) throws Exception {
        requireTools();
        List<Segment> segments = switch (testCase) {
            case 3 -> List.of(segment(2, -36, 10), segment(2, -23, 60), segment(2, -36, 10));
            case 4 -> List.of(segment(2, -72, 10), segment(2, -36, 10), segment(2, -23, 60), segment(2, -36, 10),
                    segment(2, -72, 10));
            default -> List.of(segment(2, -26, 20), segment(2, -20, 20.1), segment(2, -26, 20));
        };
        Path file = directory.resolve("case" + testCase + ".wav");
        AudioWriter.write(file, AudioEncoding.WAV_FLOAT_32, 48_000, sineSegments(48_000, 1000, segments));
        double ours = FileLoudnessAnalyzer.analyze(file).measurement().integratedLufs();
        assertEquals(ffmpegEbur128(file, directory).integratedLufs(), ours, 0.02);
    }
}
