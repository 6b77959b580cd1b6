package org.neuromix.engine.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.loudness.FileLoudnessAnalyzer;
import org.neuromix.engine.plan.DeliveryTarget;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.render.Renderer;
import org.neuromix.engine.render.TrackLoudness;
import org.neuromix.engine.train.GervillRenderer;
import org.neuromix.engine.planner.MixingNorms;
import org.neuromix.engine.train.PartScore;
import org.neuromix.engine.planner.ReferenceMixes;
import org.neuromix.engine.train.SongComposer;
import org.neuromix.engine.train.SongScore;
import org.neuromix.engine.train.SyntheticSessions;

class PlannerTest {
    @TempDir
    Path directory;

    @Test
    void plansASyntheticSessionToItsConventions() throws Exception {
        Path stems = directory.resolve("stems");
        List<Path> files = SyntheticSessions.write(21, 4, GervillRenderer.pinned(), stems);
        SongScore song = SongComposer.compose(21, 4);
        Planner.Result result = Planner.plan(stems, files, DeliveryTarget.parse("spotify"), Map.of());
        MixPlan plan = result.plan();
        assertEquals(files.size(), plan.tracks().size());
        for (int i = 0; i < files.size(); i++) {
            PartScore part = song.parts().get(i);
            // Exact, not a tolerance: the pinned bank makes this session the same audio on every machine,
            // and the name and the classifier must agree on it (seen failing when the bank came from ~/.gervill).
            assertEquals(part.role(), result.roles().get(i).role(), "role of " + part.name() + " from its name and audio");
        }
        // Refinement: every track, measured through its strip, within tolerance of its role's level.
        List<Double> measured = TrackLoudness.measure(plan, stems);
        for (int i = 0; i < files.size(); i++) {
            double target = ReferenceMixes.FEATURED_LUFS + MixingNorms.of(result.roles().get(i).role()).relativeLoudnessLu();
            // The refinement stops within its own tolerance; 0.05 LU more for the measurement's block edges.
            assertEquals(target, measured.get(i), Planner.BALANCE_TOLERANCE_LU + 0.05, plan.tracks().get(i).stem());
            MixPlan.TrackPlan track = plan.tracks().get(i);
            assertTrue(track.gain().reason().startsWith(track.stem()) && track.gain().reason().contains("LUFS"),
                    track.gain().reason());
            track.eq().forEach(band -> assertTrue(band.reason().startsWith(track.stem()), band.reason()));
        }
        Path mix = directory.resolve("mix.wav");
        new Renderer(2).render(plan, stems, mix, null);
        assertEquals(-14, FileLoudnessAnalyzer.analyze(mix).measurement().integratedLufs(), 0.3);
    }

    @Test
    void userControlsShowInThePlan() throws Exception {
        Path stems = directory.resolve("controls");
        List<Path> files = SyntheticSessions.write(12, 2, GervillRenderer.pinned(), stems);
        PlannerOptions rock = new PlannerOptions(DeliveryTarget.parse("ebu"), "acoustic", Map.of(),
                Map.of("Bass.wav", PlannerOptions.Presence.BACKGROUND), PlannerOptions.Reverb.NONE, 0);
        MixPlan plan = Planner.plan(stems, files, rock).plan();
        assertTrue(plan.buses().isEmpty(), "no reverb asked");
        for (MixPlan.TrackPlan track : plan.tracks()) {
            assertEquals(null, track.compressor(), "0 % intensity: no compression on " + track.stem());
            assertTrue(track.eq().stream().noneMatch(band -> band.type().equals("peaking")), "no carving at 0 %");
        }
        MixPlan.TrackPlan bass = plan.tracks().stream().filter(t -> t.stem().equals("Bass.wav")).findFirst().orElseThrow();
        assertTrue(bass.gain().reason().contains("background presence"), bass.gain().reason());
        List<Double> measured = TrackLoudness.measure(plan, stems);
        int bassIndex = plan.tracks().indexOf(bass);
        assertEquals(ReferenceMixes.FEATURED_LUFS + MixingNorms.of(Role.BASS).relativeLoudnessLu() - 4, measured.get(bassIndex),
                Planner.BALANCE_TOLERANCE_LU + 0.05);
        MixPlan.TrackPlan kick = plan.tracks().stream().filter(t -> t.stem().equals("Kick.wav")).findFirst().orElseThrow();
        assertTrue(kick.gain().reason().contains("-3 LU for acoustic"), kick.gain().reason());

        PlannerOptions lush = new PlannerOptions(DeliveryTarget.parse("spotify"), "pop", Map.of(), Map.of(),
                PlannerOptions.Reverb.HIGH, 100, PlannerOptions.PanSpread.WIDE);
        MixPlan wet = Planner.plan(stems, files, lush).plan();
        assertEquals(1, wet.buses().size());
        assertTrue(wet.tracks().stream().anyMatch(t -> !t.sends().isEmpty()));
        assertTrue(wet.tracks().stream().filter(t -> t.stem().equals("Kick.wav")).allMatch(t -> t.sends().isEmpty()),
                "the kick stays dry");
        MixPlan.TrackPlan hats = wet.tracks().stream().filter(t -> t.stem().equals("Hi-Hat.wav")).findFirst().orElseThrow();
        MixPlan.TrackPlan naturalHats = plan.tracks().stream().filter(t -> t.stem().equals("Hi-Hat.wav")).findFirst().orElseThrow();
        assertTrue(Math.abs(hats.pan().position()) > Math.abs(naturalHats.pan().position()), "wide spreads the hats further");
        assertTrue(hats.pan().reason().contains("wide pan preference"), hats.pan().reason());
    }

