package org.neuromix.engine.train;

import org.neuromix.engine.planner.MixingNorms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.analysis.StemAnalyzer;
import org.neuromix.engine.planner.MixFeatures;
import org.neuromix.engine.planner.MixModels;
import org.neuromix.engine.planner.RoleClassifier;
import org.neuromix.engine.planner.RoleFeatures;
import org.neuromix.engine.planner.StemTargets;
import org.neuromix.engine.planner.TreeModel;

class ModelTrainingTest {
    @TempDir
    Path directory;

    @Test
    void oneRunFitsEveryModelAndTheyLoadAndPredict() throws Exception {
        Path out = directory.resolve("models");
        ModelTraining.Result result = ModelTraining.train(3, 42, 2, GervillRenderer.pinned(), directory.resolve("work"), out);
        assertEquals(MixModels.Output.values().length + 1, result.models().size());
        assertTrue(result.stems() >= 18, "stems: " + result.stems());
        for (ModelTraining.ModelFit fit : result.models()) {
            assertTrue(Files.size(fit.file()) > 1000 && Files.size(fit.file()) < 1_000_000, fit.file() + " is small");
            assertTrue(fit.trainingError() < (fit.unit().equals("RMSE") && fit.what().equals("high-pass") ? 20 : 1.0),
                    fit.what() + " fits its own data: " + fit.trainingError());
        }
        for (MixModels.Output output : MixModels.Output.values()) {
            assertTrue(Files.exists(out.resolve(output.fileName())), output.fileName());
        }
        MixModels models = MixModels.load(out);
        RoleClassifier classifier = RoleClassifier.load(out.resolve(RoleClassifier.FILE_NAME));
        assertTrue(classifier.classes().containsAll(List.of(Role.KICK, Role.SNARE, Role.HI_HAT_CYMBALS, Role.BASS)));
        Path session = directory.resolve("check");
        List<Path> stems = SyntheticSessions.write(42 * 100_000L, 2, GervillRenderer.pinned(), session);
        List<StemAnalysis> analyses = stems.stream().map(ModelTrainingTest::analyse).toList();
        List<Role> roles = SongComposer.compose(42 * 100_000L, 2).parts().stream().map(PartScore::role).toList();
        assertEquals(stems.size(), models.predict(roles, analyses).size());
        double[] probabilities = classifier.probabilities(analyses.get(0));
        assertEquals(1.0, java.util.Arrays.stream(probabilities).sum(), 1e-4, "probabilities sum to 1");
        assertEquals(Role.KICK, classifier.classify(analyses.get(0)).role(), "a training stem is recognised");
    }

    @Test
    void sameArgumentsGiveTheSameModelFiles() throws Exception {
        Path first = directory.resolve("a");
        Path second = directory.resolve("b");
        ModelTraining.train(2, 17, 1, GervillRenderer.pinned(), directory.resolve("wa"), first);
        ModelTraining.train(2, 17, 1, GervillRenderer.pinned(), directory.resolve("wb"), second);
        for (String file : List.of(MixModels.Output.PAN.fileName(), RoleClassifier.FILE_NAME)) {
            assertEquals(Files.readString(first.resolve(file)), Files.readString(second.resolve(file)), file);
        }
    }

