package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.analysis.StemAnalyzer;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.plan.DeliveryTarget;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.planner.MixFeatures;
import org.neuromix.engine.planner.MixModels;
import org.neuromix.engine.planner.Planner;
import org.neuromix.engine.planner.PlannerOptions;
import org.neuromix.engine.planner.TreeModel;
import org.neuromix.engine.progress.ProgressListener;
import org.neuromix.engine.render.PerTrack;
import org.neuromix.engine.render.TrackLoudness;

/**
 * The balance model learned from musicians' sessions ({@link MusicianSessions}) and its honest
 * evaluation. The label is each stem's loudness relative to the whole mix as the musician wrote
 * it, less the session's median stem ({@link #medianLevelLu}); the features are {@link MixFeatures}
 * (the stem's sound and the arrangement, never its level). Absolute error, depth {@value #DEPTH}, η {@value #ETA}, {@value #ROUNDS} rounds, row
 * subsampling 0.8 with a fixed seed, one thread: the same sessions give the same file.
 *
 * <p>Evaluation never scores a model on a song it saw: folds leave one source package out (all of
 * its songs, in every bank). Each test session's stems get a seeded gain error of ±12 dB; the
 * planner (with the fold's balance model) mixes them, each stem's loudness is measured through its
 * channel strip, and the error is its distance from the musician's balance after removing the
 * session's common offset. Equal loudness (every stem at the same loudness) is scored on the
 * same stems. Leave-one-bank-out folds also leave a sound bank out of training.
 */
public final class MusicianBalance {
    static final int DEPTH = 4;
    static final double ETA = 0.05;
    static final int ROUNDS = 300;

    private MusicianBalance() {
    }

    /** One session's stems as the models see them: features, labels, roles. */
    public record Rows(MusicianSessions.Session session, float[][] features, double[] labels, List<Role> roles) {
    }

    /**
     * Analyses every session's stems (in parallel) and builds its feature rows. The rows are kept
     * beside the session ({@value #FEATURES_FILE}, with the feature names) and reused while the
     * names match and the file is newer than the session's description.
     */
    public static List<Rows> rows(List<MusicianSessions.Session> sessions, Consumer<String> progress)
            throws IOException, AudioFileException {
        return rows(sessions, progress, ProgressListener.NONE);
    }

    /** As {@link #rows(List, Consumer)}, also telling {@code fraction} how many sessions are analysed. */
    public static List<Rows> rows(List<MusicianSessions.Session> sessions, Consumer<String> progress, ProgressListener fraction)
            throws IOException, AudioFileException {
        List<Rows> all = new ArrayList<>();
        int done = 0;
        for (MusicianSessions.Session session : sessions) {
            List<Role> roles = session.stems().stream().map(MusicianSessions.Stem::role).toList();
            double[] labels = session.stems().stream().mapToDouble(MusicianSessions.Stem::relativeLoudnessLu).toArray();
            float[][] features = FeatureCache.read(session, FEATURES_FILE, MixFeatures.NAMES);
            if (features == null) {
                features = FeatureCache.analyse(session)[0];
            }
            all.add(new Rows(session, features, labels, roles));
            fraction.progress(String.format(Locale.ROOT, "analysing musician sessions (%d/%d)", done + 1, sessions.size()),
                    (done + 1) / (double) sessions.size());
            if (++done % 25 == 0 || done == sessions.size()) {
                progress.accept("analysed " + done + "/" + sessions.size() + " sessions");
            }
        }
        return all;
    }

    static final String FEATURES_FILE = "mix-features.csv";

