package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;

/** {@code neuromix separate} and {@code neuromix eval-separation}: stems written, bad input refused in one line. */
class SeparateCommandTest {
    @TempDir
    Path work;

    @Test
    void monoSongGivesFourStereoStemsThatSumToIt() throws Exception {
        int rate = 44_100;
        AudioBuffer mono = new AudioBuffer(1, rate * 3);
        for (int i = 0; i < mono.frames(); i++) {
            double t = i / (double) rate;
            mono.channel(0)[i] = (float) (0.3 * Math.sin(2 * Math.PI * 65 * t) + 0.2 * Math.sin(2 * Math.PI * 440 * t)
                    + (t % 0.5 < 0.02 ? 0.3 * Math.sin(i * 1.7) : 0));
        }
        Path input = work.resolve("mono song.wav");
        AudioWriter.write(input, AudioEncoding.WAV_FLOAT_32, rate, mono);
        Path out = work.resolve("stems");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("separate", input.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("mono input: duplicated"), run.out());
        float[][] total = new float[2][mono.frames()];
        for (String stem : new String[] {"vocals", "drums", "bass", "other"}) {
            try (AudioReader reader = AudioReader.open(out.resolve(stem + ".wav"))) {
                assertEquals(2, reader.channels());
                assertEquals(rate, reader.sampleRate());
                AudioBuffer audio = new AudioBuffer(2, mono.frames() + 10);
                assertEquals(mono.frames(), reader.read(audio), stem + " has the input's length");
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < mono.frames(); i++) {
                        total[c][i] += audio.channel(c)[i];
                    }
                }
            }
        }
        double signal = 0, error = 0;
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < mono.frames(); i++) {
                signal += mono.channel(0)[i] * mono.channel(0)[i];
                error += Math.pow(total[c][i] - mono.channel(0)[i], 2);
            }
        }
        // Float WAV stems: the sum is exact up to float32 rounding (about -130 dB); the issue asks for -60 dB.
        assertTrue(10 * Math.log10(error / signal) < -90, "mixture error " + 10 * Math.log10(error / signal));
    }

    @Test
    void badInputIsAOneLineRefusal() throws Exception {
        Path out = work.resolve("o");
        assertBad(AnalyzeCommandTest.run("separate", work.resolve("missing.wav").toString(), "-o", out.toString()),
                "neuromix separate: ");
        Path text = Files.writeString(work.resolve("notes.wav"), "not audio at all");
        assertBad(AnalyzeCommandTest.run("separate", text.toString(), "-o", out.toString()), "neuromix separate: ");
        Path empty = Files.createFile(work.resolve("empty.wav"));
        assertBad(AnalyzeCommandTest.run("separate", empty.toString(), "-o", out.toString()), "neuromix separate: ");
        Path song = work.resolve("s.wav");
        AudioWriter.write(song, AudioEncoding.WAV_PCM_16, 48_000, new AudioBuffer(2, 4800));
        assertBad(AnalyzeCommandTest.run("separate", song.toString(), "-o", out.toString(), "--method", "magic"),
                "unknown separation method 'magic'");
        assertBad(AnalyzeCommandTest.run("separate", song.toString(), "-o", out.toString(), "--method",
                "onnx:" + work.resolve("missing.onnx")), "ONNX model not found");
        assertBad(AnalyzeCommandTest.run("separate", song.toString(), "-o", out.toString(), "--method", "onnx:" + text),
                "is not a usable ONNX model");
        Path file = Files.writeString(work.resolve("a-file"), "x");
        assertBad(AnalyzeCommandTest.run("separate", song.toString(), "-o", file.toString()), "is not a folder");
        assertBad(AnalyzeCommandTest.run("eval-separation", "--sessions", "0"), "--sessions must be");
        assertBad(AnalyzeCommandTest.run("eval-separation", "--method", "nope"), "unknown separation method");
        assertFalse(Files.exists(out.resolve("vocals.wav")), "nothing half-written");
    }

    @Test
    void silenceAndAVeryShortFileGiveSilentOrShortStems() throws Exception {
        Path silence = work.resolve("silence.flac");
        AudioWriter.write(silence, AudioEncoding.FLAC_24, 48_000, new AudioBuffer(2, 48_000 * 2));
        assertEquals(0, AnalyzeCommandTest.run("separate", silence.toString(), "-o", work.resolve("a").toString()).exitCode());
        Path blip = work.resolve("blip.wav");
        AudioBuffer one = new AudioBuffer(2, 3);
        one.channel(0)[1] = 0.5f;
        AudioWriter.write(blip, AudioEncoding.WAV_PCM_24, 48_000, one);
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("separate", blip.toString(), "-o", work.resolve("b").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.size(work.resolve("b").resolve("other.wav")) > 0);
    }

    @Test
    void theEvaluationSectionReplacesOnlyItself() throws Exception {
        Path doc = Files.writeString(work.resolve("evaluation.md"), "# Evaluation\n\n## Balance\n\nkept\n");
        EvalSeparationCommand.writeSection(doc, "## Stem separation\n\nfirst\n");
        EvalSeparationCommand.writeSection(doc, "## Stem separation\n\nsecond\n");
        String text = Files.readString(doc);
        assertTrue(text.contains("## Balance\n\nkept\n"), text);
        assertTrue(text.contains("second") && !text.contains("first"), text);
        Files.writeString(doc, text + "\n## Later\n\nalso kept\n");
        EvalSeparationCommand.writeSection(doc, "## Stem separation\n\nthird\n");
        text = Files.readString(doc);
        assertTrue(text.contains("third") && !text.contains("second") && text.contains("## Later\n\nalso kept"), text);
    }

    private static void assertBad(AnalyzeCommandTest.Run run, String expected) {
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
