package org.neuromix.engine.plan;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.neuromix.engine.dsp.Compressor;
import org.neuromix.engine.dsp.DeEsser;
import org.neuromix.engine.dsp.FdnReverb;
import org.neuromix.engine.dsp.FilterType;
import org.neuromix.engine.dsp.NoiseGate;
import org.neuromix.engine.dsp.TruePeakLimiter;
import org.neuromix.engine.plan.MixPlan.BusPlan;
import org.neuromix.engine.plan.MixPlan.EqBand;
import org.neuromix.engine.plan.MixPlan.Send;
import org.neuromix.engine.plan.MixPlan.TrackPlan;

/**
 * Checks every value of a plan against the ranges the processors accept, and the references
 * between its parts, reporting the first problem with its JSON path. The processors' own setting
 * records do the range checks, so plan and engine cannot disagree.
 */
public final class MixPlanValidator {
    public static final int MAX_EQ_BANDS = 16;

    private MixPlanValidator() {
    }

    public static void validate(MixPlan plan) throws MixPlanException {
        if (plan.version() != MixPlan.CURRENT_VERSION) {
            throw new MixPlanException("version", "unsupported plan version " + plan.version());
        }
        MixPlan.Target target = plan.target();
        range("target.loudnessLufs", target.loudnessLufs(), -60, 0);
        range("target.truePeakDbtp", target.truePeakDbtp(), -20, 0);
        if (target.sampleRateHz() < 8_000 || target.sampleRateHz() > 192_000) {
            throw new MixPlanException("target.sampleRateHz", "must be in [8000, 192000], was " + target.sampleRateHz());
        }
        if (target.bitDepth() != 16 && target.bitDepth() != 24 && target.bitDepth() != 32) {
            throw new MixPlanException("target.bitDepth", "must be 16, 24 or 32 (float), was " + target.bitDepth());
        }
        if (plan.tracks().isEmpty()) {
            throw new MixPlanException("tracks", "at least one track is needed");
        }
        Set<String> busIds = new HashSet<>();
        for (int i = 0; i < plan.buses().size(); i++) {
            BusPlan bus = plan.buses().get(i);
            String path = "buses[" + i + "]";
            name(path + ".id", bus.id());
            if (!busIds.add(bus.id())) {
                throw new MixPlanException(path + ".id", "'" + bus.id() + "' is used by another bus");
            }
            settings(path + ".reverb", () -> new FdnReverb.Settings(bus.reverb().preDelayMs(), bus.reverb().decaySeconds(),
                    bus.reverb().damping(), bus.reverb().width()));
            range(path + ".returnGainDb", bus.returnGainDb(), -60, 12);
        }
        Map<String, String> trackIds = new HashMap<>();
        Map<String, String> stems = new HashMap<>();
        for (int i = 0; i < plan.tracks().size(); i++) {
            TrackPlan track = plan.tracks().get(i);
            String path = "tracks[" + i + "]";
            name(path + ".id", track.id());
            String previous = trackIds.put(track.id(), path);
            if (previous != null) {
                throw new MixPlanException(path + ".id", "'" + track.id() + "' is already the id of " + previous);
            }
            String stemKey = stem(path + ".stem", track.stem());
            previous = stems.put(stemKey, path);
            if (previous != null) {
                throw new MixPlanException(path + ".stem", "'" + track.stem() + "' is already used by " + previous);
            }
            name(path + ".role", track.role());
            range(path + ".gain.gainDb", track.gain().gainDb(), -120, 24);
            range(path + ".pan.position", track.pan().position(), -1, 1);
            range(path + ".pan.width", track.pan().width(), 0, 2);
            eq(path + ".eq", track.eq(), target.sampleRateHz());
            if (track.gate() != null) {
                MixPlan.GateMove g = track.gate();
                settings(path + ".gate", () -> new NoiseGate.Settings(g.thresholdDb(), g.ratio(), g.rangeDb(), g.attackMs(),
                        g.holdMs(), g.releaseMs()));
            }
            if (track.compressor() != null) {
                compressor(path + ".compressor", track.compressor());
            }
            if (track.deEsser() != null) {
                MixPlan.DeEsserMove d = track.deEsser();
                settings(path + ".deEsser", () -> new DeEsser.Settings(d.frequencyHz(), d.thresholdDb(), d.ratio(), d.rangeDb()));
                range(path + ".deEsser.frequencyHz", d.frequencyHz(), 2000, Math.min(16_000, target.sampleRateHz() * 0.45));
            }
            for (int s = 0; s < track.sends().size(); s++) {
                Send send = track.sends().get(s);
                String sendPath = path + ".sends[" + s + "]";
                if (!busIds.contains(send.bus())) {
                    throw new MixPlanException(sendPath + ".bus", "no bus '" + send.bus() + "' (buses: " + busIds + ")");
                }
                range(sendPath + ".levelDb", send.levelDb(), -60, 12);
            }
        }
        eq("master.eq", plan.master().eq(), target.sampleRateHz());
        if (plan.master().compressor() != null) {
            compressor("master.compressor", plan.master().compressor());
        }
        MixPlan.LimiterMove limiter = plan.master().limiter();
        if (limiter == null) {
            throw new MixPlanException("master.limiter", "required");
        }
        settings("master.limiter", () -> new TruePeakLimiter.Settings(target.truePeakDbtp(), limiter.releaseMs(),
                limiter.lookaheadMs()));
    }

