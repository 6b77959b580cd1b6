package org.neuromix.engine.planner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * One trained XGBoost4J model (gradient-boosted trees, XGBoost JSON) with the names of the features
 * it was trained on. Loading checks those names against the feature vector the code builds today,
 * so a model and the code that feeds it cannot drift apart unnoticed.
 */
public final class TreeModel {
    private final Booster booster;
    private final String name;
    private final int featureCount;

    private TreeModel(Booster booster, String name, int featureCount) {
        this.booster = booster;
        this.name = name;
        this.featureCount = featureCount;
    }

    /** Reads a model file and checks that it was trained on {@code featureNames}. */
    public static TreeModel load(Path file, List<String> featureNames) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), featureNames);
        }
    }

    /** A model fitted in this process (evaluation folds), with the feature names it was trained on. */
    public static TreeModel of(Booster booster, String name, List<String> featureNames) {
        return new TreeModel(booster, name, featureNames.size());
    }

    /** A model shipped as a class-path resource, or null when this build has none. */
    public static TreeModel resource(String resource, List<String> featureNames) {
        try (InputStream in = TreeModel.class.getResourceAsStream(resource)) {
            if (in == null) {
                return null;
            }
            return read(in, resource, featureNames);
        } catch (IOException e) {
            throw new IllegalStateException("the bundled model " + resource + " is unreadable: " + e.getMessage(), e);
        }
    }

    private static TreeModel read(InputStream in, String name, List<String> featureNames) throws IOException {
        try {
            Booster booster = XGBoost.loadModel(in);
            String[] stored = booster.getFeatureNames();
            if (stored == null || !Arrays.asList(stored).equals(featureNames)) {
                throw new IOException("the model " + name + " was trained on other features than this build computes"
                        + " (retrain it with neuromix train)");
            }
            return new TreeModel(booster, name, featureNames.size());
        } catch (XGBoostError e) {
            throw new IOException("cannot read the model " + name + ": " + e.getMessage(), e);
        }
    }

    /** A string stored with the model at training time, or null. */
    public String attribute(String key) {
        try {
            return booster.getAttr(key);
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot read attribute " + key + " of " + name, e);
        }
    }

    /** The model's outputs for each row: one value for a regression, one probability per class for a classifier. */
    public float[][] predict(float[][] rows) {
        if (rows.length == 0) {
            return new float[0][];
        }
        float[] flat = new float[rows.length * featureCount];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != featureCount) {
                throw new IllegalArgumentException(name + " takes " + featureCount + " features, got " + rows[i].length);
            }
            System.arraycopy(rows[i], 0, flat, i * featureCount, featureCount);
        }
        try {
            DMatrix matrix = new DMatrix(flat, rows.length, featureCount, Float.NaN);
            try {
                synchronized (booster) {
                    return booster.predict(matrix);
                }
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("prediction with " + name + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
