package org.neuromix.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.analysis.StemAnalyzer;
import org.neuromix.engine.loudness.FileLoudnessAnalyzer;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.planner.ReferenceMixes;
import org.neuromix.engine.plan.MixPlanJson;
import org.neuromix.engine.plan.MixPlanValidator;
import org.neuromix.engine.render.Renderer;

class ReferenceMixesTest {
    @TempDir
    Path directory;

    @Test
    void referenceAndDegradedPlansOfASyntheticSession() throws Exception {
        Path stems = directory.resolve("stems");
        List<Path> files = SyntheticSessions.write(3, 4, GervillRenderer.pinned(), stems);
        SongScore song = SongComposer.compose(3, 4);
        List<String> names = new ArrayList<>();
        List<Role> roles = new ArrayList<>();
        List<StemAnalysis> analyses = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            names.add(files.get(i).getFileName().toString());
            roles.add(song.parts().get(i).role());
            analyses.add(StemAnalyzer.analyze(files.get(i)));
        }
        MixPlan reference = ReferenceMixes.reference(names, roles, analyses, new MixPlan.Target(-14, -1, 48_000, 24, "test"));
        MixPlanValidator.validate(reference);
        for (MixPlan.TrackPlan track : reference.tracks()) {
            assertTrue(track.gain().reason().startsWith(track.stem()), "the reason names the stem: " + track.gain().reason());
            assertTrue(track.gain().reason().contains(" dB") && track.gain().reason().contains(" LU"), track.gain().reason());
            if (track.compressor() != null) {
                assertTrue(track.compressor().reason().contains(":1"), track.compressor().reason());
            }
        }
        MixPlan degraded = ReferenceMixes.degrade(reference, 99);
        assertEquals(MixPlanJson.write(degraded), MixPlanJson.write(ReferenceMixes.degrade(reference, 99)), "seeded");
        MixPlanValidator.validate(degraded);
        for (int i = 0; i < reference.tracks().size(); i++) {
            double error = degraded.tracks().get(i).gain().gainDb() - reference.tracks().get(i).gain().gainDb();
            assertTrue(Math.abs(error) <= 12.0001, "gain error " + error);
        }
        Path mix = directory.resolve("reference.wav");
        new Renderer(2).render(reference, stems, mix, null);
        assertEquals(-14, FileLoudnessAnalyzer.analyze(mix).measurement().integratedLufs(), 0.3);
    }
}