    /** The processor settings a compressor move stands for. */
    public static Compressor.Settings compressorSettings(MixPlan.CompressorMove c) {
        return new Compressor.Settings(c.thresholdDb(), c.ratio(), c.attackMs(), c.releaseMs(), c.kneeDb(),
                c.makeupGainDb(), EqTypes.detection(c.detection()), c.sidechainHighPassHz(), true);
    }

    private static void compressor(String path, MixPlan.CompressorMove move) throws MixPlanException {
        if (!"peak".equals(move.detection()) && !"rms".equals(move.detection())) {
            throw new MixPlanException(path + ".detection", "must be \"peak\" or \"rms\", was \"" + move.detection() + "\"");
        }
        settings(path, () -> compressorSettings(move));
    }

    private static void eq(String path, List<EqBand> bands, int sampleRateHz) throws MixPlanException {
        if (bands.size() > MAX_EQ_BANDS) {
            throw new MixPlanException(path, "at most " + MAX_EQ_BANDS + " bands, was " + bands.size());
        }
        for (int i = 0; i < bands.size(); i++) {
            EqBand band = bands.get(i);
            String bandPath = path + "[" + i + "]";
            FilterType type = EqTypes.filterType(band.type());
            if (type == null) {
                throw new MixPlanException(bandPath + ".type", "must be one of " + EqTypes.NAMES + ", was \"" + band.type() + "\"");
            }
            range(bandPath + ".frequencyHz", band.frequencyHz(), 10, Math.min(24_000, sampleRateHz * 0.49));
            range(bandPath + ".q", band.q(), 0.05, 20);
            range(bandPath + ".gainDb", band.gainDb(), -24, 24);
            if (band.slopeDbPerOctave() != 12 && band.slopeDbPerOctave() != 24) {
                throw new MixPlanException(bandPath + ".slopeDbPerOctave", "must be 12 or 24, was " + band.slopeDbPerOctave());
            }
            if (band.slopeDbPerOctave() == 24 && type != FilterType.HIGH_PASS && type != FilterType.LOW_PASS) {
                throw new MixPlanException(bandPath + ".slopeDbPerOctave", "24 dB/octave is for highPass and lowPass only");
            }
        }
    }

    private static void range(String path, double value, double min, double max) throws MixPlanException {
        if (!(value >= min && value <= max)) {
            throw new MixPlanException(path, "must be in [" + trim(min) + ", " + trim(max) + "], was " + trim(value));
        }
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static void name(String path, String value) throws MixPlanException {
        if (value == null || value.isBlank() || value.length() > 200) {
            throw new MixPlanException(path, "must be a non-empty name of at most 200 characters");
        }
    }

    /** A stem is a file inside the stems folder: relative, and never climbing out of it. */
    private static String stem(String path, String value) throws MixPlanException {
        name(path, value);
        Path stem;
        try {
            stem = Path.of(value).normalize();
        } catch (RuntimeException e) {
            throw new MixPlanException(path, "not a valid file name: \"" + value + "\"");
        }
        if (stem.isAbsolute() || stem.startsWith("..") || value.contains("\0")) {
            throw new MixPlanException(path, "must be a file inside the stems folder, was \"" + value + "\"");
        }
        return stem.toString(); // "./a.wav" and "a.wav" are the same stem
    }

    private interface SettingsCheck {
        Object build();
    }

    private static void settings(String path, SettingsCheck check) throws MixPlanException {
        try {
            check.build();
        } catch (IllegalArgumentException e) {
            // "ratio must be in [1, 100], was 0.5" → "tracks[0].compressor.ratio: must be in ..."
            String message = e.getMessage();
            int space = message.indexOf(' ');
            if (space > 0 && message.startsWith("must", space + 1)) {
                throw new MixPlanException(path + "." + message.substring(0, space), message.substring(space + 1));
            }
            throw new MixPlanException(path, message);
        }
    }
}
