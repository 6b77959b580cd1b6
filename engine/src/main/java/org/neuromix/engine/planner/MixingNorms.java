package org.neuromix.engine.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neuromix.engine.analysis.Bands;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.planner.PlannerOptions;
import org.neuromix.engine.planner.StemTargets;

/**
 * The "good mix" conventions the synthetic references are built from, per role: loudness in the
 * mix relative to the featured part (LU), pan position, high-pass corner, and whether and how hard
 * to compress. Our own choices, informed by common engineering practice as taught in mixing texts
 * (see docs/model-card.md): rhythm-section anchors and the featured part in the centre, kick and
 * bass close to the featured part, cymbals and pads well below it, everything without useful low
 * end high-passed, percussive parts compressed faster than sustained ones.
 *
 * <p>{@link #targets} turns the table into one stem's full targets in its session, the way an
 * engineer adapts habits to the material: the balance shifted for the style; pans scaled for the
 * style, mirrored so supporting parts balance the stereo field and halved for sources that are
 * already stereo; the high-pass just below where the stem's useful content starts; corrective EQ
 * where the stem's own spectrum asks for it (too little or too much low end on kick and bass,
 * low-mid build-up, too little air on melodic parts); compression set by the style and by how
 * peaky the stem is. These are the "good mix" labels the models learn.
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

    /** Roles whose low end is their job: the low shelf is theirs, the low-mid cut is not. */
    private static final Set<Role> LOW_END = EnumSet.of(Role.KICK, Role.BASS);
    /** Roles that are given air when their top octave is dull. */
    private static final Set<Role> AIRY = EnumSet.of(Role.LEAD_VOCAL, Role.BACKING_VOCAL, Role.ACOUSTIC_GUITAR,
            Role.PIANO_KEYS, Role.STRINGS, Role.SYNTH_LEAD, Role.BRASS, Role.WOODWIND, Role.MALLETS);
    /** Roles that stay full width even when stereo (a pad or a section is meant to surround). */
    private static final Set<Role> WIDE_SOURCES = EnumSet.of(Role.SYNTH_PAD, Role.STRINGS);

    /** How far a style spreads the pans (rock: wide guitars; hip-hop: a narrower, centred image). */
    public static double panWidth(String style) {
        return switch (style) {
            case "rock" -> 1.3;
            case "electronic" -> 1.1;
            case "hiphop" -> 0.8;
            case "acoustic" -> 0.9;
            default -> 1.0;
        };
    }

    /** How hard a style compresses: ratio scale and depth (LU of the threshold under the average level). */
    public static double compressionScale(String style) {
        return switch (style) {
            case "hiphop", "electronic" -> 1.3;
            case "rock" -> 1.15;
            case "acoustic" -> 0.7;
            case "orchestral" -> 0.5;
            default -> 1.0;
        };
    }

    public static double compressionDepthLu(String style) {
        return switch (style) {
            case "hiphop", "electronic" -> 8;
            case "rock" -> 7;
            case "acoustic" -> 4;
            case "orchestral" -> 3;
            default -> 6;
        };
    }

    /**
     * Every stem's targets in its session under the conventions of {@code style} (pop, rock,
     * hiphop, electronic, acoustic, orchestral).
     *
     * @param roles    the stems' roles, in stem order
     * @param analyses the stems' analyses, same order
     */
    public static List<StemTargets> targets(List<Role> roles, List<StemAnalysis> analyses, String style) {
        if (roles.size() != analyses.size()) {
            throw new IllegalArgumentException("one role per analysis: " + roles.size() + " roles, " + analyses.size()
                    + " analyses");
        }
        double[] pans = pans(roles, analyses, style);
        List<StemTargets> targets = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            Role role = roles.get(i);
            Norm norm = of(role);
            StemAnalysis a = analyses.get(i);
            double[] bands = a.bandEnergiesDb();
            double relative = norm.relativeLoudnessLu() + PlannerOptions.styleOffsetLu(style, role);
            double highPass = norm.highPassHz() > 0 && !a.isSilent() ? highPassHz(bands, norm.highPassHz()) : 0;
            double lowShelf = 0, lowMid = 0, highShelf = 0;
            if (!a.isSilent()) {
                if (LOW_END.contains(role)) {
                    // The low end should stand 6 dB over the low-mids; half the difference, at most 3 dB either way.
                    double weight = mean(bands, 40, 100) - mean(bands, 200, 500);
                    lowShelf = round1(clamp(0.5 * (6 - weight), -3, 3));
                } else if (role != Role.TOMS) {
                    // Low-mid build-up more than 6 dB over the presence region: cut half the excess, at most 6 dB.
                    double excess = mean(bands, 200, 500) - mean(bands, 1000, 4000);
                    lowMid = 0.0 - round1(clamp(0.5 * (excess - 6), 0, 6)); // 0.0 - x: no negative zero
                }
                if (AIRY.contains(role)) {
                    // Air more than 12 dB under the presence region: a quarter of the deficit back, at most 4 dB.
                    double deficit = mean(bands, 1000, 4000) - mean(bands, 6300, 12500);
                    highShelf = round1(clamp(0.25 * (deficit - 12), 0, 4));
                }
            }
            double ratio = 1, threshold = 0;
            if (norm.compressionRatio() > 1 && !a.isSilent()) {
                // Peakier stems (higher crest factor) get a little more ratio and a threshold further over the average.
                double dynamics = clamp(0.75 + (a.crestFactorDb() - 12) / 16, 0.6, 1.4);
                ratio = round1(1 + (norm.compressionRatio() - 1) * compressionScale(style) * dynamics);
                threshold = round1(clamp(0.5 * (a.crestFactorDb() - 12) - compressionDepthLu(style), -18, 0));
            }
            targets.add(new StemTargets(relative, pans[i], highPass, lowShelf, lowMid, highShelf, Math.max(1, ratio),
                    ratio > 1 ? threshold : 0));
        }
        return targets;
    }

    /**
     * Pans: the role's position scaled for the style; then, loudest role first, a part that would put
     * the field further off-centre on the side that is already heavier is mirrored; sources that are
     * already stereo (side energy over 5 %) go half as far, except pads and strings.
     */
    private static double[] pans(List<Role> roles, List<StemAnalysis> analyses, String style) {
        double[] pans = new double[roles.size()];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -of(roles.get(i)).relativeLoudnessLu())
                .thenComparingInt(i -> roles.get(i).ordinal()).thenComparingInt(i -> i));
        double field = 0;
        for (int i : order) {
            double pan = clamp(of(roles.get(i)).panPosition() * panWidth(style), -1, 1);
            if (Math.abs(pan) >= 0.1 && Math.abs(field) >= 0.2 && Math.signum(pan) == Math.signum(field)) {
                pan = -pan;
            }
            field += pan;
            if (analyses.get(i).stereoWidth() > 0.05 && !WIDE_SOURCES.contains(roles.get(i))) {
                pan *= 0.5;
            }
            pans[i] = Math.round(pan * 100) / 100.0;
        }
        return pans;
    }

    /**
     * Just below where the stem's useful content starts (the lowest band within 30 dB of its
     * loudest), at 70 % of that band's centre, never above twice the role's usual corner; 5 Hz steps.
     */
    private static double highPassHz(double[] bands, double usualHz) {
        return Math.round(clamp(highPassCeilingHz(bands), 20, 2 * usualHz) / 5) * 5.0;
    }

    /**
     * The highest high-pass that spares the stem's useful content: 70 % of the centre of the lowest
     * band within 30 dB of its loudest.
     */
    static double highPassCeilingHz(double[] bands) {
        double loudest = Double.NEGATIVE_INFINITY;
        for (double band : bands) {
            loudest = Math.max(loudest, band);
        }
        double start = Bands.CENTRES_HZ[0];
        for (int b = 0; b < bands.length; b++) {
            if (bands[b] >= loudest - 30) {
                start = Bands.CENTRES_HZ[b];
                break;
            }
        }
        return 0.7 * start;
    }

    /** Mean band energy (dB relative to the total) of the 1/3-octave bands centred in [lowHz, highHz]. */
    static double mean(double[] bands, double lowHz, double highHz) {
        double sum = 0;
        int count = 0;
        for (int b = 0; b < bands.length; b++) {
            if (Bands.CENTRES_HZ[b] >= lowHz && Bands.CENTRES_HZ[b] <= highHz && Double.isFinite(bands[b])) {
                sum += bands[b];
                count++;
            }
        }
        return count == 0 ? -100 : Math.max(-100, sum / count);
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
