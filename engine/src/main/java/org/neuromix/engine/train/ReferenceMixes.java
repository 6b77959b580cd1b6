package org.neuromix.engine.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

/**
 * The two plans of a training session: the reference ("good mix" from {@link MixingNorms}, with
 * gains solved from each stem's measured loudness so it lands at its role's level) and a degraded
 * version (per-stem gain errors up to ±12 dB, spectral tilts up to ±4 dB, pan errors up to ±0.5,
 * seeded) whose mistakes the AI must learn to repair.
 */
public final class ReferenceMixes {
    /** Loudness of the featured part in the mix before master normalisation (LUFS). */
    public static final double FEATURED_LUFS = -20.0;

    private ReferenceMixes() {
    }

    /**
     * The reference plan for stems with known roles.
     *
     * @param stemNames file names, in the order of {@code roles} and {@code analyses}
     */
    public static MixPlan reference(List<String> stemNames, List<Role> roles, List<StemAnalysis> analyses, Target target) {
        List<TrackPlan> tracks = new ArrayList<>();
        for (int i = 0; i < stemNames.size(); i++) {
            Role role = roles.get(i);
            MixingNorms.Norm norm = MixingNorms.of(role);
            StemAnalysis analysis = analyses.get(i);
            String name = stemNames.get(i);
            double measured = analysis.isSilent() ? FEATURED_LUFS : analysis.loudness().integratedLufs();
            double gainDb = clamp(FEATURED_LUFS + norm.relativeLoudnessLu() - measured, -40, 24);
            List<EqBand> eq = new ArrayList<>();
            if (norm.highPassHz() > 0) {
                eq.add(new EqBand("highPass", norm.highPassHz(), 0.7071, 0, 12, String.format(Locale.ROOT,
                        "%s high-passed at %.0f Hz: a %s has no useful content below", name, norm.highPassHz(),
                        role.planName())));
            }
            CompressorMove compressor = norm.compressionRatio() > 1
                    ? new CompressorMove(clamp(measured + 6 - 12, -60, -6), norm.compressionRatio(), norm.attackMs(),
                            norm.attackMs() * 10, 6, 0, "rms", 0, String.format(Locale.ROOT,
                            "%s compressed %.0f:1 with a %.0f ms attack, as is usual for a %s", name,
                            norm.compressionRatio(), norm.attackMs(), role.planName()))
                    : null;
            double pan = analysis.channels() == 2 && role != Role.SYNTH_PAD && role != Role.STRINGS ? norm.panPosition() * 0.5
                    : norm.panPosition();
            tracks.add(new TrackPlan(MixPlans.neutralTemplate(List.of(name)).tracks().get(0).id() + "-" + i, name,
                    role.planName(), false,
                    new GainMove(round(gainDb), false, String.format(Locale.ROOT,
                            "%s at %+.1f dB so it sits %.0f LU from the featured part", name, gainDb,
                            norm.relativeLoudnessLu())),
                    new PanMove(pan, 1, String.format(Locale.ROOT, "%s panned %s", name, describePan(pan))),
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
