package org.neuromix.engine.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.Random;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlan.CompressorMove;
import org.neuromix.engine.plan.MixPlan.EqBand;
import org.neuromix.engine.plan.MixPlan.GainMove;
import org.neuromix.engine.plan.MixPlan.PanMove;
import org.neuromix.engine.plan.MixPlan.Target;
import org.neuromix.engine.plan.MixPlan.TrackPlan;
import org.neuromix.engine.plan.MixPlans;
import org.neuromix.engine.planner.StemTargets;

/**
 * The two plans of a training session: the reference ("good mix" from {@link MixingNorms#targets},
 * with gains solved from each stem's measured loudness so it lands at its role's level) and a degraded
 * version (per-stem gain errors up to ±12 dB, spectral tilts up to ±4 dB, pan errors up to ±0.5,
 * seeded) whose mistakes the AI must learn to repair.
 */
public final class ReferenceMixes {
    /** Loudness of the featured part in the mix before master normalisation (LUFS). */
    public static final double FEATURED_LUFS = -20.0;

    private ReferenceMixes() {
    }

    /**
     * The reference plan for stems with known roles under the pop conventions.
     *
     * @param stemNames file names, in the order of {@code roles} and {@code analyses}
     */
    public static MixPlan reference(List<String> stemNames, List<Role> roles, List<StemAnalysis> analyses, Target target) {
        return reference(stemNames, roles, analyses, target, "pop");
    }

    /** The reference plan under the conventions of {@code style} ({@link MixingNorms#targets}). */
    public static MixPlan reference(List<String> stemNames, List<Role> roles, List<StemAnalysis> analyses, Target target,
                                    String style) {
        return plan(stemNames, roles, analyses, MixingNorms.targets(roles, analyses, style), target, Basis.conventions(style));
    }

    /** Where a plan's targets came from, as reasons say it. */
    public record Basis(boolean model, String style, Set<Role> untrained, Set<Role> balanceUntrained) {
        public Basis {
            untrained = Set.copyOf(untrained);
            balanceUntrained = Set.copyOf(balanceUntrained);
        }

        public static Basis conventions(String style) {
            return new Basis(false, style, Set.of(), Set.of());
        }

        /**
         * Targets from the models, except for {@code untrained} roles (ones the training generator
         * never makes), whose targets follow the pop conventions.
         */
        public static Basis models(Set<Role> untrained) {
            return new Basis(true, "pop", untrained, untrained);
        }

        /**
         * Targets from the models; {@code untrained} roles take pan, EQ and dynamics from the pop
         * conventions, {@code balanceUntrained} roles (none in the balance model's data) their level.
         */
        public static Basis models(Set<Role> untrained, Set<Role> balanceUntrained) {
            return new Basis(true, "pop", untrained, balanceUntrained);
        }

        /** Whether this role's targets came from a model. */
        public boolean modelled(Role role) {
            return model && !untrained.contains(role);
        }

        /** Whether this role's level came from the balance model. */
        public boolean balanceModelled(Role role) {
            return model && !balanceUntrained.contains(role);
        }

        /** "the pan model's prediction for this electric guitar" or "the rock conventions for an electric guitar". */
        public String says(String what, Role role) {
            if (modelled(role)) {
                return String.format(Locale.ROOT, "the %s model's prediction for this %s in this arrangement", what,
                        role.words());
            }
            return String.format(Locale.ROOT, "the %s conventions for %s", style, role.withArticle())
                    + (model ? " (no model was trained on this role)" : "");
        }
    }

