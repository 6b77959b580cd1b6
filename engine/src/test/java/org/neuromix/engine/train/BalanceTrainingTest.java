package org.neuromix.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.analysis.StemAnalyzer;
import org.neuromix.engine.planner.BalanceFeatures;
import org.neuromix.engine.planner.BalanceModel;
import org.neuromix.engine.planner.PlannerOptions;

class BalanceTrainingTest {
    @TempDir
    Path directory;

    @Test
    void trainsAModelThatLoadsAndPredicts() throws Exception {
        Path model = directory.resolve("model").resolve("balance-model.json");
        BalanceTraining.Result result = BalanceTraining.train(3, 42, 2, directory.resolve("work"), model);
        assertTrue(Files.size(model) > 1000);
        assertTrue(result.stems() >= 18);
        assertTrue(result.trainingRmseLu() < 1.0, "fits its own data: " + result.trainingRmseLu());
        double[] predictions = BalanceModel.load(model).predict(new float[2][BalanceFeatures.SIZE]);
        assertEquals(2, predictions.length);
        assertTrue(Double.isFinite(predictions[0]));
    }

    @Test
    void trainingNeverUsesHeldOutSeeds() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BalanceTraining.train(10, 10_000, 2, directory, directory.resolve("m.json")));
        assertTrue(error.getMessage().contains("held-out"), error.getMessage());
    }

    /** The shipped model on a held-out session: close to the reference levels it never saw. */
    @Test
    void bundledModelGeneralisesToAHeldOutSession() throws Exception {
        BalanceModel model = BalanceModel.bundled();
        assertNotNull(model, "the model ships in the jar");
        long seed = Evaluation.HELD_OUT_BASE + 123;
        List<Path> stems = SyntheticSessions.write(seed, 4, new GervillRenderer(null), directory.resolve("s"));
        SongScore song = SongComposer.compose(seed, 4);
        List<Role> roles = new ArrayList<>();
        List<StemAnalysis> analyses = new ArrayList<>();
        for (int i = 0; i < stems.size(); i++) {
            roles.add(song.parts().get(i).role());
            analyses.add(StemAnalyzer.analyze(stems.get(i)));
        }
        double[] predicted = model.predict(BalanceFeatures.of(roles, analyses));
        for (int i = 0; i < stems.size(); i++) {
            double reference = MixingNorms.of(roles.get(i)).relativeLoudnessLu() + PlannerOptions.styleOffsetLu(song.style(), roles.get(i));
            // 1.5 LU: the median target for the whole planner.
            assertEquals(reference, predicted[i], 1.5, roles.get(i) + " in a " + song.style() + " song");
        }
    }
}
