package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioWriter;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --json}: stdout is exactly one JSON object, and it says what the human text (then on
 * stderr) says: the same files, the same measurements to the printed precision.
 */
class JsonOutputTest {
    @TempDir
    static Path directory;
    static Path stems;

    @BeforeAll
    static void writeStems() throws Exception {
        stems = Files.createDirectories(directory.resolve("stems"));
        int rate = 48_000;
        String[] names = {"Kick.wav", "Bass.wav", "Piano.wav"};
        double[] hz = {55, 98, 440};
        for (int s = 0; s < names.length; s++) {
            AudioBuffer audio = new AudioBuffer(2, rate * 3);
            for (int i = 0; i < audio.frames(); i++) {
                double t = i / (double) rate;
                double envelope = s == 0 ? Math.exp(-20 * (t % 0.5)) : 1;
                float value = (float) (0.2 * envelope * Math.sin(2 * Math.PI * hz[s] * t));
                audio.channel(0)[i] = value;
                audio.channel(1)[i] = value;
            }
            AudioWriter.write(stems.resolve(names[s]), AudioEncoding.WAV_PCM_24, rate, audio);
        }
    }

    /** Runs with --json: one object on stdout (nothing else there), the human text on stderr. */
    private static JsonNode json(AnalyzeCommandTest.Run run) {
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out().strip();
        assertTrue(out.startsWith("{") && out.endsWith("}"), "one object: " + out);
        return new JsonMapper().readTree(out);
    }

    /** As the Markdown table prints a median: NaN where JSON has null (no track of that stem in the songs). */
    private static String orNaN(JsonNode number) {
        return number.isNull() ? "NaN" : String.format(Locale.ROOT, "%.2f", number.asDouble());
    }

    private static String twoDecimals(JsonNode number) {
        return String.format(Locale.ROOT, "%.2f", number.asDouble());
    }

    @Test
    void mixAndRender() throws Exception {
        Path mix = directory.resolve("mix.wav");
        Path plan = directory.resolve("plan.json");
        AnalyzeCommandTest.Run mixed = AnalyzeCommandTest.run("mix", "--stems", stems.toString(), "-o", mix.toString(),
                "--plan-out", plan.toString(), "--json");
        JsonNode json = json(mixed);
        String text = mixed.err();
        assertEquals(mix.toString(), json.get("output").asString());
        assertEquals(plan.toString(), json.get("planFile").asString());
        assertTrue(Files.exists(plan));
        JsonNode m = json.get("measurement");
        assertTrue(text.contains(String.format("Mixed 3 stems into %s", mix)), text);
        assertTrue(text.contains(twoDecimals(m.get("integratedLufs")) + " LUFS, " + twoDecimals(m.get("truePeakDbtp")) + " dBTP ("
                + json.get("target").asString() + ")"), text);
        assertEquals(3, json.get("stems").size());
        for (JsonNode stem : json.get("stems")) {
            assertTrue(text.contains(stem.get("role").asString()) && text.contains(stem.get("reason").asString()), stem.toString());
        }
        for (String timing : new String[] {"analysisSeconds", "planningSeconds", "renderSeconds", "totalSeconds"}) {
            assertTrue(json.get("timings").get(timing).isNumber(), timing);
        }
        for (JsonNode note : json.get("notes")) {
            assertTrue(text.contains(note.asString()), note.asString());
        }

        Path rendered = directory.resolve("rendered.wav");
        AnalyzeCommandTest.Run render = AnalyzeCommandTest.run("render", "--plan", plan.toString(), "--stems", stems.toString(),
                "-o", rendered.toString(), "--stems-out", directory.resolve("processed").toString(), "--json");
        JsonNode r = json(render);
        assertEquals(rendered.toString(), r.get("output").asString());
        assertTrue(render.err().contains(String.format(Locale.ROOT, "integrated %.2f LUFS, true peak %.2f dBTP",
                r.get("measurement").get("integratedLufs").asDouble(), r.get("measurement").get("truePeakDbtp").asDouble())),
                render.err());
        assertTrue(render.err().contains(r.get("passes").asInt() + " pass"), render.err());
        assertEquals(3, r.get("stemFiles").size());
        for (JsonNode file : r.get("stemFiles")) {
            assertTrue(render.err().contains("stem: " + file.asString()) && Files.exists(Path.of(file.asString())), file.asString());
        }
        // The same plan on the same stems: the same loudness either way.
        assertEquals(m.get("integratedLufs").asDouble(), r.get("measurement").get("integratedLufs").asDouble(), 1e-9);
    }