    /** Fits the balance model on these sessions; the roles it saw are stored in the model. */
    public static Booster fit(List<Rows> training) throws XGBoostError {
        List<float[]> rows = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Rows session : training) {
            double median = medianLevelLu(session);
            for (int i = 0; i < session.labels().length; i++) {
                if (session.session().copiedStem(i)) {
                    // Learned once, in its own session: trained on twice, the copies cost the other
                    // sessions 0.10 LU (3.12 against 2.97 held out by package, 2026-12-02).
                    continue;
                }
                rows.add(session.features()[i]);
                labels.add((float) (session.labels()[i] - median));
                roles.add(session.roles().get(i));
            }
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no musician sessions to train on");
        }
        float[] flat = new float[rows.size() * MixFeatures.SIZE];
        float[] label = new float[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, flat, i * MixFeatures.SIZE, MixFeatures.SIZE);
            label[i] = labels.get(i);
        }
        DMatrix matrix = new DMatrix(flat, rows.size(), MixFeatures.SIZE, Float.NaN);
        try {
            matrix.setLabel(label);
            Map<String, Object> parameters = new HashMap<>();
            // Absolute error: the median per-stem error is what a musician hears and what is scored;
            // a few parts the musician left far under the rest should not pull every prediction.
            parameters.put("objective", "reg:absoluteerror");
            parameters.put("max_depth", DEPTH);
            parameters.put("eta", ETA);
            parameters.put("subsample", 0.8);
            parameters.put("min_child_weight", 3);
            parameters.put("seed", 0);
            parameters.put("nthread", 1);
            Booster booster = XGBoost.train(matrix, parameters, ROUNDS, new HashMap<>(), null, null);
            booster.setFeatureNames(MixFeatures.NAMES.toArray(String[]::new));
            booster.setAttr(MixModels.BALANCE_ROLES_ATTRIBUTE, roles.stream().map(Role::planName).collect(Collectors.joining(",")));
            return booster;
        } finally {
            matrix.dispose();
        }
    }

    /**
     * The session's median stem level (LU against its mix), which {@link #fit} subtracts from every label.
     * The mix's loudness against its stems grows with how many stems are summed and which of them carry
     * the power, a nuisance the scoring removes (it is offset-free) but the model had to learn from the
     * role counts. Against the median stem, held out by package ({@code eval --fast}, 2026-12-02): 3.03 LU
     * against 3.13 with the raw label, the whole kit 2.54 against 3.43 (its −2.5 LU bias gone), lead
     * vocals 2.59 against 2.43; against the mean stem 3.08 (one very quiet part pulls the mean).
     */
    static double medianLevelLu(Rows session) {
        return percentile(Arrays.stream(session.labels()).boxed().toList(), 0.5);
    }

    /** Fits on all sessions and writes {@code balance-model.json} into {@code outDirectory}. */
    public static Path train(List<Rows> sessions, Path outDirectory) throws IOException {
        try {
            Booster booster = fit(sessions);
            Files.createDirectories(outDirectory);
            Path file = outDirectory.resolve(MixModels.Output.BALANCE.fileName());
            booster.saveModel(file.toString());
            return file;
        } catch (XGBoostError e) {
            throw new IOException("training failed: " + e.getMessage(), e);
        }
    }

    static final String WHOLE_KIT = "sessions with the drum kit as one stem";
    static final String PIECES_APART = "all other sessions";

    /** Errors of one method: per stem absolute (after the session's offset), and signed per role and source. */
    public static final class Errors {
        final List<Double> absolute = new ArrayList<>();
        final Map<Role, List<Double>> signedByRole = new EnumMap<>(Role.class);
        final Map<String, List<Double>> bySource = new TreeMap<>();
        final Map<String, List<Double>> byBank = new TreeMap<>();
        /** Sessions derived with the kit as one stem ({@link KitSessions}) against all the others. */
        final Map<String, List<Double>> byLayout = new TreeMap<>();

        void add(MusicianSessions.Session session, List<Role> roles, double[] levels, double[] truth) {
            double offset = 0;
            int count = 0;
            for (int i = 0; i < levels.length; i++) {
                if (Double.isFinite(levels[i])) {
                    offset += levels[i] - truth[i];
                    count++;
                }
            }
            offset /= Math.max(1, count);
            for (int i = 0; i < levels.length; i++) {
                if (!Double.isFinite(levels[i])) {
                    continue;
                }
                double signed = levels[i] - truth[i] - offset;
                absolute.add(Math.abs(signed));
                signedByRole.computeIfAbsent(roles.get(i), r -> new ArrayList<>()).add(signed);
                bySource.computeIfAbsent(session.source(), s -> new ArrayList<>()).add(Math.abs(signed));
                byBank.computeIfAbsent(session.bank(), s -> new ArrayList<>()).add(Math.abs(signed));
                byLayout.computeIfAbsent(session.wholeKit() ? WHOLE_KIT : PIECES_APART, s -> new ArrayList<>()).add(Math.abs(signed));
            }
        }

        public double median() {
            return percentile(absolute, 0.5);
        }

        public double p90() {
            return percentile(absolute, 0.9);
        }

        public int stems() {
            return absolute.size();
        }
    }

    /** The whole evaluation: NeuroMix and equal loudness on the same stems, and the leave-one-bank-out rows. */
    public record Report(int sessions, int songs, Set<String> sources, Errors neuromix, Errors equal,
                         Map<String, double[]> leaveOneBankOut, boolean throughPlanner) {
        public String markdown(String command) {
            StringBuilder text = new StringBuilder();
            text.append("## Balance against the musicians' own (held out by package)\n\n");
            text.append(String.format(Locale.ROOT, "%d sessions of %d songs from %d packages (%s); every song scored by a model"
                    + " trained without its package. Stems given a ±12 dB gain error; %s.%n%n", sessions, songs, sources.size(),
                    String.join(", ", sources), throughPlanner ? "mixed by the planner, each stem measured through its strip"
                            : "balance model predictions"));
            text.append("| method | median error (LU) | 90th percentile (LU) | stems |\n|---|---|---|---|\n");
            text.append(String.format(Locale.ROOT, "| NeuroMix | %.2f | %.2f | %d |%n", neuromix.median(), neuromix.p90(),
                    neuromix.stems()));
            text.append(String.format(Locale.ROOT, "| baseline: equal loudness | %.2f | %.2f | %d |%n", equal.median(), equal.p90(),
                    equal.stems()));
            text.append(String.format(Locale.ROOT, "%nNeuroMix's median is %.0f %% of equal loudness's.%n",
                    100 * neuromix.median() / equal.median()));
            text.append("\n### Vocal and whole-kit drum stems (the sung and the kit sessions)\n\n"
                    + "| role | stems | NeuroMix median error | equal loudness median error |\n|---|---|---|---|\n");
            for (Role vocal : List.of(Role.LEAD_VOCAL, Role.BACKING_VOCAL, Role.DRUMS_OVERHEADS)) {
                List<Double> signed = neuromix.signedByRole.getOrDefault(vocal, List.of());
                List<Double> equalSigned = equal.signedByRole.getOrDefault(vocal, List.of());
                text.append(signed.isEmpty() ? String.format(Locale.ROOT, "| %s | 0 | – | – |%n", vocal.planName())
                        : String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f |%n", vocal.planName(), signed.size(),
                                percentile(signed.stream().map(Math::abs).toList(), 0.5),
                                percentile(equalSigned.stream().map(Math::abs).toList(), 0.5)));
            }
            text.append("\n### Per role: mean signed error (LU; + means louder than the musician had it)\n\n"
                    + "| role | stems | NeuroMix bias | NeuroMix median error | equal-loudness bias |\n|---|---|---|---|---|\n");
            for (Map.Entry<Role, List<Double>> entry : neuromix.signedByRole.entrySet()) {
                List<Double> signed = entry.getValue();
                List<Double> equalSigned = equal.signedByRole.getOrDefault(entry.getKey(), List.of());
                text.append(String.format(Locale.ROOT, "| %s | %d | %+.2f | %.2f | %+.2f |%n", entry.getKey().planName(),
                        signed.size(), mean(signed), percentile(signed.stream().map(Math::abs).toList(), 0.5), mean(equalSigned)));
            }
            text.append("\n### Per source package and per bank (median error, LU)\n\n| group | stems | NeuroMix | equal loudness |\n|---|---|---|---|\n");
            for (Map.Entry<String, List<Double>> entry : neuromix.bySource.entrySet()) {
                text.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f |%n", entry.getKey(), entry.getValue().size(),
                        percentile(entry.getValue(), 0.5), percentile(equal.bySource.get(entry.getKey()), 0.5)));
            }
            for (Map.Entry<String, List<Double>> entry : neuromix.byBank.entrySet()) {
                text.append(String.format(Locale.ROOT, "| bank %s | %d | %.2f | %.2f |%n", entry.getKey(), entry.getValue().size(),
                        percentile(entry.getValue(), 0.5), percentile(equal.byBank.get(entry.getKey()), 0.5)));
            }
            if (neuromix.byLayout.containsKey(WHOLE_KIT)) {
                for (Map.Entry<String, List<Double>> entry : neuromix.byLayout.entrySet()) {
                    text.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f |%n", entry.getKey(), entry.getValue().size(),
                            percentile(entry.getValue(), 0.5), percentile(equal.byLayout.get(entry.getKey()), 0.5)));
                }
            }
            if (!leaveOneBankOut.isEmpty()) {
                text.append("\n### Leave one bank out (balance model predictions, package held out as well)\n\n"
                        + "| bank | median with the bank in training | median without it | worse by |\n|---|---|---|---|\n");
                for (Map.Entry<String, double[]> entry : leaveOneBankOut.entrySet()) {
                    double[] v = entry.getValue();
                    text.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %+.2f |%n", entry.getKey(), v[0], v[1], v[1] - v[0]));
                }
            }
            text.append("\nCommand: `").append(command).append("`\n");
            return text.toString();
        }
    }

    /**
     * Leave-one-package-out evaluation.
     *
     * @param throughPlanner mix every test session with the planner (slow, what a user gets); else
     *                       score the balance model's predictions (fast)
     * @param work           where degraded stems are written (then deleted)
     */
    public static Report evaluate(List<Rows> sessions, boolean throughPlanner, boolean leaveBanksOut, Path work,
                                  Consumer<String> progress) throws IOException, AudioFileException, MixPlanException {
        return evaluate(sessions, throughPlanner, leaveBanksOut, work, progress, ProgressListener.NONE);
    }

    /** As {@link #evaluate(List, boolean, boolean, Path, Consumer)}, also telling {@code fraction} how many folds are done. */
    public static Report evaluate(List<Rows> sessions, boolean throughPlanner, boolean leaveBanksOut, Path work,
                                  Consumer<String> progress, ProgressListener fraction)
            throws IOException, AudioFileException, MixPlanException {
        Set<String> sources = new TreeSet<>();
        Set<String> banks = new TreeSet<>();
        Set<String> songs = new TreeSet<>();
        for (Rows rows : sessions) {
            sources.add(rows.session().source());
            banks.add(rows.session().bank());
            songs.add(rows.session().source() + "/" + rows.session().song());
        }
        if (sources.size() < 2) {
            throw new IllegalArgumentException("evaluation by package needs sessions from at least two packages, found "
                    + sources);
        }
        Errors neuromix = new Errors(), equal = new Errors();
        Map<String, Errors> withBank = new LinkedHashMap<>(), withoutBank = new LinkedHashMap<>();
        MixModels shipped = MixModels.bundled();
        int folds = 0;
        try {
            for (String source : sources) {
                List<Rows> test = filter(sessions, r -> r.session().source().equals(source));
                List<Rows> training = filter(sessions, r -> !r.session().source().equals(source));
                Booster fold = fit(training);
                TreeModel model = TreeModel.of(fold, "fold without " + source, MixFeatures.NAMES);
                for (Rows rows : test) {
                    double[] predicted = predictions(model, rows);
                    double[] levels = throughPlanner && shipped != null
                            ? planned(rows, shipped.withBalance(model), work) : predicted;
                    neuromix.add(rows.session(), rows.roles(), levels, rows.labels());
                    equal.add(rows.session(), rows.roles(), new double[rows.labels().length], rows.labels());
                    withBank.computeIfAbsent(rows.session().bank(), b -> new Errors())
                            .add(rows.session(), rows.roles(), predicted, rows.labels());
                }
                if (leaveBanksOut && banks.size() > 1) {
                    for (String bank : banks) {
                        List<Rows> bankTest = filter(test, r -> r.session().bank().equals(bank));
                        if (bankTest.isEmpty()) {
                            continue;
                        }
                        TreeModel without = TreeModel.of(fit(filter(training, r -> !r.session().bank().equals(bank))),
                                "fold without " + source + " and " + bank, MixFeatures.NAMES);
                        for (Rows rows : bankTest) {
                            withoutBank.computeIfAbsent(bank, b -> new Errors())
                                    .add(rows.session(), rows.roles(), predictions(without, rows), rows.labels());
                        }
                    }
                }
                progress.accept(String.format(Locale.ROOT, "fold without %s: %d sessions scored", source, test.size()));
                folds++;
                fraction.progress(String.format(Locale.ROOT, "scoring by package (%d/%d)", folds, sources.size()),
                        folds / (double) sources.size());
            }
        } catch (XGBoostError e) {
            throw new IOException("training a fold failed: " + e.getMessage(), e);
        }
        Map<String, double[]> leaveOneBankOut = new LinkedHashMap<>();
        for (String bank : withoutBank.keySet()) {
            leaveOneBankOut.put(bank, new double[] {withBank.get(bank).median(), withoutBank.get(bank).median()});
        }
        return new Report(sessions.size(), songs.size(), sources, neuromix, equal, leaveOneBankOut,
                throughPlanner && shipped != null);
    }

    private static double[] predictions(TreeModel model, Rows rows) {
        float[][] predicted = model.predict(rows.features());
        double[] levels = new double[predicted.length];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = predicted[i][0];
        }
        return levels;
    }

    /** The planner's mix of the session's stems after a seeded ±12 dB gain error: each stem's loudness through its strip. */
    private static double[] planned(Rows rows, MixModels models, Path work) throws IOException, AudioFileException,
            MixPlanException {
        MusicianSessions.Session session = rows.session();
        Path directory = work.resolve(session.source() + "-" + session.directory().getFileName());
        Files.createDirectories(directory);
        Random random = new Random(session.directory().getFileName().toString().hashCode());
        List<Path> stems = new ArrayList<>();
        Map<String, Role> roles = new HashMap<>();
        try {
            for (MusicianSessions.Stem stem : session.stems()) {
                double gainDb = random.nextDouble() * 24 - 12;
                Path degraded = directory.resolve(stem.name().replaceAll("\\.flac$", ".wav"));
                try (AudioReader reader = AudioReader.open(stem.file())) {
                    AudioBuffer audio = reader.readRemaining();
                    float gain = (float) Math.pow(10, gainDb / 20);
                    for (int c = 0; c < audio.channels(); c++) {
                        float[] samples = audio.channel(c);
                        for (int i = 0; i < samples.length; i++) {
                            samples[i] *= gain;
                        }
                    }
                    AudioWriter.write(degraded, AudioEncoding.WAV_FLOAT_32, reader.sampleRate(), audio);
                }
                stems.add(degraded);
                roles.put(degraded.getFileName().toString(), stem.role());
            }
            PlannerOptions options = new PlannerOptions(DeliveryTarget.parse("spotify"), "auto", roles, Map.of(),
                    PlannerOptions.Reverb.MEDIUM, 50);
            Planner.Result result = Planner.plan(directory, stems, options, models);
            List<Double> measured = TrackLoudness.measure(result.plan(), directory);
            return measured.stream().mapToDouble(Double::doubleValue).toArray();
        } finally {
            for (Path stem : stems) {
                Files.deleteIfExists(stem);
            }
            Files.deleteIfExists(directory);
        }
    }

    private static List<Rows> filter(List<Rows> rows, Predicate<Rows> keep) {
        return rows.stream().filter(keep).toList();
    }

    static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    public static double percentile(List<Double> values, double share) {
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double position = share * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
