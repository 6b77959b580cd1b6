package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioWriter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AnalyzeCommandTest {
    private static final List<String> FIELDS = List.of("file", "format", "sampleRate", "channels", "durationSeconds",
            "integratedLufs", "loudnessRangeLu", "truePeakDbtp", "samplePeakDbfs", "maxMomentaryLufs", "maxShortTermLufs");

    @TempDir
    static Path directory;
    static Path tone;
    static Path silence;

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = NeuroMixCli.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void writeFiles() throws Exception {
        int rate = 48_000;
        AudioBuffer sine = new AudioBuffer(2, rate * 5);
        for (int i = 0; i < sine.frames(); i++) {
            float value = (float) (Math.pow(10, -23 / 20.0) * Math.sin(2 * Math.PI * 1000 * i / rate));
            sine.channel(0)[i] = value;
            sine.channel(1)[i] = value;
        }
        tone = directory.resolve("tone.wav");
        AudioWriter.write(tone, AudioEncoding.WAV_PCM_24, rate, sine);
        silence = directory.resolve("silence.flac");
        AudioWriter.write(silence, AudioEncoding.FLAC_24, rate, new AudioBuffer(2, rate * 4));
    }

    @Test
    void helpListsTheCommands() {
        Run help = run("--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("analyze"), help.out());
        Run analyzeHelp = run("analyze", "--help");
        assertEquals(0, analyzeHelp.exitCode());
        assertTrue(analyzeHelp.out().contains("--json"));
    }

    @Test
    void jsonForOneFileIsOneObjectWithExactlyTheDocumentedFields() throws Exception {
        Run run = run("analyze", "--json", tone.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new JsonMapper().readTree(run.out());
        assertTrue(json.isObject());
        List<String> names = new ArrayList<>(json.propertyNames());
        assertEquals(FIELDS, names);
        assertEquals(tone.toString(), json.get("file").asString());
        assertEquals("wav/pcm_s24le", json.get("format").asString());
        assertEquals(48_000, json.get("sampleRate").asInt());
        assertEquals(2, json.get("channels").asInt());
        assertEquals(5.0, json.get("durationSeconds").asDouble(), 1e-9);
        assertEquals(-23.0, json.get("integratedLufs").asDouble(), 0.1);
        assertEquals(-23.0, json.get("samplePeakDbfs").asDouble(), 0.01);
        assertEquals(-23.0, json.get("truePeakDbtp").asDouble(), 0.05);
        assertEquals(0.0, json.get("loudnessRangeLu").asDouble(), 0.1);
    }

    @Test
    void severalFilesGiveAnArrayAndSilenceIsNullWithANote() throws Exception {
        Run run = run("analyze", "--json", tone.toString(), silence.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = new JsonMapper().readTree(run.out());
        assertTrue(json.isArray());
        assertEquals(2, json.size());
        JsonNode quiet = json.get(1);
        assertEquals(FIELDS, new ArrayList<>(quiet.propertyNames()));
        assertTrue(quiet.get("integratedLufs").isNull(), "silence has no integrated loudness");
        assertTrue(quiet.get("truePeakDbtp").isNull());
        assertTrue(run.err().contains("note: " + silence), run.err());
        assertTrue(run.err().contains("silence"), run.err());
    }

    @Test
    void badFilesAreReportedAndTheOthersStillAnalysed() throws Exception {
        Path text = Files.writeString(directory.resolve("readme.txt"), "not audio at all\n".repeat(100));
        Path empty = Files.createFile(directory.resolve("empty.wav"));
        Path missing = directory.resolve("missing.flac");
        Run run = run("analyze", "--json", missing.toString(), tone.toString(), text.toString(), empty.toString(),
                directory.toString());
        assertEquals(2, run.exitCode());
        JsonNode json = new JsonMapper().readTree(run.out());
        assertEquals(1, json.size());
        assertEquals(tone.toString(), json.get(0).get("file").asString());
        List<String> errors = run.err().lines().toList();
        assertEquals(4, errors.size(), run.err());
        assertTrue(errors.get(0).contains(missing + ": no such file"), errors.get(0));
        assertTrue(errors.get(1).contains(text.toString()), errors.get(1));
        assertTrue(errors.get(2).contains(empty + ": is empty"), errors.get(2));
        assertTrue(errors.get(3).contains("is a directory"), errors.get(3));
        assertFalse(run.err().contains("Exception"), "no stack traces: " + run.err());
        assertFalse(run.err().contains("\tat "), "no stack traces: " + run.err());
    }

    @Test
    void tableIsTheDefault() {
        Run run = run("analyze", tone.toString(), silence.toString());
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Integrated"), run.out());
        assertTrue(run.out().contains("-23.0") || run.out().contains("-22.9"), run.out());
        assertTrue(run.out().contains("Note: " + silence), run.out());
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("analyze").exitCode());
        assertEquals(2, run("analyze", "--no-such-option", tone.toString()).exitCode());
        assertEquals(2, run("no-such-command").exitCode());
    }
}
