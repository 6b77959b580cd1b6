package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.loudness.FileLoudnessAnalyzer;

import tools.jackson.databind.json.JsonMapper;

class RenderCommandTest {
    @TempDir
    static Path stems;
    @TempDir
    Path work;

    @BeforeAll
    static void writeStems() throws Exception {
        for (String name : new String[] {"Kick.wav", "Bass DI.flac"}) {
            AudioBuffer tone = new AudioBuffer(name.endsWith("flac") ? 1 : 2, 48_000 * 3);
            for (int channel = 0; channel < tone.channels(); channel++) {
                for (int i = 0; i < tone.frames(); i++) {
                    tone.channel(channel)[i] = (float) (0.3 * Math.sin(2 * Math.PI * (name.startsWith("K") ? 60 : 110) * i / 48_000.0));
                }
            }
            AudioWriter.write(stems.resolve(name), name.endsWith("flac") ? AudioEncoding.FLAC_24 : AudioEncoding.WAV_PCM_24,
                    48_000, tone);
        }
        Files.writeString(stems.resolve("notes.txt"), "session notes");
    }

    private static AnalyzeCommandTest.Run run(String... args) {
        return AnalyzeCommandTest.run(args);
    }

    @Test
    void templateThenRender() throws Exception {
        AnalyzeCommandTest.Run template = run("plan-template", "--stems", stems.toString());
        assertEquals(0, template.exitCode(), template.err());
        assertTrue(template.err().contains("skipped") && template.err().contains("notes.txt"), template.err());
        var json = new JsonMapper().readTree(template.out());
        assertEquals(2, json.get("tracks").size());
        Path plan = Files.writeString(work.resolve("plan.json"), template.out());

        Path mix = work.resolve("mix.wav");
        AnalyzeCommandTest.Run render = run("render", "--plan", plan.toString(), "--stems", stems.toString(),
                "-o", mix.toString(), "--stems-out", work.resolve("stems").toString());
        assertEquals(0, render.exitCode(), render.err());
        assertTrue(render.out().contains("integrated -14.0"), render.out());
        assertEquals(-14.0, FileLoudnessAnalyzer.analyze(mix).measurement().integratedLufs(), 0.3);
        assertTrue(Files.exists(work.resolve("stems").resolve("Bass DI.wav")));
        assertTrue(Files.exists(work.resolve("stems").resolve("Kick.wav")));
    }

    /** The REAPER session from the command line (mixer issue), into a new or empty folder only. */
    @Test
    void aReaperSessionIsWrittenBesideTheMixIntoANewFolderOnly() throws Exception {
        AnalyzeCommandTest.Run template = run("plan-template", "--stems", stems.toString());
        Path plan = Files.writeString(work.resolve("plan.json"), template.out());
        Path mix = work.resolve("Song.wav");
        Path session = work.resolve("reaper");
        AnalyzeCommandTest.Run render = run("render", "--plan", plan.toString(), "--stems", stems.toString(),
                "-o", mix.toString(), "--reaper", session.toString());
        assertEquals(0, render.exitCode(), render.err());
        assertTrue(render.out().contains("REAPER session: " + session.resolve("Song.rpp")), render.out());
        String project = Files.readString(session.resolve("Song.rpp"));
        assertTrue(project.contains("NAME Kick") && project.contains("NAME \"Bass DI\""), project);
        try (var audio = Files.list(session.resolve("audio"))) {
            assertEquals(2, audio.count(), "one file per track (the template has no reverb bus)");
        }

        Path full = Files.createDirectories(work.resolve("full"));
        Files.writeString(full.resolve("mine.txt"), "keep me");
        Path again = work.resolve("again.wav");
        AnalyzeCommandTest.Run refused = run("render", "--plan", plan.toString(), "--stems", stems.toString(),
                "-o", again.toString(), "--reaper", full.toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("--reaper " + full + ": the folder is not empty"), refused.err());
        assertEquals("keep me", Files.readString(full.resolve("mine.txt")));
        assertTrue(!Files.exists(again), "nothing rendered");
    }

    @Test
    void badInputExitsWithTwoAndWritesNothing() throws Exception {
        Path mix = work.resolve("mix.wav");
        Path malformed = Files.writeString(work.resolve("bad.json"), "{\"version\": 1, \"target\": ");
        assertBad(run("render", "--plan", malformed.toString(), "--stems", stems.toString(), "-o", mix.toString()),
                "not valid JSON");

        Path outOfRange = Files.writeString(work.resolve("range.json"), """
                {"version": 1, "target": {"loudnessLufs": -14}, "tracks": [{"stem": "Kick.wav", "pan": {"position": 3}}]}
                """);
        assertBad(run("render", "--plan", outOfRange.toString(), "--stems", stems.toString(), "-o", mix.toString()),
                "tracks[0].pan.position: must be in [-1, 1], was 3");

        Path missingStem = Files.writeString(work.resolve("missing.json"), """
                {"version": 1, "target": {"loudnessLufs": -14}, "tracks": [{"stem": "Snare.wav"}]}
                """);
        assertBad(run("render", "--plan", missingStem.toString(), "--stems", stems.toString(), "-o", mix.toString()),
                "'Snare.wav' not found");

        Path notAudio = Files.writeString(work.resolve("text.json"), """
                {"version": 1, "target": {"loudnessLufs": -14}, "tracks": [{"stem": "notes.txt"}]}
                """);
        assertBad(run("render", "--plan", notAudio.toString(), "--stems", stems.toString(), "-o", mix.toString()),
                "notes.txt: not an audio file");

        assertBad(run("render", "--plan", work.resolve("nope.json").toString(), "--stems", stems.toString(), "-o", mix.toString()),
                "nope.json: no such file");

        Path empty = Files.createDirectories(work.resolve("empty"));
        assertBad(run("plan-template", "--stems", empty.toString()), "no audio stems");
        assertBad(run("plan-template", "--stems", work.resolve("absent").toString()), "does not exist");
        assertEquals(2, run("render", "--plan", malformed.toString()).exitCode(), "missing options are usage errors");
        assertFalse(Files.exists(mix), "nothing written to the output path");
    }

    private static void assertBad(AnalyzeCommandTest.Run run, String expected) {
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertTrue(run.err().contains(expected), "'" + run.err() + "' should contain '" + expected + "'");
        assertFalse(run.err().contains("Exception"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }
}
