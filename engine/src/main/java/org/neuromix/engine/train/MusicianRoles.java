package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

import ml.dmlc.xgboost4j.java.XGBoostError;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.planner.RoleClassifier;
import org.neuromix.engine.planner.RoleFeatures;
import org.neuromix.engine.planner.TreeModel;
import org.neuromix.engine.progress.ProgressListener;

/**
 * The audio role classifier learned from musicians' sessions ({@link MusicianSessions}: every part
 * of a MIDI song rendered alone with several banks, tracker modules' own samples, the sung
 * versions' vocals, all domain-randomised), and its evaluation on songs and banks it never heard.
 * The label is the part's true role (its General MIDI program or drum notes, a tracker part's
 * name, the sung part); the features are {@link RoleFeatures} of the stem's audio alone, never its
 * name. Same model form as the synthetic classifier ({@link ModelTraining#fitClassifier}). Tracker
 * parts labelled by their sound are trained on (the labeller was fitted on the MIDI sessions alone)
 * but never scored: their role is a classifier's reading, not a truth.
 *
 * <p>Evaluation never scores a model on a song it saw: folds leave one source package out (all of
 * its songs, in every bank). Leave-one-bank-out folds also leave a bank out of training and score
 * that bank's stems of the held-out package, which is how the classifier meets a recording it has
 * no sound of.
 */
public final class MusicianRoles {
    static final String FEATURES_FILE = "role-features.csv";

    private MusicianRoles() {
    }

    /** One session's stems as the classifier sees them. */
    public record Rows(MusicianSessions.Session session, float[][] features, List<Role> roles) {
    }

    /**
     * Every session's {@link RoleFeatures} rows, from the cache beside it ({@value #FEATURES_FILE},
     * written with the balance model's rows) or analysed now (in parallel) and cached with them.
     */
    public static List<Rows> rows(List<MusicianSessions.Session> sessions, Consumer<String> progress, ProgressListener fraction)
            throws IOException, AudioFileException {
        List<Rows> all = new ArrayList<>();
        int done = 0;
        for (MusicianSessions.Session session : sessions) {
            float[][] features = FeatureCache.read(session, FEATURES_FILE, RoleFeatures.NAMES);
            if (features == null) {
                features = FeatureCache.analyse(session)[1];
            }
            all.add(new Rows(session, features, session.stems().stream().map(MusicianSessions.Stem::role).toList()));
            done++;
            fraction.progress(String.format(Locale.ROOT, "analysing stems for roles (%d/%d)", done, sessions.size()),
                    done / (double) sessions.size());
            if (done % 100 == 0 || done == sessions.size()) {
                progress.accept("role features of " + done + "/" + sessions.size() + " sessions");
            }
        }
        return all;
    }

