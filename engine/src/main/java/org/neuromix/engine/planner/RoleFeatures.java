package org.neuromix.engine.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.neuromix.engine.analysis.Bands;
import org.neuromix.engine.analysis.StemAnalysis;

/**
 * What the audio role classifier sees of a stem: the sound only, never its name or level — the 28
 * one-third-octave band energies relative to the stem's total, spectral centroid, roll-off and
 * flatness, onsets per second, activity, crest factor, loudness range, low-frequency share and the
 * stereo image. The names are stored in the model file; a model trained on other features does not
 * load.
 */
public final class RoleFeatures {
    public static final List<String> NAMES = names();
    public static final int SIZE = NAMES.size();

    private RoleFeatures() {
    }

    private static List<String> names() {
        List<String> names = new ArrayList<>();
        for (double centre : Bands.CENTRES_HZ) {
            names.add(String.format(Locale.ROOT, "band_%.0f_hz_db", centre));
        }
        names.addAll(List.of("log_centroid", "log_rolloff", "flatness", "onsets_per_s", "activity", "crest_db",
                "loudness_range_lu", "low_share", "stereo_width", "stereo_correlation"));
        return List.copyOf(names);
    }

    public static float[] of(StemAnalysis a) {
        float[] row = new float[SIZE];
        int k = 0;
        for (double band : a.bandEnergiesDb()) {
            row[k++] = (float) band;
        }
        row[k++] = (float) Math.log10(Math.max(20, a.spectralCentroidHz()));
        row[k++] = (float) Math.log10(Math.max(20, a.spectralRolloffHz()));
        row[k++] = (float) a.spectralFlatness();
        row[k++] = (float) a.transientsPerSecond();
        row[k++] = (float) a.activity();
        row[k++] = (float) MixFeatures.finiteOr(a.crestFactorDb(), 0);
        row[k++] = (float) MixFeatures.finiteOr(a.loudness().loudnessRangeLu(), 0);
        row[k++] = (float) a.lowFrequencyShare();
        row[k++] = (float) a.stereoWidth();
        row[k] = (float) MixFeatures.finiteOr(a.stereoCorrelation(), 1);
        return row;
    }
}
