package org.neuromix.engine.planner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;

/**
 * The audio role classifier: a multi-class XGBoost model ({@code multi:softprob}) over
 * {@link RoleFeatures}, trained on sessions that know every stem's role: musicians' songs rendered
 * per part with several banks and tracker modules' own samples ({@value #MUSICIAN}), or, without
 * those, the synthetic generator's ({@value #SYNTHETIC}); the model says which in its
 * {@value #TRAINED_ON_ATTRIBUTE} attribute. It can only name the roles it was trained on (stored in
 * the model as its {@value #ROLES_ATTRIBUTE} attribute, in class order); every other role gets
 * probability 0, and the file name must say it.
 */
public final class RoleClassifier {
    public static final String FILE_NAME = "role-model.json";
    public static final String ROLES_ATTRIBUTE = "roles";
    public static final String TRAINED_ON_ATTRIBUTE = "trainedOn";
    /** Trained on the synthetic generator's sessions (one bank, the written conventions' arrangements). */
    public static final String SYNTHETIC = "synthetic sessions";
    /** Trained on musicians' sessions (build-sessions: several banks, tracker samples, sung vocals). */
    public static final String MUSICIAN = "musician sessions";
    private static volatile RoleClassifier bundled;
    private static volatile boolean bundledLooked;

    private final TreeModel model;
    private final List<Role> classes;

    private RoleClassifier(TreeModel model) throws IOException {
        this.model = model;
        String roles = model.attribute(ROLES_ATTRIBUTE);
        if (roles == null || roles.isBlank()) {
            throw new IOException("the role model " + model + " does not list its roles");
        }
        List<Role> classes = new ArrayList<>();
        for (String name : roles.split(",")) {
            Role role = Role.fromPlanName(name.trim());
            if (role == null) {
                throw new IOException("the role model " + model + " names an unknown role '" + name + "'");
            }
            classes.add(role);
        }
        this.classes = List.copyOf(classes);
    }

    /** A classifier over a trained model (an evaluation fold's). */
    public static RoleClassifier of(TreeModel model) throws IOException {
        return new RoleClassifier(model);
    }

    public static RoleClassifier load(Path file) throws IOException {
        return new RoleClassifier(TreeModel.load(file, RoleFeatures.NAMES));
    }

    /** The classifier that ships with NeuroMix, or null when this build has none. */
    public static RoleClassifier bundled() {
        if (!bundledLooked) {
            synchronized (RoleClassifier.class) {
                if (!bundledLooked) {
                    TreeModel model = TreeModel.resource(MixModels.RESOURCE_DIRECTORY + FILE_NAME, RoleFeatures.NAMES);
                    try {
                        bundled = model == null ? null : new RoleClassifier(model);
                    } catch (IOException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                    bundledLooked = true;
                }
            }
        }
        return bundled;
    }

    /** The roles this classifier can name, in class order. */
    public List<Role> classes() {
        return classes;
    }

    /** What the model was trained on ({@value #SYNTHETIC} for models older than the attribute). */
    public String trainedOn() {
        String trainedOn = model.attribute(TRAINED_ON_ATTRIBUTE);
        return trainedOn == null || trainedOn.isBlank() ? SYNTHETIC : trainedOn;
    }

    /** One probability per {@link Role} (by ordinal), summing to 1; 0 for roles the model cannot name. */
    public double[] probabilities(StemAnalysis analysis) {
        return toRoles(model.predict(new float[][] {RoleFeatures.of(analysis)})[0]);
    }

    /** {@link #probabilities(StemAnalysis)} for many {@link RoleFeatures} rows at once. */
    public double[][] probabilities(float[][] featureRows) {
        float[][] scores = model.predict(featureRows);
        double[][] probabilities = new double[scores.length][];
        for (int i = 0; i < scores.length; i++) {
            probabilities[i] = toRoles(scores[i]);
        }
        return probabilities;
    }

    /** The role with the highest probability (by {@link Role} ordinal; the first of a tie). */
    public static Role mostProbable(double[] probabilities) {
        int best = 0;
        for (int r = 1; r < probabilities.length; r++) {
            if (probabilities[r] > probabilities[best]) {
                best = r;
            }
        }
        return Role.values()[best];
    }

    private double[] toRoles(float[] scores) {
        if (scores.length != classes.size()) {
            throw new IllegalStateException("the role model gave " + scores.length + " classes, expected " + classes.size());
        }
        double[] probabilities = new double[Role.values().length];
        for (int c = 0; c < scores.length; c++) {
            probabilities[classes.get(c).ordinal()] = scores[c];
        }
        return probabilities;
    }

    /** The most probable role, with its probability as the confidence. */
    public RoleDecision classify(StemAnalysis analysis) {
        double[] probabilities = probabilities(analysis);
        Role role = mostProbable(probabilities);
        return new RoleDecision(role, Math.round(probabilities[role.ordinal()] * 1000) / 1000.0, "audio classifier");
    }
}
