package org.neuromix.engine.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlan.EqBand;
import org.neuromix.engine.plan.MixPlan.TrackPlan;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.plan.MixPlanValidator;

/**
 * Renders a revised plan without the original stems. The first render keeps each track after its
 * gate and EQ (the "revision source", see {@link Renderer#render(MixPlan, java.nio.file.Path,
 * java.nio.file.Path, java.nio.file.Path, java.nio.file.Path)}); the stems themselves are deleted
 * when processing completes. Everything after that point — compressor, de-esser, fader, polarity,
 * pan, width, sends, buses, master chain and target — is rendered exactly as the revision says.
 *
 * <p>EQ is linear and time-invariant, so bands commute: a revision may add any band, and may
 * change or remove the first plan's peaking and shelving bands, rendered as the RBJ band with the
 * opposite gain (an exact inverse, because the cookbook's alpha does not depend on the gain) and
 * then the new band. What cannot be undone without the stems is refused with the field's name: the
 * gate, removing a high-pass, low-pass, notch or band-pass, a different track list, and unmuting a
 * track whose audio was not kept because it was muted.
 */
public final class RevisionPlans {
    private RevisionPlans() {
    }

    /** The revision source file of track {@code index}. */
    public static String sourceName(int trackIndex) {
        return String.format(Locale.ROOT, "track-%03d.wav", trackIndex);
    }

    /**
     * The plan to render over the revision sources of {@code base} so that the result is
     * {@code revision}'s mix.
     *
     * @throws MixPlanException when {@code revision} is invalid or changes what the sources fixed
     */
    public static MixPlan renderable(MixPlan base, MixPlan revision) throws MixPlanException {
        MixPlanValidator.validate(revision);
        if (revision.tracks().size() != base.tracks().size()) {
            throw new MixPlanException("tracks", "a revision keeps the session's " + base.tracks().size()
                    + " tracks (it has " + revision.tracks().size() + "); the stems are deleted after processing");
        }
        List<TrackPlan> tracks = new ArrayList<>();
        for (int i = 0; i < base.tracks().size(); i++) {
            TrackPlan before = base.tracks().get(i);
            TrackPlan after = revision.tracks().get(i);
            String path = "tracks[" + i + "]";
            if (!before.id().equals(after.id()) || !before.stem().equals(after.stem())) {
                throw new MixPlanException(path + ".id", "a revision keeps each track's id and stem ('" + before.id()
                        + "', '" + before.stem() + "')");
            }
            if (!sameGate(before.gate(), after.gate())) {
                throw new MixPlanException(path + ".gate", "the gate runs before the EQ on the deleted stems,"
                        + " so a revision cannot change it");
            }
            if (before.muted() && !after.muted()) {
                throw new MixPlanException(path + ".muted", "this track was muted in the first render, so its"
                        + " processed audio was not kept; it cannot be unmuted in a revision");
            }
            tracks.add(new TrackPlan(after.id(), sourceName(i), after.role(), after.muted(), after.gain(), after.pan(),
                    eqDifference(before.eq(), after.eq(), path), null, after.compressor(), after.deEsser(),
                    after.sends()));
        }
        return new MixPlan(revision.version(), revision.target(), tracks, revision.buses(), revision.master());
    }

    /** Bands that turn {@code before}'s EQ into {@code after}'s when run after it. */
    static List<EqBand> eqDifference(List<EqBand> before, List<EqBand> after, String path) throws MixPlanException {
        List<EqBand> unmatched = new ArrayList<>(after);
        List<EqBand> difference = new ArrayList<>();
        for (int b = 0; b < before.size(); b++) {
            EqBand band = before.get(b);
            int match = indexOfSame(unmatched, band);
            if (match >= 0) {
                unmatched.remove(match);
                continue;
            }
            if (!invertible(band.type())) {
                throw new MixPlanException(path + ".eq", "the first render's " + band.type() + " at "
                        + Math.round(band.frequencyHz()) + " Hz cannot be removed or changed in a revision (only peaking"
                        + " and shelving bands can be undone without the deleted stems); add bands instead");
            }
            difference.add(new EqBand(band.type(), band.frequencyHz(), band.q(), -band.gainDb(), band.slopeDbPerOctave(),
                    "undoes the first render's band"));
        }
        difference.addAll(unmatched);
        if (difference.size() > MixPlanValidator.MAX_EQ_BANDS) {
            throw new MixPlanException(path + ".eq", "too many EQ changes in one revision (" + difference.size()
                    + " bands to render, at most " + MixPlanValidator.MAX_EQ_BANDS + ")");
        }
        return difference;
    }

    private static boolean invertible(String type) {
        return type.equals("peaking") || type.equals("lowShelf") || type.equals("highShelf");
    }

    private static int indexOfSame(List<EqBand> bands, EqBand band) {
        for (int i = 0; i < bands.size(); i++) {
            EqBand other = bands.get(i);
            if (other.type().equals(band.type()) && other.frequencyHz() == band.frequencyHz() && other.q() == band.q()
                    && other.gainDb() == band.gainDb() && other.slopeDbPerOctave() == band.slopeDbPerOctave()) {
                return i;
            }
        }
        return -1;
    }

    private static boolean sameGate(MixPlan.GateMove a, MixPlan.GateMove b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.thresholdDb() == b.thresholdDb() && a.ratio() == b.ratio() && a.rangeDb() == b.rangeDb()
                && a.attackMs() == b.attackMs() && a.holdMs() == b.holdMs() && a.releaseMs() == b.releaseMs();
    }
}
