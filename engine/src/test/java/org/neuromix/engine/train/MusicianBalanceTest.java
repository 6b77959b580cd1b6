package org.neuromix.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.planner.MixFeatures;
import org.neuromix.engine.planner.MixModels;
import org.neuromix.engine.planner.RoleClassifier;
import org.neuromix.engine.progress.ProgressListener;
import org.neuromix.engine.planner.TreeModel;

/**
 * The balance model learns what musicians wrote and is scored on packages it never saw. The test
 * songs have a consistent writing habit — bass and piano loud, strings and hi-hats soft, with a
 * few dB of jitter — which equal loudness cannot know; a working pipeline must find it.
 */
class MusicianBalanceTest {
    @TempDir
    Path directory;

    @Test
    void learnsTheWrittenBalanceAndBeatsEqualLoudnessOnUnseenPackages() throws Exception {
        Random random = new Random(5);
        List<MusicianSessions.Source> sources = new ArrayList<>();
        for (String pkg : List.of("alpha", "beta", "gamma")) {
            for (int song = 0; song < 4; song++) {
                int shift = random.nextInt(5);
                Path file = TestMidiFiles.write(directory.resolve("songs/" + pkg + "/song" + song + ".mid"), 100 + 20 * song, 3, false,
                        new TestMidiFiles.Part(0, random.nextInt(3), jitter(random, 120), 64, 100, shifted(MidiSongTest.CHORD, shift)),
                        new TestMidiFiles.Part(1, 32 + random.nextInt(3), jitter(random, 115), 64, 100, shifted(MidiSongTest.BASS_LINE, shift)),
                        new TestMidiFiles.Part(2, 48, jitter(random, 45), 64, 90, shifted(MidiSongTest.CHORD, shift + 12)),
                        new TestMidiFiles.Part(9, 0, jitter(random, 110), 64, 100, new int[] {36, 42, 42, 42}));
                sources.add(new MusicianSessions.Source(file, pkg));
            }
        }
        MusicianSessions.build(sources, List.of(new MusicianSessions.Bank("jdk", GervillRenderer.pinned())), 20,
                directory.resolve("sessions"), line -> { });
        List<MusicianSessions.Session> sessions = MusicianSessions.load(directory.resolve("sessions"));
        assertEquals(12, sessions.size());
        List<MusicianBalance.Rows> rows = MusicianBalance.rows(sessions, line -> { });
        MusicianBalance.Report report = MusicianBalance.evaluate(rows, true, false, directory.resolve("work"), line -> { });
        assertEquals(3, report.sources().size());
        assertTrue(report.throughPlanner(), "scored through the planner");
        assertTrue(report.neuromix().median() < 0.6 * report.equal().median(),
                "NeuroMix " + report.neuromix().median() + " LU against equal loudness " + report.equal().median() + " LU");
        String markdown = report.markdown("test");
        assertTrue(markdown.contains("baseline: equal loudness") && markdown.contains("| strings |"), markdown);

        Path written = MusicianBalance.train(rows, directory.resolve("models"));
        TreeModel model = TreeModel.load(written, MixFeatures.NAMES);
        assertNotNull(model.attribute(MixModels.BALANCE_ROLES_ATTRIBUTE));
        MixModels models = MixModels.bundled().withBalance(model);
        assertTrue(models.balanceRoles().containsAll(List.of(Role.BASS, Role.STRINGS, Role.KICK, Role.PIANO_KEYS)),
                models.balanceRoles().toString());

        // The role classifier learns from the same stems (their rows were cached by the balance pass)
        // and is scored on packages it never heard, beside the synthetic classifier.
        List<MusicianRoles.Rows> roleRows = MusicianRoles.rows(sessions, line -> { }, ProgressListener.NONE);
        assertTrue(Files.isRegularFile(sessions.get(0).directory().resolve(MusicianRoles.FEATURES_FILE)));
        // A classifier trained on synthetic sessions never heard these songs: it is scored beside the learned one.
        ModelTraining.train(2, 17, 1, GervillRenderer.pinned(), directory.resolve("synthetic"), directory.resolve("synthetic-models"));
        RoleClassifier synthetic = RoleClassifier.load(directory.resolve("synthetic-models").resolve(RoleClassifier.FILE_NAME));
        assertEquals(RoleClassifier.SYNTHETIC, synthetic.trainedOn());
        MusicianRoles.Report roles = MusicianRoles.evaluate(roleRows, synthetic, true, line -> { }, ProgressListener.NONE);
        assertEquals(report.neuromix().stems(), roles.learned().stems());
        assertTrue(roles.learned().share() >= 0.9, "learned classifier right on " + roles.learned().share());
        assertNotNull(roles.baseline(), "the synthetic classifier is scored beside it");
        String rolesMarkdown = roles.markdown("test");
        assertTrue(rolesMarkdown.contains("| bass |") && rolesMarkdown.contains("| jdk |"), rolesMarkdown);
        ModelTraining.ModelFit fit = MusicianRoles.train(roleRows, directory.resolve("models"));
        RoleClassifier learned = RoleClassifier.load(fit.file());
        assertEquals(RoleClassifier.MUSICIAN, learned.trainedOn());
        assertTrue(learned.classes().containsAll(List.of(Role.BASS, Role.STRINGS, Role.KICK, Role.PIANO_KEYS)),
                learned.classes().toString());
        // A classifier that heard these songs is not scored on them.
        assertNull(MusicianRoles.evaluate(roleRows, learned, false, line -> { }, ProgressListener.NONE).baseline());
    }

