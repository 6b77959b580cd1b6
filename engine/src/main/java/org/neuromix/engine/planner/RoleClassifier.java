package org.neuromix.engine.planner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;

/**
 * The audio role classifier: a multi-class XGBoost model ({@code multi:softprob}) over
 * {@link RoleFeatures}, trained on synthetic sessions, which know every stem's role. It can only
 * name the roles the generator makes (stored in the model as its {@value #ROLES_ATTRIBUTE}
 * attribute, in class order); every other role gets probability 0, and the file name must say it.
 */
public final class RoleClassifier {
    public static final String FILE_NAME = "role-model.json";
    public static final String ROLES_ATTRIBUTE = "roles";
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

    /** One probability per {@link Role} (by ordinal), summing to 1; 0 for roles the model cannot name. */
    public double[] probabilities(StemAnalysis analysis) {
        float[] scores = model.predict(new float[][] {RoleFeatures.of(analysis)})[0];
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
        int best = 0;
        for (int r = 1; r < probabilities.length; r++) {
            if (probabilities[r] > probabilities[best]) {
                best = r;
            }
        }
        Role role = Role.values()[best];
        return new RoleDecision(role, Math.round(probabilities[best] * 1000) / 1000.0, "audio classifier");
    }
}
