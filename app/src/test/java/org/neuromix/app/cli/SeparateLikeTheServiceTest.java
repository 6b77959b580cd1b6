package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.pipeline.MixStages;
import org.neuromix.app.pipeline.SeparationSplitter;
import org.neuromix.app.pipeline.StemSplitter;
import org.neuromix.app.session.SessionOptions;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlanJson;
import org.neuromix.engine.planner.Planner;
import org.neuromix.engine.separation.Separators;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code neuromix separate} with its defaults and the service's "separate" stage (the splitter
 * bean as Spring builds it, with no settings, after the service's decode to a working copy) give
 * the same stems from the same song; {@code neuromix mix --song} plans the song as the service
 * plans a single stereo upload with the default session options.
 */
class SeparateLikeTheServiceTest {
    @TempDir
    Path directory;

    @Test
    void separateThroughTheCliAndThroughTheServiceGivesTheSameStems() throws Exception {
        Path song = CliProcess.song(directory.resolve("song.wav"), 6);

        Path cliStems = directory.resolve("cli");
        AnalyzeCommandTest.Run cli = AnalyzeCommandTest.run("separate", song.toString(), "-o", cliStems.toString(), "--json");
        assertEquals(0, cli.exitCode(), cli.err());
        JsonNode json = new JsonMapper().readTree(cli.out());
        assertEquals(Separators.forMethod(Separators.DEFAULT_METHOD).name(), json.get("method").asString(),
                "the CLI's default is the shared default");

        // The service's path: the splitter bean with the service's defaults, on the prepared working copy.
        Path serviceStems = directory.resolve("service");
        List<Path> parts;
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(SeparationSplitter.class)) {
            StemSplitter splitter = context.getBean(StemSplitter.class);
            Path workingCopy = Files.createDirectories(directory.resolve("work")).resolve("song.wav");
            MixStages.decodeToWorkingCopy(song, workingCopy, "song.wav");
            parts = splitter.split(workingCopy, serviceStems);
        }
        assertEquals(4, parts.size());

        Map<String, String> serviceName = Map.of("vocals.wav", "Lead Vocals.wav", "drums.wav", "Drums.wav",
                "bass.wav", "Bass.wav", "other.wav", "Other.wav");
        for (Map.Entry<String, String> stem : serviceName.entrySet()) {
            float[][] fromCli = read(cliStems.resolve(stem.getKey()));
            float[][] fromService = read(serviceStems.resolve(stem.getValue()));
            assertEquals(fromCli[0].length, fromService[0].length, stem.getKey());
            double largest = 0;
            double energy = 0;
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < fromCli[c].length; i++) {
                    largest = Math.max(largest, Math.abs(fromCli[c][i] - fromService[c][i]));
                    energy += fromCli[c][i] * fromCli[c][i];
                }
            }
            assertTrue(energy > 0 || stem.getKey().equals("vocals.wav"), stem.getKey() + " holds audio");
            // The same code on the same samples (a 48 kHz float song decodes to itself): expected bit-identical;
            // 1e-6 allows float rounding if a decoder step ever differs.
            assertTrue(largest <= 1e-6, stem.getKey() + ": largest difference " + largest);
        }
    }

    @Test
    void mixSongPlansAsTheServiceDoesForASingleStereoUpload() throws Exception {
        Path song = CliProcess.song(directory.resolve("upload.wav"), 6);
        Path plan = directory.resolve("plan.json");
        Path mix = directory.resolve("mix.wav");
        AnalyzeCommandTest.Run cli = AnalyzeCommandTest.run("mix", "--song", song.toString(), "-o", mix.toString(),
                "--plan-out", plan.toString(), "--json");
        assertEquals(0, cli.exitCode(), cli.err());
        JsonNode json = new JsonMapper().readTree(cli.out());
        assertEquals(List.of("Bass.wav", "Drums.wav", "Lead Vocals.wav", "Other.wav"),
                json.get("separated").get("stems").valueStream().map(JsonNode::asString).toList());
        assertEquals(-14.0, json.get("measurement").get("integratedLufs").asDouble(), 0.1, "the default target: spotify");

        // The service's first render, up to the plan: working copy, splitter, plan of separated stems.
        MixPlan servicePlan;
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(SeparationSplitter.class)) {
            Path work = Files.createDirectories(directory.resolve("service-work"));
            Path stems = Files.createDirectories(work.resolve("stems"));
            MixStages.decodeToWorkingCopy(song, stems.resolve("upload.wav"), "upload.wav");
            List<Path> parts = context.getBean(StemSplitter.class).split(stems.resolve("upload.wav"), work.resolve("separated"));
            Files.delete(stems.resolve("upload.wav"));
            for (Path part : parts) {
                Files.move(part, stems.resolve(part.getFileName()));
            }
            List<Path> stemFiles;
            try (var list = Files.list(stems)) {
                stemFiles = list.sorted().toList();
            }
            servicePlan = Planner.plan(stems, stemFiles, SessionOptions.defaults().plannerOptions(), null, true).plan();
        }
        assertEquals(MixPlanJson.write(servicePlan), MixPlanJson.write(MixPlanJson.read(plan)), "the same plan, move for move");

        AnalyzeCommandTest.Run mono = AnalyzeCommandTest.run("mix", "--song", writeMono().toString(), "-o",
                directory.resolve("mono-mix.wav").toString());
        assertEquals(NeuroMixCli.EXIT_BAD_INPUT, mono.exitCode(), mono.err());
        assertTrue(mono.err().contains("--song needs a stereo song"), mono.err());
    }

    private Path writeMono() throws Exception {
        Path file = directory.resolve("mono.wav");
        org.neuromix.engine.io.AudioWriter.write(file, org.neuromix.engine.io.AudioEncoding.WAV_PCM_16, 48_000,
                new AudioBuffer(1, 48_000));
        return file;
    }

    private static float[][] read(Path file) throws Exception {
        try (AudioReader reader = AudioReader.open(file)) {
            AudioBuffer audio = new AudioBuffer(2, (int) Math.round(reader.info().durationSeconds() * reader.sampleRate()) + 16);
            int frames = reader.read(audio);
            return new float[][] {java.util.Arrays.copyOf(audio.channel(0), frames), java.util.Arrays.copyOf(audio.channel(1), frames)};
        }
    }
}
