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
        return neuromixWith(java.util.Map.of(), args);
    }

    static Result neuromixWith(java.util.Map<String, String> environment, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process = builder.start();
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

    /**
     * bin/neuromix tells the CLI whether stderr is a terminal: a bar under a pseudo-terminal even
     * with stdout redirected to a file, plain lines when stderr is a pipe.
     */
    @Test
    void theLauncherDrawsABarOnlyWhenStderrIsATerminal() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(Path.of("/usr/bin/script")));
        Path song = CliProcess.song(directory.resolve("song.wav"), 10);
        Path paths = directory.resolve("paths.txt");
        String command = "'" + LAUNCHER + "' separate '" + song + "' -o '" + directory.resolve("a") + "' --method dsp"
                + " --chunk-seconds 1 > '" + paths + "'";
        Process process = new ProcessBuilder("script", "-qfec", command, "/dev/null").redirectErrorStream(true).start();
        String terminal = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), terminal);
        assertTrue(terminal.contains("[########################] 100 %"), "a bar on the terminal: " + terminal);
        assertTrue(java.nio.file.Files.readString(paths).contains("vocals.wav"), "the summary went to the file");

        Result piped = neuromix("separate", song.toString(), "-o", directory.resolve("b").toString(), "--method", "dsp",
                "--chunk-seconds", "1");
        assertEquals(0, piped.exitCode(), piped.err());
        assertTrue(piped.err().contains("neuromix separate: done 100 %") && !piped.err().contains("\r"), piped.err());
    }

    /**
     * {@code neuromix train} in two home directories — one empty, one holding another generation of
     * Gervill's cached emergency bank — writes byte-identical model files and touches neither home.
     */
    @Test
    void trainGivesTheSameModelsInAnyHomeDirectory() throws Exception {
        Path emptyHome = java.nio.file.Files.createDirectories(directory.resolve("home-empty"));
        Path plantedHome = directory.resolve("home-planted");
        Path planted = plantedHome.resolve(".gervill").resolve("soundbank-emg.sf2");
        java.nio.file.Files.createDirectories(planted.getParent());
        Object bank = Class.forName("com.sun.media.sound.EmergencySoundbank").getMethod("createSoundbank").invoke(null);
        bank.getClass().getMethod("save", java.io.File.class).invoke(bank, planted.toFile());
        List<Path> outs = new ArrayList<>();
        for (Path home : List.of(emptyHome, plantedHome)) {
            Path out = directory.resolve("models-" + home.getFileName());
            // Java takes user.home from the password database, not $HOME: both are set.
            Result trained = neuromixWith(java.util.Map.of("HOME", home.toString(), "NEUROMIX_JAVA_OPTS", "-Duser.home=" + home),
                    "train", "--sessions", "2", "--seed", "5", "--bars", "1", "--out", out.toString());
            assertEquals(0, trained.exitCode(), trained.err());
            assertTrue(!trained.err().contains("preferences") && !trained.err().contains("\u001b"),
                    "no preferences warning, no escape codes: " + trained.err());
            outs.add(out);
        }
        try (var files = java.nio.file.Files.list(outs.get(0))) {
            List<Path> models = files.sorted().toList();
            assertTrue(models.size() >= 9, "every model written: " + models);
            for (Path model : models) {
                assertTrue(java.util.Arrays.equals(java.nio.file.Files.readAllBytes(model),
                        java.nio.file.Files.readAllBytes(outs.get(1).resolve(model.getFileName()))), model.getFileName() + " is identical");
            }
        }
        try (var left = java.nio.file.Files.list(emptyHome)) {
            assertEquals(List.of(), left.toList(), "nothing written into the home directory");
        }
    }
}
