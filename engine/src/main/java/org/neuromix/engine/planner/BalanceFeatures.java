package org.neuromix.engine.planner;

import java.util.List;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;

/**
 * The feature vector the balance model sees for one stem in its session: the stem's role
 * (one-hot), the session's instrumentation (how many stems of each role), rhythmic context (the
 * transient density of the hi-hat and kick stems, which tells a straight groove from a busy one),
 * the session's mean spectral centroid, and the stem's own spectral and dynamic character.
 */
public final class BalanceFeatures {
    private static final int ROLES = Role.values().length;
    public static final int SIZE = 2 * ROLES + 3 + 6;

    private BalanceFeatures() {
    }

    /** One row per stem, {@link #SIZE} floats each, in stem order. */
    public static float[][] of(List<Role> roles, List<StemAnalysis> analyses) {
        float[] counts = new float[ROLES];
        double hats = 0, kick = 0, centroidLog = 0;
        for (int i = 0; i < roles.size(); i++) {
            counts[roles.get(i).ordinal()]++;
            StemAnalysis a = analyses.get(i);
            if (roles.get(i) == Role.HI_HAT_CYMBALS) {
                hats = Math.max(hats, a.transientsPerSecond());
            }
            if (roles.get(i) == Role.KICK) {
                kick = Math.max(kick, a.transientsPerSecond());
            }
            centroidLog += Math.log10(Math.max(20, a.spectralCentroidHz()));
        }
        centroidLog /= Math.max(1, roles.size());
        float[][] rows = new float[roles.size()][SIZE];
        for (int i = 0; i < roles.size(); i++) {
            float[] row = rows[i];
            StemAnalysis a = analyses.get(i);
            row[roles.get(i).ordinal()] = 1;
            System.arraycopy(counts, 0, row, ROLES, ROLES);
            int k = 2 * ROLES;
            row[k++] = (float) hats;
            row[k++] = (float) kick;
            row[k++] = (float) centroidLog;
            row[k++] = (float) Math.log10(Math.max(20, a.spectralCentroidHz()));
            row[k++] = (float) a.spectralFlatness();
            row[k++] = (float) a.transientsPerSecond();
            row[k++] = (float) a.activity();
            row[k++] = (float) a.lowFrequencyShare();
            row[k] = (float) a.stereoWidth();
        }
        return rows;
    }
}
