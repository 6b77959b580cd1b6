package org.neuromix.engine.train;

import org.neuromix.engine.planner.MixingNorms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.analysis.StemAnalyzer;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.planner.MixFeatures;
import org.neuromix.engine.planner.MixModels;
import org.neuromix.engine.planner.RoleClassifier;
import org.neuromix.engine.planner.RoleFeatures;
import org.neuromix.engine.planner.TreeModel;
import org.neuromix.engine.planner.StemTargets;
import org.neuromix.engine.progress.ProgressListener;
import org.neuromix.engine.render.PerTrack;

/**
 * Fits all of the planner's models from one set of generated sessions: synthetic songs from
 * training seeds (always below {@link Evaluation#HELD_OUT_BASE}), every stem analysed and labelled
 * with its "good mix" targets ({@link MixingNorms#targets} under the song's style, which no model
 * is told) and its true role. One regression per {@link MixModels.Output} over {@link MixFeatures}
 * (squared error, depth 4, η 0.1, {@value #REGRESSION_ROUNDS} rounds) and the role classifier over
 * {@link RoleFeatures} ({@code multi:softprob}, depth 4, η 0.3, {@value #CLASSIFIER_ROUNDS} rounds).
 * One thread and fixed seeds, so the same arguments give the same model files. Silent stems are
 * left out. Reads generator output only.
 */
public final class ModelTraining {
    static final int REGRESSION_ROUNDS = 200;
    static final int CLASSIFIER_ROUNDS = 40;
    /** Share of the progress given to generating and analysing the sessions; fitting the models takes the rest. */
    private static final double SESSIONS_SHARE = 0.8;

    /** One model written: its file, rows, and its error on its own training data (RMSE, or error rate for roles). */
    public record ModelFit(Path file, String what, int rows, double trainingError, String unit) {
    }

    public record Result(int sessions, int stems, String soundbank, List<ModelFit> models) {
    }

    private ModelTraining() {
    }

    /**
     * @param sessions         how many sessions to generate (seeds {@code seed·100000} and up)
     * @param seed             training seed block, 0–9999
     * @param bars             bars per session
     * @param renderer         the synthesizer and its bank
     * @param workDirectory    where the sessions are written
     * @param outDirectory     where the model files go (one per output, plus {@value RoleClassifier#FILE_NAME})
     */
    public static Result train(int sessions, long seed, int bars, GervillRenderer renderer, Path workDirectory,
                               Path outDirectory) throws IOException, AudioFileException {
        return train(sessions, seed, bars, renderer, workDirectory, outDirectory, ProgressListener.NONE);
    }