    /**
     * A plan that puts every stem at its targets: the fader from the stem's measured loudness, the
     * pan, the EQ moves (high-pass, low shelf, low-mid bell, high shelf) and the compressor (attack
     * from {@link MixingNorms}, release ten times the attack, 6 dB knee). Silent stems get neither EQ
     * nor compression. Every move's reason names the stem, the quantity and where it came from.
     */
    public static MixPlan plan(List<String> stemNames, List<Role> roles, List<StemAnalysis> analyses,
                               List<StemTargets> targets, Target target, Basis basis) {
        if (stemNames.size() != roles.size() || roles.size() != analyses.size() || analyses.size() != targets.size()) {
            throw new IllegalArgumentException("names, roles, analyses and targets must be as many as the stems");
        }
        List<TrackPlan> tracks = new ArrayList<>();
        for (int i = 0; i < stemNames.size(); i++) {
            Role role = roles.get(i);
            StemTargets t = targets.get(i);
            StemAnalysis analysis = analyses.get(i);
            String name = stemNames.get(i);
            double measured = analysis.isSilent() ? FEATURED_LUFS : analysis.loudness().integratedLufs();
            // A silent stem has no level to set: its fader stays at 0 dB (as the planner's notes say).
            double gainDb = analysis.isSilent() ? 0 : clamp(FEATURED_LUFS + t.relativeLoudnessLu() - measured, -40, 24);
            List<EqBand> eq = new ArrayList<>();
            CompressorMove compressor = null;
            if (!analysis.isSilent()) {
                if (t.highPassHz() > 0) {
                    eq.add(new EqBand("highPass", t.highPassHz(), 0.7071, 0, 12, String.format(Locale.ROOT,
                            "%s high-passed at %.0f Hz, just below its useful low end (%s)", name, t.highPassHz(),
                            basis.says("high-pass", role))));
                }
                if (t.lowShelfGainDb() != 0) {
                    eq.add(new EqBand("lowShelf", StemTargets.LOW_SHELF_HZ, 0.7071, t.lowShelfGainDb(), 12,
                            String.format(Locale.ROOT, "%s %s %.1f dB with a low shelf at %.0f Hz to set its weight against"
                                    + " the low-mids (%s)", name, t.lowShelfGainDb() > 0 ? "lifted" : "cut",
                                    Math.abs(t.lowShelfGainDb()), StemTargets.LOW_SHELF_HZ, basis.says("low-shelf", role))));
                }
                if (t.lowMidGainDb() != 0) {
                    eq.add(new EqBand("peaking", StemTargets.LOW_MID_HZ, StemTargets.LOW_MID_Q, t.lowMidGainDb(), 12,
                            String.format(Locale.ROOT, "%s %s %.1f dB at %.0f Hz against low-mid build-up (%s)", name,
                                    t.lowMidGainDb() < 0 ? "cut" : "lifted", Math.abs(t.lowMidGainDb()),
                                    StemTargets.LOW_MID_HZ, basis.says("low-mid", role))));
                }
                if (t.highShelfGainDb() != 0) {
                    eq.add(new EqBand("highShelf", StemTargets.HIGH_SHELF_HZ, 0.7071, t.highShelfGainDb(), 12,
                            String.format(Locale.ROOT, "%s %s %.1f dB with a high shelf at %.0f kHz for air (%s)", name,
                                    t.highShelfGainDb() > 0 ? "lifted" : "cut", Math.abs(t.highShelfGainDb()),
                                    StemTargets.HIGH_SHELF_HZ / 1000, basis.says("high-shelf", role))));
                }
                if (t.compressorRatio() > 1) {
                    double attackMs = MixingNorms.of(role).attackMs();
                    double thresholdDb = clamp(measured + t.compressorThresholdLu(), -60, -1);
                    compressor = new CompressorMove(round(thresholdDb), t.compressorRatio(), attackMs, attackMs * 10, 6, 0,
                            "rms", 0, String.format(Locale.ROOT, "%s compressed %.1f:1 from %.1f dB (%+.1f LU from its"
                                    + " loudness), %.0f ms attack (%s)", name, t.compressorRatio(), round(thresholdDb),
                                    t.compressorThresholdLu(), attackMs, basis.says("compressor", role)));
                }
            }
            tracks.add(new TrackPlan(MixPlans.neutralTemplate(List.of(name)).tracks().get(0).id() + "-" + i, name,
                    role.planName(), false,
                    new GainMove(round(gainDb), false, analysis.isSilent()
                            ? name + " is silent (nothing above the −70 LUFS gate): left at 0 dB, with no EQ or compression"
                            : String.format(Locale.ROOT, "%s at %+.1f dB so it sits %+.1f LU from the featured part (%s)", name,
                                    gainDb, t.relativeLoudnessLu(), basis.says("balance", role))),
                    new PanMove(t.panPosition(), 1, String.format(Locale.ROOT, "%s panned %s (%s)", name,
                            describePan(t.panPosition()), basis.says("pan", role))),
                    eq, null, compressor, null, List.of()));
        }
        return new MixPlan(MixPlan.CURRENT_VERSION, target, tracks, List.of(), MixPlans.neutralMaster());
    }

    /** The same plan with seeded mistakes: gain ±12 dB, a tilt of up to ±4 dB, pan off by up to ±0.5. */
    public static MixPlan degrade(MixPlan reference, long seed) {
        Random random = new Random(seed);
        List<TrackPlan> tracks = new ArrayList<>();
        for (TrackPlan track : reference.tracks()) {
            double gainError = round(random.nextDouble() * 24 - 12);
            double tilt = round(random.nextDouble() * 8 - 4);
            double panError = Math.round((random.nextDouble() - 0.5) * 100) / 100.0;
            List<EqBand> eq = new ArrayList<>(track.eq());
            eq.add(new EqBand("lowShelf", 250, 0.7071, tilt, 12, "degradation: tilt"));
            eq.add(new EqBand("highShelf", 4000, 0.7071, -tilt, 12, "degradation: tilt"));
            tracks.add(new TrackPlan(track.id(), track.stem(), track.role(), false,
                    new GainMove(clamp(track.gain().gainDb() + gainError, -120, 24), false, "degradation: gain error " + gainError),
                    new PanMove(clamp(track.pan().position() + panError, -1, 1), 1, "degradation: pan error " + panError),
                    eq, track.gate(), track.compressor(), track.deEsser(), track.sends()));
        }
        return new MixPlan(reference.version(), reference.target(), tracks, reference.buses(), reference.master());
    }

    /** "to the centre", "30 % left", ... */
    public static String describePan(double position) {
        if (Math.abs(position) < 0.05) {
            return "to the centre";
        }
        return String.format(Locale.ROOT, "%.0f %% %s", Math.abs(position) * 100, position < 0 ? "left" : "right");
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