    @Test
    void separate() throws Exception {
        Path song = CliProcess.song(directory.resolve("song.wav"), 3);
        Path out = directory.resolve("separated");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("separate", song.toString(), "-o", out.toString(), "--method", "dsp",
                "--json");
        JsonNode json = json(run);
        assertEquals(4, json.get("stems").size());
        for (String stem : new String[] {"vocals", "drums", "bass", "other"}) {
            String file = json.get("stems").get(stem).asString();
            assertEquals(out.resolve(stem + ".wav").toString(), file);
            assertTrue(run.err().lines().anyMatch(file::equals), "the text lists " + file);
        }
        assertTrue(run.err().contains(String.format(Locale.ROOT, "Separated %.2f s of audio with %s", json.get("audioSeconds")
                .asDouble(), json.get("method").asString())), run.err());
        assertEquals(48_000, json.get("sampleRateHz").asInt());
        assertTrue(json.get("timings").get("totalSeconds").isNumber());
    }

    @Test
    void evalOnOneSyntheticSession() throws Exception {
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("eval", "--sessions", "1", "--bars", "1", "--json");
        JsonNode json = json(run);
        JsonNode synthetic = json.get("synthetic");
        assertEquals(1, synthetic.get("sessions").asInt());
        assertTrue(synthetic.get("methods").size() >= 3, synthetic.toString());
        for (JsonNode method : synthetic.get("methods")) {
            String row = String.format(Locale.ROOT, "| %s | %.2f | %.2f | %d |", method.get("method").asString(),
                    method.get("medianErrorLu").asDouble(), method.get("p90ErrorLu").asDouble(), method.get("stems").asInt());
            assertTrue(run.err().contains(row), "the table has " + row + ": " + run.err());
        }
        assertTrue(run.err().contains(String.format(Locale.ROOT, "largest integrated-loudness error %.3f LU",
                synthetic.get("maxLoudnessErrorLu").asDouble())), run.err());
        assertTrue(json.get("markdown").asString().contains("| method | median balance error (LU)"), "the table as Markdown");
    }

    @Test
    void evalSeparationOnOneSong() throws Exception {
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("eval-separation", "--sessions", "1", "--bars", "4",
                "--method", "dsp", "--json");
        JsonNode json = json(run);
        assertEquals(2, json.get("methods").size(), "the baseline and dsp");
        for (JsonNode method : json.get("methods")) {
            JsonNode sdr = method.get("sdrDb");
            String row = String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | **%s** |", method.get("method").asString(),
                    orNaN(sdr.get("vocals")), orNaN(sdr.get("drums")), orNaN(sdr.get("bass")), orNaN(sdr.get("other")),
                    orNaN(method.get("meanSdrDb")));
            assertTrue(run.err().contains(row), "the table has " + row + ": " + run.err());
        }
        assertTrue(run.err().contains(json.get("command").asString()), run.err());
    }

    @Test
    void trainSeparatorOnOneSong(@org.junit.jupiter.api.io.TempDir Path out) throws Exception {
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("train-separator", "--sessions", "1", "--bars", "2", "--json",
                "--out", out.resolve("json").toString());
        JsonNode json = json(run);
        assertEquals(4, json.get("models").size(), "one mask model per stem");
        assertTrue(json.get("rows").asInt() > 0);
        for (JsonNode model : json.get("models")) {
            assertTrue(java.nio.file.Files.exists(Path.of(model.get("file").asString())));
            assertTrue(run.err().contains(model.get("file").asString()), "the text names " + model.get("file"));
        }
        assertTrue(run.err().contains("Trained on 1 synthetic songs (" + json.get("rows").asInt() + " rows)"), run.err());
        AnalyzeCommandTest.Run quiet = AnalyzeCommandTest.run("train-separator", "--sessions", "1", "--bars", "2", "--quiet",
                "--out", out.resolve("quiet").toString());
        assertEquals(0, quiet.exitCode(), quiet.err());
        assertEquals("", quiet.out() + quiet.err());
    }
}
