package org.neuromix.engine.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.plan.DeliveryTarget;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.render.TrackLoudness;
import org.neuromix.engine.testing.TestSignals;
import org.neuromix.engine.train.GervillRenderer;
import org.neuromix.engine.train.SyntheticSessions;

/** Stems separated from one stereo song start from the song's balance; absent stems are said to be absent. */
class SeparatedSongPlanTest {
    @TempDir
    Path directory;

    @Test
    void movesAreBoundedAndAnInstrumentalsVocalResidueIsNotBoosted() throws Exception {
        Path synthetic = directory.resolve("synthetic");
        List<Path> parts = SyntheticSessions.write(21, 4, GervillRenderer.pinned(), synthetic);
        Path stems = Files.createDirectories(directory.resolve("separated"));
        // Drums, bass and other from a synthetic song; the "vocals" of an instrumental: a residue 40 dB down.
        Files.copy(parts.get(0), stems.resolve("drums.wav"));
        Files.copy(parts.stream().filter(p -> p.getFileName().toString().startsWith("Bass")).findFirst().orElseThrow(),
                stems.resolve("bass.wav"));
        Files.copy(parts.get(parts.size() - 1), stems.resolve("other.wav"));
        int frames;
        try (AudioReader reader = AudioReader.open(stems.resolve("drums.wav"))) {
            frames = (int) Math.round(reader.info().durationSeconds() * reader.sampleRate());
        }
        AudioBuffer residue = TestSignals.noise(48_000, 2, frames / 48_000.0, 0.0005, 3);
        AudioWriter.write(stems.resolve("vocals.wav"), AudioEncoding.WAV_FLOAT_32, 48_000, residue);
        List<Path> files = List.of(stems.resolve("vocals.wav"), stems.resolve("drums.wav"), stems.resolve("bass.wav"),
                stems.resolve("other.wav"));
        PlannerOptions options = PlannerOptions.defaults(DeliveryTarget.parse("spotify"));

        Planner.Result result = Planner.plan(stems, files, options, null, true);
        MixPlan plan = result.plan();
        MixPlan.TrackPlan vocals = plan.tracks().get(0);
        assertEquals(0, vocals.gain().gainDb(), 1e-9, "the residue keeps its level");
        assertTrue(vocals.gain().reason().contains("absent from the song"), vocals.gain().reason());
        assertTrue(vocals.eq().isEmpty() && vocals.compressor() == null && vocals.deEsser() == null, "and gets no processing");
        assertTrue(result.notes().stream().anyMatch(n -> n.startsWith("vocals.wav: absent")), result.notes().toString());

        // The others: measured through their strips, within the move limit of where the song had them
        // (after the common offset, which loudness normalisation removes anyway), plus the refinement's tolerance.
        List<Double> measured = TrackLoudness.measure(plan, stems);
        List<StemAnalysis> analyses = result.analyses();
        double offset = 0;
        for (int i = 1; i < 4; i++) {
            offset += (measured.get(i) - analyses.get(i).loudness().integratedLufs()) / 3;
        }
        for (int i = 1; i < 4; i++) {
            double moved = measured.get(i) - analyses.get(i).loudness().integratedLufs() - offset;
            assertTrue(Math.abs(moved) <= 2 * Planner.SEPARATED_MOVE_LIMIT_LU + Planner.BALANCE_TOLERANCE_LU,
                    plan.tracks().get(i).stem() + " moved " + moved);
            assertTrue(plan.tracks().get(i).gain().reason().contains("kept where the song had it")
                            && plan.tracks().get(i).gain().reason().contains("the balance model suggests"),
                    plan.tracks().get(i).gain().reason());
            // The "no stem raised by more than 6 dB" is against the rest of the song: the fader
            // itself may be higher where it makes up for the stem's compression (its reason says so).
            assertTrue(moved <= 6, plan.tracks().get(i).stem() + " raised by " + moved + " LU against the song (fader "
                    + plan.tracks().get(i).gain().gainDb() + " dB)");
        }

        // Planned as independent stems, the same residue would be pushed up toward a lead vocal's level.
        Planner.Result asStems = Planner.plan(stems, files, options, null, false);
        assertTrue(asStems.plan().tracks().get(0).gain().gainDb() > 6, "as a multitrack the residue is raised: "
                + asStems.plan().tracks().get(0).gain());
    }
}
