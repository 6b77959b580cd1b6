package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.analysis.StemAnalyzer;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.planner.BalanceFeatures;
import org.neuromix.engine.planner.PlannerOptions;

/**
 * Fits the balance model: synthetic sessions from training seeds (always below
 * {@link Evaluation#HELD_OUT_BASE}), every stem analysed, labelled with its reference level (the
 * conventions shifted for the song's style, relative to the featured part), and gradient-boosted
 * trees (XGBoost, squared error, depth 4, 300 rounds, one thread and a fixed seed, so the same
 * sessions give the same model). Reads generator output only.
 */
public final class BalanceTraining {
    /** What a training run produced. */
    public record Result(Path model, int sessions, int stems, double trainingRmseLu) {
    }

    private BalanceTraining() {
    }

    public static Result train(int sessions, long seed, int bars, Path workDirectory, Path modelFile)
            throws IOException, AudioFileException {
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be at least 1, was " + sessions);
        }
        long firstSeed = seed * 100_000L;
        if (seed < 0 || firstSeed + sessions >= Evaluation.HELD_OUT_BASE) {
            throw new IllegalArgumentException("training seeds must stay below the held-out range; use a seed in [0, 9999]");
        }
        GervillRenderer synth = new GervillRenderer(null);
        List<float[]> rows = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        for (int k = 0; k < sessions; k++) {
            long sessionSeed = firstSeed + k;
            Path directory = workDirectory.resolve("session-" + k);
            List<Path> stems = SyntheticSessions.write(sessionSeed, bars, synth, directory);
            SongScore song = SongComposer.compose(sessionSeed, bars);
            List<Role> roles = new ArrayList<>();
            List<StemAnalysis> analyses = new ArrayList<>();
            for (int i = 0; i < stems.size(); i++) {
                roles.add(song.parts().get(i).role());
                analyses.add(StemAnalyzer.analyze(stems.get(i)));
            }
            float[][] features = BalanceFeatures.of(roles, analyses);
            for (int i = 0; i < stems.size(); i++) {
                rows.add(features[i]);
                labels.add((float) (MixingNorms.of(roles.get(i)).relativeLoudnessLu()
                        + PlannerOptions.styleOffsetLu(song.style(), roles.get(i))));
            }
        }
        float[] flat = new float[rows.size() * BalanceFeatures.SIZE];
        float[] label = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, flat, i * BalanceFeatures.SIZE, BalanceFeatures.SIZE);
            label[i] = labels.get(i);
        }
        try {
            DMatrix matrix = new DMatrix(flat, rows.size(), BalanceFeatures.SIZE, Float.NaN);
            matrix.setLabel(label);
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("objective", "reg:squarederror");
            parameters.put("max_depth", 4);
            parameters.put("eta", 0.1);
            parameters.put("subsample", 1.0);
            parameters.put("seed", 0);
            parameters.put("nthread", 1);
            Booster booster = XGBoost.train(matrix, parameters, 300, new HashMap<>(), null, null);
            float[][] predicted = booster.predict(matrix);
            double squared = 0;
            for (int i = 0; i < label.length; i++) {
                double error = predicted[i][0] - label[i];
                squared += error * error;
            }
            Files.createDirectories(modelFile.toAbsolutePath().getParent());
            booster.saveModel(modelFile.toString());
            matrix.dispose();
            return new Result(modelFile, sessions, rows.size(), Math.sqrt(squared / label.length));
        } catch (XGBoostError e) {
            throw new IOException("training failed: " + e.getMessage(), e);
        }
    }
}