    /** As {@link #train(int, long, int, GervillRenderer, Path, Path)}; generating and analysing the sessions is most of the work. */
    public static Result train(int sessions, long seed, int bars, GervillRenderer renderer, Path workDirectory,
                               Path outDirectory, ProgressListener progress) throws IOException, AudioFileException {
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be at least 1, was " + sessions);
        }
        long firstSeed = seed * 100_000L;
        if (seed < 0 || seed > 9999 || firstSeed + sessions >= Evaluation.HELD_OUT_BASE) {
            throw new IllegalArgumentException("training seeds must stay below the held-out range; use a seed in [0, 9999]");
        }
        List<float[]> mixRows = new ArrayList<>();
        List<float[]> roleRows = new ArrayList<>();
        List<StemTargets> labels = new ArrayList<>();
        List<Role> roleLabels = new ArrayList<>();
        for (int k = 0; k < sessions; k++) {
            progress.progress(String.format(Locale.ROOT, "session %d/%d", k + 1, sessions), SESSIONS_SHARE * k / sessions);
            long sessionSeed = firstSeed + k;
            Path directory = workDirectory.resolve("session-" + k);
            List<Path> stems = SyntheticSessions.write(sessionSeed, bars, renderer, directory);
            SongScore song = SongComposer.compose(sessionSeed, bars);
            List<Role> roles = song.parts().stream().map(PartScore::role).toList();
            List<StemAnalysis> analyses = PerTrack.map(stems, StemAnalyzer::analyze);
            float[][] features = MixFeatures.of(roles, analyses);
            List<StemTargets> targets = MixingNorms.targets(roles, analyses, song.style());
            for (int i = 0; i < stems.size(); i++) {
                if (analyses.get(i).isSilent()) {
                    continue;
                }
                mixRows.add(features[i]);
                labels.add(targets.get(i));
                roleRows.add(RoleFeatures.of(analyses.get(i)));
                roleLabels.add(roles.get(i));
            }
            // The audio is no longer needed once analysed.
            deleteStems(directory);
        }
        if (mixRows.isEmpty()) {
            throw new IllegalArgumentException("every generated stem was silent: is the SoundFont a General MIDI bank?");
        }
        Files.createDirectories(outDirectory);
        List<ModelFit> fits = new ArrayList<>();
        try {
            for (MixModels.Output output : MixModels.Output.values()) {
                progress.progress("fitting " + output.description(), SESSIONS_SHARE
                        + (1 - SESSIONS_SHARE) * output.ordinal() / (MixModels.Output.values().length + 1.0));
                float[] label = new float[labels.size()];
                for (int i = 0; i < label.length; i++) {
                    label[i] = (float) output.label(labels.get(i));
                }
                fits.add(regression(mixRows, label, outDirectory.resolve(output.fileName()), output.description()));
            }
            fits.add(classifier(roleRows, roleLabels, outDirectory.resolve(RoleClassifier.FILE_NAME), RoleClassifier.SYNTHETIC));
        } catch (XGBoostError e) {
            throw new IOException("training failed: " + e.getMessage(), e);
        }
        progress.progress("trained", 1);
        return new Result(sessions, mixRows.size(), renderer.soundbankName(), fits);
    }

    private static ModelFit regression(List<float[]> rows, float[] label, Path file, String what) throws XGBoostError {
        DMatrix matrix = matrix(rows, MixFeatures.SIZE);
        try {
            matrix.setLabel(label);
            Map<String, Object> parameters = parameters();
            parameters.put("objective", "reg:squarederror");
            parameters.put("eta", 0.1);
            Booster booster = XGBoost.train(matrix, parameters, REGRESSION_ROUNDS, new HashMap<>(), null, null);
            float[][] predicted = booster.predict(matrix);
            double squared = 0;
            for (int i = 0; i < label.length; i++) {
                double error = predicted[i][0] - label[i];
                squared += error * error;
            }
            save(booster, MixFeatures.NAMES, file);
            return new ModelFit(file, what, label.length, Math.sqrt(squared / label.length), "RMSE");
        } finally {
            matrix.dispose();
        }
    }

    /** Fits the role classifier, writes it to {@code file} and reports its error rate on its own rows. */
    static ModelFit classifier(List<float[]> rows, List<Role> roles, Path file, String trainedOn) throws XGBoostError {
        Booster booster = fitClassifier(rows, roles, trainedOn);
        RoleClassifier fitted;
        try {
            fitted = RoleClassifier.of(TreeModel.of(booster, "role classifier", RoleFeatures.NAMES));
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        int wrong = 0;
        double[][] predicted = fitted.probabilities(rows.toArray(float[][]::new));
        for (int i = 0; i < rows.size(); i++) {
            if (RoleClassifier.mostProbable(predicted[i]) != roles.get(i)) {
                wrong++;
            }
        }
        save(booster, RoleFeatures.NAMES, file);
        return new ModelFit(file, "role (" + fitted.classes().size() + " classes, " + trainedOn + ")", rows.size(),
                wrong / (double) rows.size(), "error rate");
    }

    /**
     * The role classifier over {@link RoleFeatures} rows: {@code multi:softprob} over the roles seen,
     * which are stored in the model ({@value RoleClassifier#ROLES_ATTRIBUTE}) with what it was
     * trained on ({@value RoleClassifier#TRAINED_ON_ATTRIBUTE}).
     */
    static Booster fitClassifier(List<float[]> rows, List<Role> roles, String trainedOn) throws XGBoostError {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no stems to train the role classifier on");
        }
        List<Role> classes = new ArrayList<>(EnumSet.copyOf(roles)); // ordinal order
        float[] label = new float[roles.size()];
        for (int i = 0; i < label.length; i++) {
            label[i] = classes.indexOf(roles.get(i));
        }
        DMatrix matrix = matrix(rows, RoleFeatures.SIZE);
        try {
            matrix.setLabel(label);
            Map<String, Object> parameters = parameters();
            parameters.put("objective", "multi:softprob");
            parameters.put("num_class", classes.size());
            parameters.put("eta", 0.3);
            Booster booster = XGBoost.train(matrix, parameters, CLASSIFIER_ROUNDS, new HashMap<>(), null, null);
            booster.setAttr(RoleClassifier.ROLES_ATTRIBUTE, classes.stream().map(Role::planName)
                    .collect(Collectors.joining(",")));
            booster.setAttr(RoleClassifier.TRAINED_ON_ATTRIBUTE, trainedOn);
            return booster;
        } finally {
            matrix.dispose();
        }
    }

    private static Map<String, Object> parameters() {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("max_depth", 4);
        parameters.put("subsample", 1.0);
        parameters.put("seed", 0);
        parameters.put("nthread", 1);
        return parameters;
    }

    private static DMatrix matrix(List<float[]> rows, int columns) throws XGBoostError {
        float[] flat = new float[rows.size() * columns];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, flat, i * columns, columns);
        }
        return new DMatrix(flat, rows.size(), columns, Float.NaN);
    }

    private static void save(Booster booster, List<String> featureNames, Path file) throws XGBoostError {
        booster.setFeatureNames(featureNames.toArray(String[]::new));
        booster.saveModel(file.toString());
    }

    private static void deleteStems(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".wav")).toList()) {
                Files.delete(file);
            }
        }
    }
}
