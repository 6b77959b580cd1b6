package org.neuromix.engine.train;

import java.util.EnumMap;
import java.util.Map;

import org.neuromix.engine.analysis.Role;

/**
 * The "good mix" conventions the synthetic references are built from, per role: loudness in the
 * mix relative to the featured part (LU), pan position, high-pass corner, and whether and how hard
 * to compress. Our own choices, informed by common engineering practice as taught in mixing texts
 * (see docs/model-card.md): rhythm-section anchors and the featured part in the centre, kick and
 * bass close to the featured part, cymbals and pads well below it, everything without useful low
 * end high-passed, percussive parts compressed faster than sustained ones.
 */
public final class MixingNorms {
    /**
     * @param relativeLoudnessLu integrated loudness of the stem in the mix, relative to the featured part
     * @param panPosition        −1 left … +1 right (stereo sources: balance)
     * @param highPassHz         0 for none
     * @param compressionRatio   1 for none
     * @param attackMs           compressor attack
     */
    public record Norm(double relativeLoudnessLu, double panPosition, double highPassHz, double compressionRatio,
                       double attackMs) {
    }

    private static final Map<Role, Norm> NORMS = new EnumMap<>(Role.class);

    static {
        NORMS.put(Role.LEAD_VOCAL, new Norm(0, 0, 100, 3, 8));
        NORMS.put(Role.BACKING_VOCAL, new Norm(-7, 0.4, 150, 3, 8));
        NORMS.put(Role.KICK, new Norm(-3, 0, 0, 4, 10));
        NORMS.put(Role.SNARE, new Norm(-4, 0, 80, 4, 5));
        NORMS.put(Role.TOMS, new Norm(-8, -0.3, 60, 3, 5));
        NORMS.put(Role.HI_HAT_CYMBALS, new Norm(-12, 0.3, 300, 1, 5));
        NORMS.put(Role.DRUMS_OVERHEADS, new Norm(-6, 0, 150, 2, 10));
        NORMS.put(Role.PERCUSSION, new Norm(-12, -0.4, 200, 2, 5));
        NORMS.put(Role.BASS, new Norm(-4, 0, 30, 4, 15));
        NORMS.put(Role.ELECTRIC_GUITAR, new Norm(-6, -0.5, 90, 3, 15));
        NORMS.put(Role.ACOUSTIC_GUITAR, new Norm(-7, 0.4, 100, 3, 10));
        NORMS.put(Role.PIANO_KEYS, new Norm(-7, -0.3, 60, 2, 20));
        NORMS.put(Role.ORGAN, new Norm(-9, 0.3, 60, 2, 20));
        NORMS.put(Role.SYNTH_LEAD, new Norm(0, 0, 120, 3, 10));
        NORMS.put(Role.SYNTH_PAD, new Norm(-10, 0, 100, 1, 20));
        NORMS.put(Role.STRINGS, new Norm(-10, 0, 80, 1, 30));
        NORMS.put(Role.BRASS, new Norm(-2, 0.2, 120, 3, 10));
        NORMS.put(Role.WOODWIND, new Norm(-2, -0.2, 120, 3, 10));
        NORMS.put(Role.MALLETS, new Norm(-9, 0.4, 150, 1, 10));
        NORMS.put(Role.FX_OTHER, new Norm(-14, 0, 100, 1, 10));
    }

    private MixingNorms() {
    }

    public static Norm of(Role role) {
        return NORMS.get(role);
    }
}
