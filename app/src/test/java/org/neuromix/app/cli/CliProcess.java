package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioWriter;

/**
 * The CLI in a JVM of its own (this test JVM's class path), for what needs real standard streams:
 * a pseudo-terminal, or stderr redirected to a file. The home directory is a temporary folder.
 */
final class CliProcess {
    record Result(int exitCode, String output) {
    }

    private CliProcess() {
    }

    /** The java command line that runs the CLI with {@code args}. */
    static List<String> javaCommand(Path home, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Duser.home=" + home);
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) {
            command.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        }
        command.add(NeuroMixCli.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** Runs the command under a pseudo-terminal (util-linux {@code script}): all of its output, as a terminal shows it. */
    static Result underTerminal(Path home, String... args) throws Exception {
        StringBuilder line = new StringBuilder();
        for (String part : javaCommand(home, args)) {
            line.append(line.isEmpty() ? "" : " ").append('\'').append(part.replace("'", "'\\''")).append('\'');
        }
        // -e: script exits with the command's status; -f: flush as it goes; the typescript itself is thrown away.
        return run(new ProcessBuilder("script", "-qfec", line.toString(), "/dev/null"));
    }

    /** Runs the command with stdout and stderr redirected to one file (not a terminal). */
    static Result toFile(Path home, Path file, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(javaCommand(home, args)).redirectErrorStream(true)
                .redirectOutput(file.toFile());
        Process process = builder.start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the command finished");
        return new Result(process.exitValue(), Files.readString(file));
    }

    private static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(3, TimeUnit.MINUTES), "the command finished");
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** A short stereo song (tones and clicks, deterministic), 48 kHz 32-bit float. */
    static Path song(Path file, double seconds) throws IOException {
        int rate = 48_000;
        AudioBuffer audio = new AudioBuffer(2, (int) (rate * seconds));
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < audio.frames(); i++) {
            double t = i / (double) rate;
            double click = t % 0.5 < 0.01 ? 0.3 * random.nextGaussian() : 0;
            audio.channel(0)[i] = (float) (0.25 * Math.sin(2 * Math.PI * 55 * t) + 0.1 * Math.sin(2 * Math.PI * 660 * t) + click);
            audio.channel(1)[i] = (float) (0.25 * Math.sin(2 * Math.PI * 55 * t) + 0.1 * Math.sin(2 * Math.PI * 440 * t) + click);
        }
        AudioWriter.write(file, AudioEncoding.WAV_FLOAT_32, rate, audio);
        return file;
    }
}
