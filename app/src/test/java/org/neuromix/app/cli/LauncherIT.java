package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioWriter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The packaged application through {@code bin/neuromix}, as a user runs it. */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "neuromix").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    record Result(int exitCode, String out, String err) {
    }

    static Result neuromix(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        // Read both streams fully before waiting, so neither pipe can fill up.
        var err = process.getErrorStream();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] errBytes = err.readAllBytes();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(errBytes, StandardCharsets.UTF_8));
    }

    @Test
    void helpAnalyzeAndBadInputThroughTheLauncher() throws Exception {
        Result help = neuromix("--help");
        assertEquals(0, help.exitCode(), help.err());
        assertTrue(help.out().contains("analyze"));

        Path file = directory.resolve("noise.flac");
        AudioBuffer audio = new AudioBuffer(2, 48_000 * 4);
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < audio.frames(); i++) {
            audio.channel(0)[i] = (float) (random.nextGaussian() * 0.05);
            audio.channel(1)[i] = (float) (random.nextGaussian() * 0.05);
        }
        AudioWriter.write(file, AudioEncoding.FLAC_24, 48_000, audio);

        // Twice: the first run after a build also writes the class-data archive.
        for (int run = 0; run < 2; run++) {
            Result analyzed = neuromix("analyze", "--json", file.toString());
            assertEquals(0, analyzed.exitCode(), analyzed.err());
            assertEquals("", analyzed.err(), "nothing on stderr for a good file");
            JsonNode json = new JsonMapper().readTree(analyzed.out());
            assertEquals("flac/flac", json.get("format").asString());
            double lufs = json.get("integratedLufs").asDouble();
            assertTrue(lufs < -10 && lufs > -40, "integrated " + lufs);
        }

        Result bad = neuromix("analyze", directory.resolve("missing.wav").toString(), file.toString());
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.err().lines().count(), bad.err());
        assertTrue(bad.err().contains("missing.wav: no such file"), bad.err());
        assertTrue(bad.out().contains("flac/flac"), "the good file is still measured: " + bad.out());
    }
}
