package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.analysis.StemAnalyzer;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.planner.MixFeatures;
import org.neuromix.engine.planner.RoleFeatures;
import org.neuromix.engine.render.PerTrack;

/**
 * Feature rows kept beside a musician session as CSV (a header of feature names, one row per stem),
 * so that training and evaluation analyse each stem's audio once. A file is used only while its
 * names match, it has one row per stem and it is newer than the session's description.
 */
final class FeatureCache {
    private FeatureCache() {
    }

    /** The cached rows, or null when there are none that can be trusted. */
    static float[][] read(MusicianSessions.Session session, String fileName, List<String> names) throws IOException {
        Path file = session.directory().resolve(fileName);
        Path description = session.directory().resolve(MusicianSessions.SESSION_FILE);
        if (!Files.isRegularFile(file) || Files.getLastModifiedTime(file).compareTo(Files.getLastModifiedTime(description)) < 0) {
            return null;
        }
        List<String> lines = Files.readAllLines(file);
        if (lines.isEmpty() || !lines.get(0).equals(String.join(",", names)) || lines.size() - 1 != session.stems().size()) {
            return null;
        }
        float[][] rows = new float[lines.size() - 1][];
        try {
            for (int i = 1; i < lines.size(); i++) {
                String[] values = lines.get(i).split(",");
                if (values.length != names.size()) {
                    return null;
                }
                rows[i - 1] = new float[values.length];
                for (int k = 0; k < values.length; k++) {
                    rows[i - 1][k] = Float.parseFloat(values[k]);
                }
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return rows;
    }

    /**
     * Analyses every stem of the session (in parallel) and caches both kinds of rows: the balance
     * model's ({@link MixFeatures}) and the role classifier's ({@link RoleFeatures}).
     *
     * @return the balance rows and the role rows, in that order
     */
    static float[][][] analyse(MusicianSessions.Session session) throws IOException, AudioFileException {
        List<Path> files = session.stems().stream().map(MusicianSessions.Stem::file).toList();
        List<StemAnalysis> analyses = PerTrack.map(files, StemAnalyzer::analyze);
        List<Role> roles = session.stems().stream().map(MusicianSessions.Stem::role).toList();
        float[][] mix = MixFeatures.of(roles, analyses);
        float[][] role = new float[analyses.size()][];
        for (int i = 0; i < role.length; i++) {
            role[i] = RoleFeatures.of(analyses.get(i));
        }
        write(session, MusicianBalance.FEATURES_FILE, MixFeatures.NAMES, mix);
        write(session, MusicianRoles.FEATURES_FILE, RoleFeatures.NAMES, role);
        return new float[][][] {mix, role};
    }

    static void write(MusicianSessions.Session session, String fileName, List<String> names, float[][] rows) throws IOException {
        StringBuilder text = new StringBuilder(String.join(",", names)).append('\n');
        for (float[] row : rows) {
            for (int k = 0; k < row.length; k++) {
                text.append(k == 0 ? "" : ",").append(row[k]);
            }
            text.append('\n');
        }
        Files.writeString(session.directory().resolve(fileName), text);
    }
}