    @Test
    void trainingNeverUsesHeldOutSeeds() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ModelTraining.train(10, 10_000, 2, GervillRenderer.pinned(), directory, directory.resolve("m")));
        assertTrue(error.getMessage().contains("held-out"), error.getMessage());
    }

    @Test
    void aModelTrainedOnOtherFeaturesIsRefused() throws Exception {
        Path copy = directory.resolve("role-model.json");
        try (InputStream in = MixModels.class.getResourceAsStream(MixModels.RESOURCE_DIRECTORY + RoleClassifier.FILE_NAME)) {
            assertNotNull(in, "the role model ships");
            Files.copy(in, copy);
        }
        assertNotNull(TreeModel.load(copy, RoleFeatures.NAMES));
        IOException error = assertThrows(IOException.class, () -> TreeModel.load(copy, MixFeatures.NAMES));
        assertTrue(error.getMessage().contains("other features"), error.getMessage());
    }

    /**
     * The shipped models match this code (they load: same feature names) and, on a held-out session
     * they never saw, predict close to the reference targets.
     */
    @Test
    void shippedModelsAreInSyncAndSaneOnAHeldOutSession() throws Exception {
        MixModels models = MixModels.bundled();
        RoleClassifier classifier = RoleClassifier.bundled();
        assertNotNull(models, "every mix model ships in the jar");
        assertNotNull(classifier, "the role classifier ships in the jar");
        long total = 0;
        for (String file : shippedFiles()) {
            try (InputStream in = MixModels.class.getResourceAsStream(MixModels.RESOURCE_DIRECTORY + file)) {
                int bytes = in.readAllBytes().length;
                assertTrue(bytes < 1_500_000, file + " stays under 1.5 MB: " + bytes);
                total += bytes;
            }
        }
        // The bound for the shipped models (20 MB).
        assertTrue(total < 20_000_000, "the planner's models together: " + total + " bytes");
        long seed = Evaluation.HELD_OUT_BASE + 123;
        List<Path> stems = SyntheticSessions.write(seed, 4, GervillRenderer.pinned(), directory.resolve("s"));
        SongScore song = SongComposer.compose(seed, 4);
        List<Role> roles = song.parts().stream().map(PartScore::role).toList();
        List<StemAnalysis> analyses = stems.stream().map(ModelTrainingTest::analyse).toList();
        List<StemTargets> predicted = models.predict(roles, analyses);
        List<StemTargets> reference = MixingNorms.targets(roles, analyses, song.style());
        int recognised = 0;
        for (int i = 0; i < stems.size(); i++) {
            StemTargets p = predicted.get(i);
            StemTargets r = reference.get(i);
            String what = roles.get(i) + " in a " + song.style() + " song: " + p + " vs " + r;
            // Tolerances: 1.5 LU for balance, the accuracy asked of the planner; the others about a third of
            // each output's range. The models' held-out errors are far smaller (docs/evaluation.md), so
            // these catch a model out of step with the code or the bank, not run-to-run noise: the
            // session is rendered with the pinned bank, the same bytes everywhere.
            if (models.balanceRoles() == null) {
                assertEquals(r.relativeLoudnessLu(), p.relativeLoudnessLu(), 1.5, what);
            } else {
                // The shipped balance model learned musicians' balances (relative to the whole mix), not
                // this written table; it is scored against musicians in MusicianBalanceTest and eval.
                assertTrue(p.relativeLoudnessLu() > -40 && p.relativeLoudnessLu() < 10, what);
                assertTrue(models.balanceRoles().containsAll(List.of(Role.KICK, Role.SNARE, Role.BASS, Role.PIANO_KEYS,
                        Role.STRINGS)), "the shipped balance model learned the core roles: " + models.balanceRoles());
            }
            assertEquals(r.panPosition(), p.panPosition(), 0.25, what);
            assertEquals(r.highPassHz(), p.highPassHz(), Math.max(30, 0.4 * r.highPassHz()), what);
            assertEquals(r.lowShelfGainDb(), p.lowShelfGainDb(), 1.5, what);
            assertEquals(r.lowMidGainDb(), p.lowMidGainDb(), 2.0, what);
            assertEquals(r.highShelfGainDb(), p.highShelfGainDb(), 1.5, what);
            assertEquals(r.compressorRatio(), p.compressorRatio(), 1.0, what);
            if (r.compressorRatio() > 1 && p.compressorRatio() > 1) {
                assertEquals(r.compressorThresholdLu(), p.compressorThresholdLu(), 3.0, what);
            }
            if (classifier.classify(analyses.get(i)).role() == roles.get(i)) {
                recognised++;
            }
        }
        // The shipped classifier learned from musicians' stems, not from this generator: on the generator's own
        // sounds it is right on about 72 % (docs/evaluation.md, the synthetic table), so more than half, not all.
        assertTrue(recognised > stems.size() / 2, "the audio classifier names the roles of a held-out session: "
                + recognised + " of " + stems.size());
    }

    static List<String> shippedFiles() {
        List<String> files = new java.util.ArrayList<>();
        for (MixModels.Output output : MixModels.Output.values()) {
            files.add(output.fileName());
        }
        files.add(RoleClassifier.FILE_NAME);
        return files;
    }

    private static StemAnalysis analyse(Path stem) {
        try {
            return StemAnalyzer.analyze(stem);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
