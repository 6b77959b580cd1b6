package org.neuromix.engine.planner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;

/**
 * The planner's regression models, one XGBoost model per {@link Output}, all over
 * {@link MixFeatures}: together they predict a stem's {@link StemTargets} — level, pan, high-pass,
 * low shelf, low-mid cut, high shelf and compression — from its sound and its session. Trained only
 * on synthetic sessions by {@code neuromix train}; shipped as {@value #RESOURCE_DIRECTORY}*.json.
 */
public final class MixModels {
    public static final String RESOURCE_DIRECTORY = "/org/neuromix/engine/planner/";
    private static volatile MixModels bundled;
    private static volatile boolean bundledLooked;

    /** What each model predicts, the file it lives in, and how to read its label off a stem's targets. */
    public enum Output {
        BALANCE("balance-model.json", "balance", StemTargets::relativeLoudnessLu),
        PAN("pan-model.json", "pan", StemTargets::panPosition),
        HIGH_PASS("high-pass-model.json", "high-pass", StemTargets::highPassHz),
        LOW_SHELF("low-shelf-model.json", "low-shelf", StemTargets::lowShelfGainDb),
        LOW_MID("low-mid-model.json", "low-mid", StemTargets::lowMidGainDb),
        HIGH_SHELF("high-shelf-model.json", "high-shelf", StemTargets::highShelfGainDb),
        COMPRESSOR_RATIO("compressor-ratio-model.json", "compressor ratio", StemTargets::compressorRatio),
        COMPRESSOR_THRESHOLD("compressor-threshold-model.json", "compressor threshold", StemTargets::compressorThresholdLu);

        private final String fileName;
        private final String description;
        private final ToDoubleFunction<StemTargets> label;

        Output(String fileName, String description, ToDoubleFunction<StemTargets> label) {
            this.fileName = fileName;
            this.description = description;
            this.label = label;
        }

        public String fileName() {
            return fileName;
        }

        /** "pan", "high-pass", ...: how reasons name the model. */
        public String description() {
            return description;
        }

        /** The training label of this output for one stem. */
        public double label(StemTargets targets) {
            return label.applyAsDouble(targets);
        }
    }

    /**
     * Attribute of a balance model trained on musicians' sessions: the roles it has seen (plan
     * names, comma-separated). Its label is the stem's loudness relative to the whole mix.
     */
    public static final String BALANCE_ROLES_ATTRIBUTE = "balanceRoles";

    /**
     * The roles the synthetic sessions are made of, and so the only roles the pan, EQ and dynamics
     * models (and a balance model without {@link #BALANCE_ROLES_ATTRIBUTE}) were trained on. The
     * generator makes no lead vocal and no whole kit on one stem; for those roles the planner uses
     * the written conventions instead of an extrapolation. {@code SongComposer} is checked against
     * this set by its test.
     */
    public static final java.util.Set<Role> SYNTHETIC_ROLES = java.util.Collections.unmodifiableSet(
            java.util.EnumSet.complementOf(java.util.EnumSet.of(Role.LEAD_VOCAL, Role.DRUMS_OVERHEADS)));

    private final Map<Output, TreeModel> models;

    private MixModels(Map<Output, TreeModel> models) {
        this.models = models;
    }

    /** These models with another balance model (a cross-validation fold's, or a retrained one). */
    public MixModels withBalance(TreeModel balance) {
        Map<Output, TreeModel> replaced = new EnumMap<>(models);
        replaced.put(Output.BALANCE, balance);
        return new MixModels(replaced);
    }

    /**
     * The roles the balance model learned from musicians' sessions, or null when it was trained on
     * the synthetic sessions (whose roles are {@link #SYNTHETIC_ROLES}).
     */
    public java.util.Set<Role> balanceRoles() {
        String names = models.get(Output.BALANCE).attribute(BALANCE_ROLES_ATTRIBUTE);
        if (names == null || names.isBlank()) {
            return null;
        }
        java.util.Set<Role> roles = java.util.EnumSet.noneOf(Role.class);
        for (String name : names.split(",")) {
            Role role = Role.fromPlanName(name.trim());
            if (role != null) {
                roles.add(role);
            }
        }
        return roles;
    }

    /** The models in a directory written by {@code neuromix train}. */
    public static MixModels load(Path directory) throws IOException {
        Map<Output, TreeModel> models = new EnumMap<>(Output.class);
        for (Output output : Output.values()) {
            models.put(output, TreeModel.load(directory.resolve(output.fileName()), MixFeatures.NAMES));
        }
        return new MixModels(models);
    }

    /** The models that ship with NeuroMix, or null when this build lacks any of them. */
    public static MixModels bundled() {
        if (!bundledLooked) {
            synchronized (MixModels.class) {
                if (!bundledLooked) {
                    Map<Output, TreeModel> models = new EnumMap<>(Output.class);
                    for (Output output : Output.values()) {
                        TreeModel model = TreeModel.resource(RESOURCE_DIRECTORY + output.fileName(), MixFeatures.NAMES);
                        if (model != null) {
                            models.put(output, model);
                        }
                    }
                    bundled = models.size() == Output.values().length ? new MixModels(models) : null;
                    bundledLooked = true;
                }
            }
        }
        return bundled;
    }

    /**
     * Every stem's predicted targets, made safe to use: pan within [−1, 1]; a high-pass no higher
     * than the stem's content allows (see {@link MixingNorms}), and under 20 Hz means none; EQ gains within ±6 dB (±4 for the shelves) and under 0.3 dB means none; a ratio
     * under 1.2:1 means no compressor; thresholds within [−30, 0] LU.
     */
    public List<StemTargets> predict(List<Role> roles, List<StemAnalysis> analyses) {
        float[][] rows = MixFeatures.of(roles, analyses);
        Map<Output, float[][]> predictions = new EnumMap<>(Output.class);
        for (Output output : Output.values()) {
            predictions.put(output, models.get(output).predict(rows));
        }
        List<StemTargets> targets = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            final int row = i;
            ToDoubleFunction<Output> value = output -> predictions.get(output)[row][0];
            // Refined on the audio: a model's corner never cuts into the stem's own low end.
            double highPass = Math.min(value.applyAsDouble(Output.HIGH_PASS),
                    MixingNorms.highPassCeilingHz(analyses.get(i).bandEnergiesDb()));
            double ratio = clamp(round(value.applyAsDouble(Output.COMPRESSOR_RATIO), 0.1), 1, 10);
            if (ratio < 1.2) {
                ratio = 1;
            }
            targets.add(new StemTargets(
                    round(value.applyAsDouble(Output.BALANCE), 0.01),
                    clamp(round(value.applyAsDouble(Output.PAN), 0.01), -1, 1),
                    highPass < 20 ? 0 : Math.min(1000, round(highPass, 5)),
                    gain(value.applyAsDouble(Output.LOW_SHELF), 4),
                    gain(value.applyAsDouble(Output.LOW_MID), 6),
                    gain(value.applyAsDouble(Output.HIGH_SHELF), 4),
                    ratio,
                    ratio > 1 ? clamp(round(value.applyAsDouble(Output.COMPRESSOR_THRESHOLD), 0.1), -30, 0) : 0));
        }
        return targets;
    }

    private static double gain(double predictedDb, double limitDb) {
        double gain = clamp(round(predictedDb, 0.1), -limitDb, limitDb);
        return Math.abs(gain) < 0.3 ? 0 : gain;
    }

    private static double round(double value, double step) {
        return Math.round(value / step) * step;
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }
}
