package org.neuromix.engine.plan;

import java.util.ArrayList;
import java.util.List;

import org.neuromix.engine.plan.MixPlan.GainMove;
import org.neuromix.engine.plan.MixPlan.LimiterMove;
import org.neuromix.engine.plan.MixPlan.MasterPlan;
import org.neuromix.engine.plan.MixPlan.PanMove;
import org.neuromix.engine.plan.MixPlan.Target;
import org.neuromix.engine.plan.MixPlan.TrackPlan;

/** Ready-made plans. */
public final class MixPlans {
    public static final double DEFAULT_LOUDNESS_LUFS = -14.0;
    public static final double DEFAULT_TRUE_PEAK_DBTP = -1.0;

    private MixPlans() {
    }

    /** The master with no EQ or compressor and the default limiter. */
    public static MasterPlan neutralMaster() {
        return new MasterPlan(List.of(), null, new LimiterMove(60, 1.5,
                "true-peak limiter: keeps the mix under the ceiling after loudness normalisation"), "");
    }

    /**
     * A neutral plan for the given stem file names: every stem at unity gain, centred, no
     * processing, no buses; loudness normalised to −14 LUFS with a −1 dBTP ceiling. A starting
     * point to edit by hand.
     */
    public static MixPlan neutralTemplate(List<String> stemFileNames) {
        List<TrackPlan> tracks = new ArrayList<>();
        List<String> usedIds = new ArrayList<>();
        for (String stem : stemFileNames) {
            String id = uniqueId(trackId(stem), usedIds);
            usedIds.add(id);
            tracks.add(new TrackPlan(id, stem, "other", false,
                    new GainMove(0, false, "neutral template: unity gain"),
                    new PanMove(0, 1, "neutral template: centred"),
                    List.of(), null, null, null, List.of()));
        }
        return new MixPlan(MixPlan.CURRENT_VERSION,
                new Target(DEFAULT_LOUDNESS_LUFS, DEFAULT_TRUE_PEAK_DBTP, 48_000, 24,
                        "streaming default: -14 LUFS integrated, -1 dBTP"),
                tracks, List.of(), neutralMaster());
    }

    /** "Bass DI.flac" → "bass-di". */
    static String trackId(String stemFileName) {
        String base = stemFileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        String id = base.toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("(^-|-$)", "");
        return id.isEmpty() ? "track" : id;
    }

    private static String uniqueId(String id, List<String> used) {
        String candidate = id;
        for (int n = 2; used.contains(candidate); n++) {
            candidate = id + "-" + n;
        }
        return candidate;
    }
}
