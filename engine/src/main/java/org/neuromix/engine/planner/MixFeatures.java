package org.neuromix.engine.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.neuromix.engine.analysis.Bands;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;

/**
 * The feature vector the planner's models see for one stem in its session: the stem's role
 * (one-hot), the session's instrumentation (how many stems of each role), rhythmic context (the
 * transient density of the hi-hat and kick stems, which tells a straight groove from a busy one),
 * the session's mean spectral centroid, and the stem's own character: spectral shape (centroid,
 * roll-off, flatness, the 28 one-third-octave band energies relative to its total), dynamics
 * (transient density, activity, crest factor, loudness range) and stereo image (width,
 * correlation). Nothing depends on the stem's absolute level, so a gain error changes nothing.
 * The names are stored in every model file; a model trained on other features does not load.
 */
public final class MixFeatures {
    private static final int ROLES = Role.values().length;
    /** Feature names, in vector order. */
    public static final List<String> NAMES = names();
    public static final int SIZE = NAMES.size();

    private MixFeatures() {
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (Role role : Role.values()) {
            names.add("is_" + role.planName());
        }
        for (Role role : Role.values()) {
            names.add("count_" + role.planName());
        }
        names.addAll(List.of("session_hat_onsets_per_s", "session_kick_onsets_per_s", "session_log_centroid",
                "log_centroid", "flatness", "onsets_per_s", "activity", "low_share", "stereo_width"));
        for (double centre : Bands.CENTRES_HZ) {
            names.add(String.format(Locale.ROOT, "band_%.0f_hz_db", centre));
        }
        names.addAll(List.of("crest_db", "loudness_range_lu", "stereo_correlation", "log_rolloff"));
        return List.copyOf(names);
    }

    /** One row per stem, {@link #SIZE} floats each, in stem order. */
    public static float[][] of(List<Role> roles, List<StemAnalysis> analyses) {
        if (roles.size() != analyses.size()) {
            throw new IllegalArgumentException("one role per analysis: " + roles.size() + " roles, " + analyses.size()
                    + " analyses");
        }
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
            row[k++] = (float) a.stereoWidth();
            for (double band : a.bandEnergiesDb()) {
                row[k++] = (float) band;
            }
            row[k++] = (float) finiteOr(a.crestFactorDb(), 0);
            row[k++] = (float) finiteOr(a.loudness().loudnessRangeLu(), 0);
            row[k++] = (float) finiteOr(a.stereoCorrelation(), 1);
            row[k] = (float) Math.log10(Math.max(20, a.spectralRolloffHz()));
        }
        return rows;
    }

    static double finiteOr(double value, double fallback) {
        return Double.isFinite(value) ? value : fallback;
    }
}