    /** With auto style every target is the models' and the reasons say so; roles of unnamed stems come from the audio. */
    @Test
    void modelsPlanAndTheClassifierNamesUnnamedStems() throws Exception {
        Path named = directory.resolve("named");
        long seed = org.neuromix.engine.train.Evaluation.HELD_OUT_BASE + 77;
        List<Path> files = SyntheticSessions.write(seed, 4, GervillRenderer.pinned(), named);
        SongScore song = SongComposer.compose(seed, 4);
        Path unnamed = java.nio.file.Files.createDirectories(directory.resolve("unnamed"));
        List<Path> anonymous = new java.util.ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            anonymous.add(java.nio.file.Files.copy(files.get(i), unnamed.resolve(String.format("Track %02d.wav", i + 1))));
        }
        Planner.Result result = Planner.plan(unnamed, anonymous, PlannerOptions.defaults(DeliveryTarget.parse("spotify")));
        int right = 0;
        for (int i = 0; i < anonymous.size(); i++) {
            RoleDecision role = result.roles().get(i);
            assertEquals("audio classifier", role.source());
            assertTrue(role.confidence() > 0 && role.confidence() <= 1, role.toString());
            if (role.role() == song.parts().get(i).role()) {
                right++;
            }
            MixPlan.TrackPlan track = result.plan().tracks().get(i);
            assertTrue(track.pan().reason().startsWith(track.stem()) && track.pan().reason().contains("pan model's prediction"),
                    track.pan().reason());
            assertTrue(track.gain().reason().contains("balance model predicts"), track.gain().reason());
            track.eq().stream().filter(band -> band.type().equals("highPass")).forEach(band -> assertTrue(
                    band.reason().contains("high-pass model's prediction") && band.reason().contains(" Hz"), band.reason()));
            if (track.compressor() != null) {
                assertTrue(track.compressor().reason().contains("compressor model's prediction")
                        && track.compressor().reason().contains(":1"), track.compressor().reason());
            }
        }
        // The shipped classifier learned from musicians' sessions (several banks, randomised): it is right
        // on 66 % of the stems of songs it never heard (docs/evaluation.md), no longer near-perfect on
        // this generator's own sounds; the pinned bank renders this session the same everywhere (5 of 7).
        assertTrue(right > anonymous.size() / 2, "roles from the audio alone: " + right + " of " + anonymous.size());
        // A telling name and the audio agree: the name's confidence grows.
        Planner.Result namedResult = Planner.plan(named, files, PlannerOptions.defaults(DeliveryTarget.parse("spotify")));
        RoleDecision kick = namedResult.roles().get(0);
        assertEquals(Role.KICK, kick.role());
        assertEquals("file name and audio classifier", kick.source());
        assertTrue(kick.confidence() >= org.neuromix.engine.analysis.RoleFromName.guess("Kick.wav").confidence(), kick.toString());
    }

    /**
     * A lead vocal and a whole kit on one stem are learned by the balance model (musicians' sessions)
     * but were never made by the generator the pan, EQ and dynamics models learned from: those follow
     * the written conventions, and the notes say so, even though the role classifier knows the roles.
     */
    @Test
    void rolesTheGeneratorNeverMadeTakeTheConventionsForPanEqAndDynamics() throws Exception {
        Path stems = directory.resolve("vocal");
        List<Path> files = new java.util.ArrayList<>(SyntheticSessions.write(31, 2, GervillRenderer.pinned(), stems));
        files.add(java.nio.file.Files.copy(files.get(files.size() - 1), stems.resolve("Lead Vox.wav")));
        files.add(java.nio.file.Files.copy(files.get(0), stems.resolve("Drums.wav")));
        Planner.Result result = Planner.plan(stems, files, new PlannerOptions(DeliveryTarget.parse("spotify"), "auto",
                Map.of("Lead Vox.wav", Role.LEAD_VOCAL, "Drums.wav", Role.DRUMS_OVERHEADS), Map.of(),
                PlannerOptions.Reverb.MEDIUM, 50));
        assertTrue(MixModels.bundled().balanceRoles().containsAll(List.of(Role.LEAD_VOCAL, Role.DRUMS_OVERHEADS)),
                "the shipped balance model learned both from musicians' sessions");
        for (String stem : List.of("Lead Vox.wav", "Drums.wav")) {
            assertTrue(result.notes().stream().anyMatch(note -> note.startsWith(stem + ": its level comes from the balance model")
                    && note.contains("for pan, EQ and dynamics, which follow the pop conventions")), result.notes().toString());
            MixPlan.TrackPlan track = result.plan().tracks().stream().filter(t -> t.stem().equals(stem)).findFirst().orElseThrow();
            assertTrue(track.gain().reason().contains("balance model predicts"), track.gain().reason());
            assertTrue(!track.pan().reason().contains("pan model's prediction"), track.pan().reason());
        }
    }

    @Test
    void userRolesWin() throws Exception {
        Path stems = directory.resolve("s");
        List<Path> files = SyntheticSessions.write(5, 2, GervillRenderer.pinned(), stems);
        Planner.Result result = Planner.plan(stems, files, DeliveryTarget.parse("-16"),
                Map.of("Bass.wav", Role.SYNTH_PAD));
        int bass = files.indexOf(stems.resolve("Bass.wav"));
        assertEquals(Role.SYNTH_PAD, result.roles().get(bass).role());
        assertEquals("user", result.roles().get(bass).source());
        assertEquals(-16.0, result.plan().target().loudnessLufs());
    }
}
