package org.neuromix.engine.planner;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees (XGBoost4J) predicting each stem's loudness in the mix relative to the
 * featured part (LU) from {@link BalanceFeatures}. Trained only on synthetic sessions by
 * {@code neuromix train}; the shipped model is {@value #RESOURCE}.
 */
public final class BalanceModel {
    public static final String RESOURCE = "/org/neuromix/engine/planner/balance-model.json";
    private static volatile BalanceModel bundled;

    private final Booster booster;

    private BalanceModel(Booster booster) {
        this.booster = booster;
    }

    public static BalanceModel load(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new BalanceModel(XGBoost.loadModel(in));
        } catch (XGBoostError e) {
            throw new IOException("cannot read the balance model " + file + ": " + e.getMessage(), e);
        }
    }

    /** The model that ships with NeuroMix, or null when this build has none. */
    public static BalanceModel bundled() {
        if (bundled == null) {
            synchronized (BalanceModel.class) {
                if (bundled == null) {
                    try (InputStream in = BalanceModel.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            return null;
                        }
                        bundled = new BalanceModel(XGBoost.loadModel(in));
                    } catch (IOException | XGBoostError e) {
                        throw new IllegalStateException("the bundled balance model is unreadable", e);
                    }
                }
            }
        }
        return bundled;
    }

    /** Relative loudness in LU for each row. */
    public double[] predict(float[][] rows) {
        if (rows.length == 0) {
            return new double[0];
        }
        float[] flat = new float[rows.length * BalanceFeatures.SIZE];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * BalanceFeatures.SIZE, BalanceFeatures.SIZE);
        }
        try {
            DMatrix matrix = new DMatrix(flat, rows.length, BalanceFeatures.SIZE, Float.NaN);
            try {
                float[][] predictions = booster.predict(matrix);
                double[] values = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    values[i] = predictions[i][0];
                }
                return values;
            } finally {
                matrix.dispose();
            }
        } catch (XGBoostError e) {
            throw new IllegalStateException("balance model prediction failed", e);
        }
    }
}
