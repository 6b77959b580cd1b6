package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.progress.ProgressListener;
import org.neuromix.engine.separation.LearnedSeparator;
import org.neuromix.engine.separation.SeparationTrainingData;
import org.neuromix.engine.separation.Stem;

/**
 * Fits the {@link LearnedSeparator}'s four mask models on synthetic songs only (seeds
 * {@code seed·100000 + 50000} and up, below the held-out range): each song's parts are rendered,
 * summed by role into the four stems ({@link SeparationEvaluation#stemOf}), mixed, and every
 * {@value #FRAME_STRIDE}nd STFT frame gives one row per band, labelled with each stem's share of
 * the band's power. XGBoost {@code reg:logistic} (labels in [0, 1]), {@value #ROUNDS} rounds of
 * depth-{@value #DEPTH} trees, fixed seed, so a run is reproducible.
 */
public final class SeparatorTraining {
    static final int FRAME_STRIDE = 2;
    static final int ROUNDS = 60;
    static final int DEPTH = 6;
    static final long SEED_OFFSET = 50_000;

    public record Result(int sessions, int rows, List<Path> models, Map<Stem, Double> trainingRmse, String soundbank) {
    }

    /** The share of the work that rendering the songs takes (fitting the models is the rest). */
    private static final double SONGS_SHARE = 0.8;

    private SeparatorTraining() {
    }

    /**
     * Renders {@code sessions} synthetic songs and fits one mask model per stem. Progress: the songs
     * are the first 80 % of the work, the four models the rest.
     */
    public static Result train(int sessions, long seed, int bars, GervillRenderer synth, Path outDirectory,
                               ProgressListener progress) throws IOException {
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;
        long firstSeed = seed * 100_000L + SEED_OFFSET;
        if (sessions < 1 || seed < 0 || seed > 9999 || firstSeed + sessions >= Evaluation.HELD_OUT_BASE) {
            throw new IllegalArgumentException("training seeds must stay below the held-out range");
        }
        SeparationTrainingData data = new SeparationTrainingData(FRAME_STRIDE);
        for (int k = 0; k < sessions; k++) {
            SongScore song = SongComposer.compose(firstSeed + k, bars);
            AudioBuffer[] stems = SeparationEvaluation.references(song, synth);
            data.add(SeparationEvaluation.mixture(stems), stems, GervillRenderer.SAMPLE_RATE_HZ);
            listener.progress(String.format(Locale.ROOT, "rendering songs (%d/%d)", k + 1, sessions), SONGS_SHARE * (k + 1) / sessions);
        }
        Files.createDirectories(outDirectory);
        List<Path> files = new ArrayList<>();
        Map<Stem, Double> rmse = new HashMap<>();
        try {
            DMatrix matrix = new DMatrix(data.features(), data.rows(), data.columns(), Float.NaN);
            try {
                for (Stem stem : Stem.values()) {
                    float[] labels = data.labels(stem);
                    matrix.setLabel(labels);
                    Map<String, Object> parameters = new HashMap<>();
                    parameters.put("objective", "reg:logistic");
                    parameters.put("eta", 0.2);
                    parameters.put("max_depth", DEPTH);
                    parameters.put("subsample", 0.8);
                    parameters.put("tree_method", "hist");
                    parameters.put("seed", 0);
                    parameters.put("nthread", 2);
                    Booster booster = XGBoost.train(matrix, parameters, ROUNDS, new HashMap<>(), null, null);
                    float[][] predicted = booster.predict(matrix);
                    double error = 0;
                    for (int i = 0; i < labels.length; i++) {
                        error += Math.pow(predicted[i][0] - labels[i], 2);
                    }
                    rmse.put(stem, Math.sqrt(error / labels.length));
                    Path file = outDirectory.resolve(LearnedSeparator.modelFile(stem));
                    booster.setFeatureNames(data.names());
                    booster.saveModel(file.toString());
                    files.add(file);
                    listener.progress("fitting the " + stem.fileStem() + " model", SONGS_SHARE
                            + (1 - SONGS_SHARE) * (stem.ordinal() + 1) / Stem.values().length);
                }
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IOException("XGBoost failed: " + e.getMessage(), e);
        }
        return new Result(sessions, data.rows(), files, rmse, synth.soundbankName());
    }
}
