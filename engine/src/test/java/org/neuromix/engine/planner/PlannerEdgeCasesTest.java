package org.neuromix.engine.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.plan.DeliveryTarget;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlanJson;
import org.neuromix.engine.render.RenderResult;
import org.neuromix.engine.render.Renderer;
import org.neuromix.engine.testing.TestSignals;

/** The planner never produces NaN or an invalid plan, whatever the stems. */
class PlannerEdgeCasesTest {
    @TempDir
    Path directory;

    private MixPlan planAndRender(Path stems, List<Path> files) throws Exception {
        Planner.Result result = Planner.plan(stems, files, PlannerOptions.defaults(DeliveryTarget.parse("spotify")));
        String json = MixPlanJson.write(result.plan());
        assertTrue(!json.contains("NaN") && !json.contains("Infinity"), json);
        assertEquals(result.plan(), MixPlanJson.read(json), "valid and round-trips");
        RenderResult rendered = new Renderer(2).render(result.plan(), stems, directory.resolve("mix.wav"), null);
        assertTrue(Files.exists(directory.resolve("mix.wav")));
        assertTrue(rendered.frames() > 0);
        return result.plan();
    }

    @Test
    void oneStemOnly() throws Exception {
        Path stems = Files.createDirectories(directory.resolve("one"));
        Path vox = stems.resolve("Lead Vox.wav");
        AudioWriter.write(vox, AudioEncoding.WAV_PCM_24, 44_100, TestSignals.programme(44_100, 1, 5, 1));
        assertEquals(1, planAndRender(stems, List.of(vox)).tracks().size());
    }

    @Test
    void allSilentStems() throws Exception {
        Path stems = Files.createDirectories(directory.resolve("silent"));
        Path a = stems.resolve("Kick.wav");
        Path b = stems.resolve("Bass.wav");
        AudioWriter.write(a, AudioEncoding.WAV_PCM_24, 48_000, new AudioBuffer(2, 48_000 * 3));
        AudioWriter.write(b, AudioEncoding.WAV_PCM_24, 48_000, new AudioBuffer(1, 48_000 * 3));
        MixPlan plan = planAndRender(stems, List.of(a, b));
        plan.tracks().forEach(track -> assertTrue(Double.isFinite(track.gain().gainDb())));
    }

    @Test
    void wildlyDifferentLengthsAndRates() throws Exception {
        Path stems = Files.createDirectories(directory.resolve("mixed"));
        Path kick = stems.resolve("Kick.flac");
        Path pad = stems.resolve("Pad.wav");
        Path blip = stems.resolve("FX blip.wav");
        AudioWriter.write(kick, AudioEncoding.FLAC_16, 8_000, TestSignals.programme(8_000, 1, 20, 2));
        AudioWriter.write(pad, AudioEncoding.WAV_FLOAT_32, 192_000, TestSignals.sine(192_000, 2, 220, -12, 2));
        AudioWriter.write(blip, AudioEncoding.WAV_PCM_16, 22_050, TestSignals.sine(22_050, 1, 1000, -6, 0.05));
        planAndRender(stems, List.of(kick, pad, blip));
    }
}
