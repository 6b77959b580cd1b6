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

    /**
     * A stem far quieter than the rest gets the fader's top, +24 dB, and still does not reach the
     * level the planner wanted: its reason states the level it does reach (within 1 LU of what its
     * strip measures), never the wanted one.
     */
    @Test
    void aReasonNeverStatesALevelTheStemDoesNotReach() throws Exception {
        Path stems = Files.createDirectories(directory.resolve("quiet"));
        Path piano = stems.resolve("Piano.wav");
        Path vox = stems.resolve("Lead Vox.wav");
        AudioWriter.write(piano, AudioEncoding.WAV_PCM_24, 48_000, TestSignals.programme(48_000, 2, 8, 3));
        AudioBuffer whisper = TestSignals.programme(48_000, 1, 8, 4);
        for (float[] channel : whisper.planar()) {
            for (int i = 0; i < whisper.frames(); i++) {
                channel[i] *= 0.003f; // −50 dB: quiet, not silent
            }
        }
        AudioWriter.write(vox, AudioEncoding.WAV_FLOAT_32, 48_000, whisper);
        Path empty = stems.resolve("Guitar.wav");
        AudioWriter.write(empty, AudioEncoding.WAV_PCM_24, 48_000, new AudioBuffer(1, 48_000 * 8));
        MixPlan plan = planAndRender(stems, List.of(piano, vox, empty));
        MixPlan.TrackPlan silent = plan.tracks().get(2);
        assertEquals(0, silent.gain().gainDb(), 1e-9);
        assertTrue(silent.gain().reason().contains("is silent") && !silent.gain().reason().contains("LU from"),
                silent.gain().reason());
        List<Double> measured = org.neuromix.engine.render.TrackLoudness.measure(plan, stems);
        for (int i = 0; i < 2; i++) {
            String reason = plan.tracks().get(i).gain().reason();
            java.util.regex.Matcher stated = java.util.regex.Pattern.compile("(?:sits at|stops it at) (-?[0-9.]+) LUFS").matcher(reason);
            assertTrue(stated.find(), reason);
            assertEquals(measured.get(i), Double.parseDouble(stated.group(1)), 1.0, reason);
        }
        MixPlan.TrackPlan quiet = plan.tracks().get(1);
        assertEquals(24, quiet.gain().gainDb(), 1e-9, "the fader's top");
        assertTrue(quiet.gain().reason().contains("short of"), quiet.gain().reason());
    }

    /**
     * A quiet session (every stem recorded 20 dB under the usual level, around −40 LUFS) is still balanced:
     * no fader needs more than its +24 dB.
     */
    @Test
    void aQuietSessionIsBalancedWithinTheFadersRange() throws Exception {
        Path stems = Files.createDirectories(directory.resolve("soft"));
        List<String> names = List.of("Kick.wav", "Bass.wav", "Piano.wav", "Lead Vox.wav");
        List<Path> files = new java.util.ArrayList<>();
        for (int s = 0; s < names.size(); s++) {
            AudioBuffer audio = TestSignals.programme(48_000, 1, 8, 10 + s);
            for (float[] channel : audio.planar()) {
                for (int i = 0; i < audio.frames(); i++) {
                    channel[i] *= 0.1f; // −20 dB
                }
            }
            Path file = stems.resolve(names.get(s));
            AudioWriter.write(file, AudioEncoding.WAV_FLOAT_32, 48_000, audio);
            files.add(file);
        }
        MixPlan plan = planAndRender(stems, files);
        for (MixPlan.TrackPlan track : plan.tracks()) {
            assertTrue(track.gain().gainDb() < 24 && !track.gain().reason().contains("short of"), track.gain().reason());
        }
    }
}
