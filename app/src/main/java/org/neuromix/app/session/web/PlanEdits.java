package org.neuromix.app.session.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neuromix.app.system.InvalidInputException;
import org.neuromix.engine.plan.DeliveryTarget;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlan.CompressorMove;
import org.neuromix.engine.plan.MixPlan.EqBand;
import org.neuromix.engine.plan.MixPlan.GainMove;
import org.neuromix.engine.plan.MixPlan.PanMove;
import org.neuromix.engine.plan.MixPlan.Send;
import org.neuromix.engine.plan.MixPlan.TrackPlan;

/**
 * Applies the results page's revision form to a plan: per track gain, pan, mute, one added EQ
 * band, compressor threshold/ratio and reverb send; and the target. Each changed move says it was
 * the user's.
 */
final class PlanEdits {
    private PlanEdits() {
    }

    static MixPlan apply(MixPlan plan, Map<String, String> form) {
        List<TrackPlan> tracks = new ArrayList<>();
        for (int i = 0; i < plan.tracks().size(); i++) {
            TrackPlan t = plan.tracks().get(i);
            GainMove gain = t.gain();
            Double gainDb = number(form, "gain" + i, -60, 24);
            if (gainDb != null && gainDb != Math.round(t.gain().gainDb() * 10) / 10.0) {
                gain = new GainMove(gainDb, t.gain().polarityInverted(), "set by you (the AI chose "
                        + String.format(java.util.Locale.ROOT, "%.1f", t.gain().gainDb()) + " dB)");
            }
            PanMove pan = t.pan();
            Double position = number(form, "pan" + i, -1, 1);
            if (position != null && position != Math.round(t.pan().position() * 100) / 100.0) {
                pan = new PanMove(position, t.pan().width(), "set by you");
            }
            boolean muted = "true".equals(form.get("mute" + i));
            List<EqBand> eq = new ArrayList<>(t.eq());
            Double eqHz = number(form, "eqHz" + i, 20, 20_000);
            Double eqDb = number(form, "eqDb" + i, -18, 18);
            if (eqHz != null && eqDb != null && eqDb != 0) {
                eq.add(new EqBand("peaking", eqHz, 1.0, eqDb, 12, "added by you"));
            }
            CompressorMove compressor = t.compressor();
            Double threshold = number(form, "compDb" + i, -60, 0);
            Double ratio = number(form, "compRatio" + i, 1, 20);
            if (threshold == null && ratio == null) {
                compressor = null;
            } else if (threshold != null && ratio != null && (compressor == null
                    || threshold != Math.round(compressor.thresholdDb() * 10) / 10.0
                    || ratio != Math.round(compressor.ratio() * 10) / 10.0)) {
                compressor = new CompressorMove(threshold, ratio, compressor == null ? 10 : compressor.attackMs(),
                        compressor == null ? 120 : compressor.releaseMs(), compressor == null ? 6 : compressor.kneeDb(),
                        compressor == null ? 0 : compressor.makeupGainDb(), compressor == null ? "rms" : compressor.detection(),
                        compressor == null ? 0 : compressor.sidechainHighPassHz(), "set by you");
            }
            List<Send> sends = new ArrayList<>(t.sends());
            Double send = number(form, "send" + i, -60, 0);
            if (send != null && !sends.isEmpty() && send != Math.round(sends.get(0).levelDb() * 10) / 10.0) {
                sends.set(0, new Send(sends.get(0).bus(), send, "set by you"));
            }
            tracks.add(new TrackPlan(t.id(), t.stem(), t.role(), muted, gain, pan, eq, t.gate(), compressor, t.deEsser(), sends));
        }
        MixPlan.Target target = plan.target();
        String targetName = form.get("target");
        if (targetName != null && !targetName.isBlank()) {
            try {
                DeliveryTarget delivery = DeliveryTarget.parse(targetName);
                target = new MixPlan.Target(delivery.loudnessLufs(), delivery.truePeakDbtp(), target.sampleRateHz(),
                        target.bitDepth(), "set by you: " + delivery.name());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("target", e.getMessage());
            }
        }
        return new MixPlan(plan.version(), target, tracks, plan.buses(), plan.master());
    }

    private static Double number(Map<String, String> form, String field, double min, double max) {
        String text = form.get(field);
        if (text == null || text.isBlank()) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, field + " must be a number, was '" + text + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new InvalidInputException(field, field + " must be between " + min + " and " + max);
        }
        return value;
    }
}
