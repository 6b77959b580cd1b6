package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.loudness.FileLoudnessAnalyzer;
import org.neuromix.engine.plan.MixPlanJson;
import org.neuromix.engine.train.GervillRenderer;
import org.neuromix.engine.train.SyntheticSessions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MixCommandTest {
    @TempDir
    static Path stems;
    @TempDir
    Path work;

    @BeforeAll
    static void session() throws Exception {
        SyntheticSessions.write(8, 4, GervillRenderer.pinned(), stems);
    }

    @Test
    void mixesWritesThePlanAndTheReport() throws Exception {
        Path mix = work.resolve("mix.wav");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("mix", "--stems", stems.toString(), "-o", mix.toString(),
                "--target", "apple", "--plan-out", work.resolve("plan.json").toString(),
                "--report-out", work.resolve("report.json").toString(), "--role", "Bass.wav=bass");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(-16.0, FileLoudnessAnalyzer.analyze(mix).measurement().integratedLufs(), 0.5);
        MixPlanJson.read(work.resolve("plan.json"));
        JsonNode report = new JsonMapper().readTree(Files.readString(work.resolve("report.json")));
        assertEquals(report.get("plan").get("tracks").size(), report.get("stems").size());
        for (JsonNode stem : report.get("stems")) {
            assertTrue(stem.get("roleConfidence").asDouble() > 0, stem.toString());
        }
        assertEquals(7, report.get("platforms").size());
        JsonNode spotify = report.get("platforms").get(0);
        assertEquals(2.0, spotify.get("deltaLu").asDouble() * -1, 0.5, "an Apple-level mix is 2 LU under Spotify's -14");
        assertEquals(0.0, spotify.get("turnDownDb").asDouble(), 1e-9);
        assertTrue(report.get("platforms").get(1).get("compliant").asBoolean(), "compliant with its own target");
    }

    @Test
    void badInput() throws Exception {
        Path mix = work.resolve("mix.wav");
        Path empty = Files.createDirectories(work.resolve("empty"));
        assertBad(AnalyzeCommandTest.run("mix", "--stems", empty.toString(), "-o", mix.toString()), "no audio stems");
        assertBad(AnalyzeCommandTest.run("mix", "--stems", stems.toString(), "-o", mix.toString(), "--target", "loud"),
                "target must be one of");
        assertBad(AnalyzeCommandTest.run("mix", "--stems", stems.toString(), "-o", mix.toString(), "--role", "Bass.wav=tuba"),
                "--role must be FILE=ROLE");
        assertBad(AnalyzeCommandTest.run("mix", "-o", mix.toString()), "give one of --stems DIR, --song MIX or --demo");
        assertBad(AnalyzeCommandTest.run("train", "--sessions", "5", "--seed", "99999", "--out", work.toString()), "held-out");
        assertBad(AnalyzeCommandTest.run("eval", "--sessions", "0"), "--sessions must be in");
        Path notAudio = Files.writeString(work.resolve("ref.mp3"), "not audio");
        assertBad(AnalyzeCommandTest.run("mix", "--stems", stems.toString(), "-o", mix.toString(), "--reference",
                notAudio.toString()), "ref.mp3: not an audio file");
        assertFalse(Files.exists(mix));
    }

    private static void assertBad(AnalyzeCommandTest.Run run, String expected) {
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
