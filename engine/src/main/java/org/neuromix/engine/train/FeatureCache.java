package org.neuromix.engine.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

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