    /**
     * Scoring is offset-free (a session's common offset is removed), so the label is each stem against
     * its session's median stem: a session whose stems all sit higher against their mix (more stems summed,
     * say) teaches the model the same balance.
     */
    @Test
    void aSessionsCommonOffsetTeachesNothing() throws Exception {
        Random random = new Random(3);
        List<MusicianBalance.Rows> plain = new ArrayList<>(), offset = new ArrayList<>();
        List<Role> roles = List.of(Role.BASS, Role.PIANO_KEYS, Role.STRINGS, Role.KICK);
        for (int s = 0; s < 30; s++) {
            float[][] features = new float[roles.size()][MixFeatures.SIZE];
            double[] labels = new double[roles.size()];
            List<MusicianSessions.Stem> stems = new ArrayList<>();
            for (int i = 0; i < roles.size(); i++) {
                features[i][roles.get(i).ordinal()] = 1;
                features[i][MixFeatures.SIZE - 1] = (float) (0.3 * random.nextGaussian());
                labels[i] = -6 + 2 * i + features[i][MixFeatures.SIZE - 1];
                stems.add(new MusicianSessions.Stem(directory.resolve(s + "-" + i + ".flac"), i + ".flac", roles.get(i), labels[i], 0, false));
            }
            MusicianSessions.Session session = new MusicianSessions.Session(directory.resolve("s" + s), "pkg", "song" + s, "jdk", stems,
                    false);
            plain.add(new MusicianBalance.Rows(session, features, labels, roles));
            double shift = random.nextDouble() * 20 - 10;
            offset.add(new MusicianBalance.Rows(session, features, java.util.Arrays.stream(labels).map(l -> l + shift).toArray(), roles));
        }
        TreeModel a = TreeModel.of(MusicianBalance.fit(plain), "plain", MixFeatures.NAMES);
        TreeModel b = TreeModel.of(MusicianBalance.fit(offset), "offset", MixFeatures.NAMES);
        for (MusicianBalance.Rows rows : plain) {
            float[][] pa = a.predict(rows.features()), pb = b.predict(rows.features());
            for (int i = 0; i < pa.length; i++) {
                assertEquals(pa[i][0], pb[i][0], 1e-3, "stem " + i);
            }
            // And it learned the balance: the strings 4 LU over the bass, give or take the jitter.
            assertEquals(4, pa[2][0] - pa[0][0], 1.0, "strings against bass");
        }
    }

    @Test
    void evaluationNeedsTwoPackages() {
        assertThrows(IllegalArgumentException.class,
                () -> MusicianBalance.evaluate(List.of(), false, false, directory, line -> { }));
    }

    private static int jitter(Random random, int volume) {
        return Math.max(1, Math.min(127, volume + random.nextInt(11) - 5));
    }

    private static int[] shifted(int[] pitches, int semitones) {
        int[] out = new int[pitches.length];
        for (int i = 0; i < pitches.length; i++) {
            out[i] = pitches[i] + semitones;
        }
        return out;
    }
}
