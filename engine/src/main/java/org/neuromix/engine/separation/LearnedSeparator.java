package org.neuromix.engine.separation;

import java.io.IOException;
import java.nio.file.Path;

import org.neuromix.engine.planner.TreeModel;

/**
 * The learned separator: four XGBoost models (gradient-boosted trees, {@code reg:logistic}), one per
 * stem, trained on synthetic sessions by {@code neuromix train-separator} (see
 * {@code org.neuromix.engine.train.SeparatorTraining} and docs/model-card.md), predict each
 * {@link SeparationFeatures#BANDS band}'s and frame's soft mask — the stem's share of the band's
 * power (ideal ratio mask) — from {@link SeparationFeatures spectro-temporal context features} that
 * include the built-in separator's cues. The four predictions are normalised to sum to one,
 * interpolated from band centres to STFT bins, and refined by the same multichannel Wiener filter as
 * {@link DspSeparator}, so the stems stay mixture-consistent. Context: the built-in separator's plus
 * {@link SeparationFeatures#MEDIAN_HALF} + 2 hops.
 */
public final class LearnedSeparator implements Separator {
    public static final String RESOURCE_DIRECTORY = "/org/neuromix/engine/separation/";
    private final TreeModel[] models;
    private final String name;

    private LearnedSeparator(TreeModel[] models, String name) {
        this.models = models;
        this.name = name;
    }

    /** The model file of a stem, e.g. {@code separator-vocals-model.json}. */
    public static String modelFile(Stem stem) {
        return "separator-" + stem.fileStem() + "-model.json";
    }

    /** The models shipped with this build, or null when it has none. */
    public static LearnedSeparator bundled() {
        TreeModel[] models = new TreeModel[Stem.values().length];
        for (Stem stem : Stem.values()) {
            models[stem.ordinal()] = TreeModel.resource(RESOURCE_DIRECTORY + modelFile(stem), SeparationFeatures.NAMES);
            if (models[stem.ordinal()] == null) {
                return null;
            }
        }
        return new LearnedSeparator(models, "learned");
    }

    /** Models from a folder written by {@code neuromix train-separator}. */
    public static LearnedSeparator load(Path directory) throws IOException {
        TreeModel[] models = new TreeModel[Stem.values().length];
        for (Stem stem : Stem.values()) {
            models[stem.ordinal()] = TreeModel.load(directory.resolve(modelFile(stem)), SeparationFeatures.NAMES);
        }
        return new LearnedSeparator(models, "learned");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int contextFrames(int sampleRateHz) {
        DspSeparator.Params p = DspSeparator.params(sampleRateHz);
        return new DspSeparator().contextFrames(sampleRateHz) + (SeparationFeatures.MEDIAN_HALF + 2) * p.hop;
    }

    @Override
    public int alignmentFrames(int sampleRateHz) {
        return new DspSeparator().alignmentFrames(sampleRateHz);
    }

    @Override
    public float[][][] separate(float[][] stereo, int frames, int sampleRateHz) {
        if (frames == 0) {
            return new float[4][2][0];
        }
        DspSeparator.Params p = DspSeparator.params(sampleRateHz);
        DspSeparator.Analysis a = DspSeparator.analyse(stereo, frames, p);
        DspSeparator.FirstPass first = DspSeparator.firstPass(a);
        float[][][] rows = SeparationFeatures.rows(a, first);
        int count = a.count(), bands = SeparationFeatures.BANDS;
        float[][] flat = new float[count * bands][];
        for (int t = 0; t < count; t++) {
            for (int b = 0; b < bands; b++) {
                flat[t * bands + b] = rows[t][b];
            }
        }
        float[][][] predicted = new float[4][][];
        for (int s = 0; s < 4; s++) {
            predicted[s] = models[s].predict(flat);
        }
        float[][][] bandMasks = new float[3][count][bands];
        for (int t = 0; t < count; t++) {
            for (int b = 0; b < bands; b++) {
                int i = t * bands + b;
                double sum = 0;
                for (int s = 0; s < 4; s++) {
                    sum += Math.max(0, predicted[s][i][0]);
                }
                for (int s = 0; s < 3; s++) {
                    bandMasks[s][t][b] = sum > 1e-9 ? (float) (Math.max(0, predicted[s][i][0]) / sum) : 0.25f;
                }
            }
        }
        float[][][] masks = new float[3][][];
        for (int s = 0; s < 3; s++) {
            masks[s] = SeparationFeatures.toBins(bandMasks[s], p);
        }
        return DspSeparator.resynthesise(stereo, a, masks);
    }
}