    /** Fits the classifier on all these sessions and writes {@value RoleClassifier#FILE_NAME} into {@code outDirectory}. */
    public static ModelTraining.ModelFit train(List<Rows> sessions, Path outDirectory) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<Role> roles = new ArrayList<>();
        flatten(sessions, rows, roles);
        try {
            Files.createDirectories(outDirectory);
            return ModelTraining.classifier(rows, roles, outDirectory.resolve(RoleClassifier.FILE_NAME), RoleClassifier.MUSICIAN);
        } catch (XGBoostError e) {
            throw new IOException("training the role classifier failed: " + e.getMessage(), e);
        }
    }

    /** How often a classifier named the true role: overall, per true role, per bank. */
    public static final class Accuracy {
        int right, stems;
        final Map<Role, int[]> byRole = new EnumMap<>(Role.class);
        final Map<String, int[]> byBank = new TreeMap<>();
        /** Per bank: stems the classifier was sure of (as sure as the tracker builder asks), and of those, right. */
        final Map<String, int[]> sureByBank = new TreeMap<>();

        void add(Rows session, double[][] probabilities) {
            for (int i = 0; i < probabilities.length; i++) {
                if (session.session().stems().get(i).roleBySound()) {
                    continue; // its "truth" is a classifier's reading: no test of one
                }
                if (session.session().copiedStem(i)) {
                    continue;
                }
                Role truth = session.roles().get(i);
                Role named = RoleClassifier.mostProbable(probabilities[i]);
                int hit = named == truth ? 1 : 0;
                int[] sure = sureByBank.computeIfAbsent(session.session().bank(), b -> new int[2]);
                if (probabilities[i][named.ordinal()] >= TrackerSessions.MIN_SOUND_CONFIDENCE) {
                    sure[0]++;
                    sure[1] += hit;
                }
                right += hit;
                stems++;
                int[] role = byRole.computeIfAbsent(truth, r -> new int[2]);
                role[0] += hit;
                role[1]++;
                int[] bank = byBank.computeIfAbsent(session.session().bank(), b -> new int[2]);
                bank[0] += hit;
                bank[1]++;
            }
        }

        public double share() {
            return stems == 0 ? Double.NaN : right / (double) stems;
        }

        public int stems() {
            return stems;
        }

        double share(Map<?, int[]> counts, Object key) {
            int[] c = counts.get(key);
            return c == null || c[1] == 0 ? Double.NaN : c[0] / (double) c[1];
        }
    }

    /**
     * The evaluation: the fold classifiers (by package; by package and bank), and the given
     * classifier on the same stems when it never heard them (one trained on synthetic sessions).
     */
    public record Report(int sessions, Set<String> sources, Accuracy learned, Accuracy baseline, String baselineName,
                         Map<String, double[]> leaveOneBankOut) {
        public String markdown(String command) {
            StringBuilder text = new StringBuilder("## Role detection from the audio on the musicians' stems (held out by package)\n\n");
            text.append(String.format(Locale.ROOT, "%d sessions from %d packages; every stem classified by its sound alone (no file"
                    + " name) by a classifier trained without its package.%s%n%n", sessions, sources.size(),
                    baseline == null ? " The shipped classifier was trained on these sessions, so it is not scored here."
                            : " Beside it, the classifier " + baselineName + ", which never heard these songs or banks."));
            text.append("| classifier | right | stems |\n|---|---|---|\n");
            text.append(String.format(Locale.ROOT, "| learned from musicians' sessions (package held out) | %.1f %% | %d |%n",
                    100 * learned.share(), learned.stems()));
            if (baseline != null) {
                text.append(String.format(Locale.ROOT, "| %s | %.1f %% | %d |%n", baselineName, 100 * baseline.share(), baseline.stems()));
            }
            text.append("\n| true role | stems | learned | ").append(baseline == null ? "" : "baseline |")
                    .append("\n|---|---|---|").append(baseline == null ? "" : "---|").append('\n');
            for (Map.Entry<Role, int[]> entry : learned.byRole.entrySet()) {
                text.append(String.format(Locale.ROOT, "| %s | %d | %.1f %% |", entry.getKey().planName(), entry.getValue()[1],
                        100.0 * entry.getValue()[0] / entry.getValue()[1]));
                if (baseline != null) {
                    text.append(String.format(Locale.ROOT, " %.1f %% |", 100 * baseline.share(baseline.byRole, entry.getKey())));
                }
                text.append('\n');
            }
            text.append(String.format(Locale.ROOT, "%nPer bank; \"sure\" is the share of stems the learned classifier gives"
                    + " %.1f or more (what the tracker builder needs to label a part by its sound), and how many of those it names right.%n%n",
                    TrackerSessions.MIN_SOUND_CONFIDENCE));
            text.append("| bank | stems | learned | ").append(baseline == null ? "" : "baseline | ")
                    .append("learned without the bank | sure | right when sure |\n|---|---|---|")
                    .append(baseline == null ? "" : "---|").append("---|---|---|\n");
            for (Map.Entry<String, int[]> entry : learned.byBank.entrySet()) {
                text.append(String.format(Locale.ROOT, "| %s | %d | %.1f %% |", entry.getKey(), entry.getValue()[1],
                        100.0 * entry.getValue()[0] / entry.getValue()[1]));
                if (baseline != null) {
                    text.append(String.format(Locale.ROOT, " %.1f %% |", 100 * baseline.share(baseline.byBank, entry.getKey())));
                }
                double[] without = leaveOneBankOut.get(entry.getKey());
                text.append(without == null ? " – |" : String.format(Locale.ROOT, " %.1f %% |", 100 * without[1]));
                int[] sure = learned.sureByBank.getOrDefault(entry.getKey(), new int[2]);
                text.append(String.format(Locale.ROOT, " %.1f %% | %s |", 100.0 * sure[0] / entry.getValue()[1],
                        sure[0] == 0 ? "–" : String.format(Locale.ROOT, "%.1f %%", 100.0 * sure[1] / sure[0])));
                text.append('\n');
            }
            text.append("\nCommand: `").append(command).append("`\n");
            return text.toString();
        }
    }

    /**
     * Leave-one-package-out (and, with {@code leaveBanksOut}, leave-one-bank-out) evaluation.
     *
     * @param baseline a classifier to score on the same stems, or null; one trained on musicians'
     *                 sessions is not scored (it heard these songs)
     */
    public static Report evaluate(List<Rows> sessions, RoleClassifier baseline, boolean leaveBanksOut,
                                  Consumer<String> progress, ProgressListener fraction) throws IOException {
        Set<String> sources = new TreeSet<>();
        Set<String> banks = new TreeSet<>();
        for (Rows rows : sessions) {
            sources.add(rows.session().source());
            banks.add(rows.session().bank());
        }
        if (sources.size() < 2) {
            throw new IllegalArgumentException("evaluation by package needs sessions from at least two packages, found " + sources);
        }
        RoleClassifier unheard = baseline != null && RoleClassifier.SYNTHETIC.equals(baseline.trainedOn()) ? baseline : null;
        Accuracy learned = new Accuracy();
        Accuracy base = unheard == null ? null : new Accuracy();
        Map<String, Accuracy> withoutBank = new LinkedHashMap<>();
        int folds = 0;
        for (String source : sources) {
            List<Rows> test = filter(sessions, r -> r.session().source().equals(source));
            List<Rows> training = filter(sessions, r -> !r.session().source().equals(source));
            RoleClassifier fold = fit(training, "fold without " + source);
            for (Rows rows : test) {
                learned.add(rows, fold.probabilities(rows.features()));
                if (base != null) {
                    base.add(rows, unheard.probabilities(rows.features()));
                }
            }
            if (leaveBanksOut && banks.size() > 1) {
                for (String bank : banks) {
                    List<Rows> bankTest = filter(test, r -> r.session().bank().equals(bank));
                    List<Rows> bankTraining = filter(training, r -> !r.session().bank().equals(bank));
                    if (bankTest.isEmpty() || bankTraining.isEmpty()) {
                        continue;
                    }
                    RoleClassifier without = fit(bankTraining, "fold without " + source + " and " + bank);
                    for (Rows rows : bankTest) {
                        withoutBank.computeIfAbsent(bank, b -> new Accuracy()).add(rows, without.probabilities(rows.features()));
                    }
                }
            }
            folds++;
            progress.accept(String.format(Locale.ROOT, "roles: fold without %s scored (%d sessions)", source, test.size()));
            fraction.progress(String.format(Locale.ROOT, "role folds (%d/%d)", folds, sources.size()), folds / (double) sources.size());
        }
        Map<String, double[]> leaveOneBankOut = new LinkedHashMap<>();
        for (Map.Entry<String, Accuracy> entry : withoutBank.entrySet()) {
            leaveOneBankOut.put(entry.getKey(), new double[] {learned.share(learned.byBank, entry.getKey()), entry.getValue().share()});
        }
        return new Report(sessions.size(), sources, learned, base,
                unheard == null ? null : "trained on " + unheard.trainedOn(), leaveOneBankOut);
    }

    /** A classifier fitted on these sessions in this process (the tracker builder labels parts by their sound with it). */
    public static RoleClassifier fitted(List<Rows> training, String name) throws IOException {
        return fit(training, name);
    }

    private static RoleClassifier fit(List<Rows> training, String name) throws IOException {
        List<float[]> rows = new ArrayList<>();
        List<Role> roles = new ArrayList<>();
        flatten(training, rows, roles);
        try {
            return RoleClassifier.of(TreeModel.of(ModelTraining.fitClassifier(rows, roles, RoleClassifier.MUSICIAN), name,
                    RoleFeatures.NAMES));
        } catch (XGBoostError e) {
            throw new IOException("training a role fold failed: " + e.getMessage(), e);
        }
    }

    private static void flatten(List<Rows> sessions, List<float[]> rows, List<Role> roles) {
        for (Rows session : sessions) {
            for (int i = 0; i < session.features().length; i++) {
                if (session.session().copiedStem(i)) {
                    continue;
                }
                rows.add(session.features()[i]);
                roles.add(session.roles().get(i));
            }
        }
    }

    private static List<Rows> filter(List<Rows> sessions, Predicate<Rows> keep) {
        return sessions.stream().filter(keep).toList();
    }
}
