package org.neuromix.app.session.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.neuromix.app.system.InvalidInputException;
import org.neuromix.engine.plan.DeliveryTarget;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlan.BusPlan;
import org.neuromix.engine.plan.MixPlan.CompressorMove;
import org.neuromix.engine.plan.MixPlan.EqBand;
import org.neuromix.engine.plan.MixPlan.GainMove;
import org.neuromix.engine.plan.MixPlan.PanMove;
import org.neuromix.engine.plan.MixPlan.Send;
import org.neuromix.engine.plan.MixPlan.TrackPlan;

/**
 * The results page's revision form, both ways: the rows it shows ({@link #rows}) and the plan its
 * answer makes ({@link #apply}). Per track: gain, pan, mute, every bell and shelf (frequency, gain,
 * Q, remove; filters such as the high-pass are rendered into the kept sources and stay) and up to
 * {@value #NEW_BANDS} new bells, compressor threshold/ratio, reverb send (also for
 * a track the AI did not send); the reverb return; the target.
 *
 * <p>A field counts as changed only when its text differs from the text the form showed, so an
 * untouched value never drifts by the form's rounding (18.25 dB shown as "18.3" stays 18.25). Each
 * changed move says it was the user's.
 */
final class PlanEdits {
    /** New EQ bands one render can add to a track. */
    static final int NEW_BANDS = 3;

    private static final SessionWords WORDS = new SessionWords();

    private PlanEdits() {
    }

    /**
     * One EQ band's fields; {@code prefix} names them ({@code prefix-hz}, {@code -db}, {@code -q},
     * {@code -remove}). Without gain ({@code hasGain} false) it is a filter, shown but fixed.
     */
    record BandRow(String prefix, String type, boolean hasGain, String hz, String db, String q, boolean remove, String planType,
                   int slopeDbPerOctave) {
    }

    /** One track's fields as the form shows them: the plan's values, or what was sent when it was refused. */
    record TrackRow(int index, String stem, String role, boolean muted, String gain, String pan, String width, String compDb,
                    String compRatio, boolean canSend, String send, List<BandRow> bands, List<BandRow> newBands, String aiGain,
                    String aiPan) {
    }

    /** The form's rows for {@code plan}; {@code sent} (a refused answer, or empty) overrides what it holds. */
    static List<TrackRow> rows(MixPlan plan, Map<String, String> sent) {
        return rows(plan, sent, plan);
    }

    /** As {@link #rows(MixPlan, Map)}, with the AI's own values ({@code ai}: the first revision's plan) beside each fader. */
    static List<TrackRow> rows(MixPlan plan, Map<String, String> sent, MixPlan ai) {
        List<TrackRow> rows = new ArrayList<>();
        for (int i = 0; i < plan.tracks().size(); i++) {
            TrackPlan t = plan.tracks().get(i);
            List<BandRow> bands = bandRows(t.eq(), "eq" + i + "-", sent);
            List<BandRow> added = newBandRows(i, sent);
            CompressorMove c = t.compressor();
            rows.add(new TrackRow(i, t.stem(), WORDS.role(t.role()),
                    sent.isEmpty() ? t.muted() : "true".equals(sent.get("mute" + i)),
                    sent.getOrDefault("gain" + i, WORDS.decimal(t.gain().gainDb(), 1)),
                    sent.getOrDefault("pan" + i, WORDS.decimal(t.pan().position(), 2)),
                    sent.getOrDefault("width" + i, WORDS.decimal(t.pan().width(), 2)),
                    sent.getOrDefault("compDb" + i, c == null ? "" : WORDS.decimal(c.thresholdDb(), 1)),
                    sent.getOrDefault("compRatio" + i, c == null ? "" : WORDS.decimal(c.ratio(), 1)),
                    !plan.buses().isEmpty(),
                    sent.getOrDefault("send" + i, t.sends().isEmpty() ? "" : WORDS.decimal(t.sends().get(0).levelDb(), 1)),
                    bands, added,
                    i < ai.tracks().size() ? WORDS.decimal(ai.tracks().get(i).gain().gainDb(), 1) : "–",
                    i < ai.tracks().size() ? WORDS.decimal(ai.tracks().get(i).pan().position(), 2) : "–"));
        }
        return rows;
    }

    private static List<BandRow> bandRows(List<EqBand> eq, String prefix, Map<String, String> sent) {
        List<BandRow> bands = new ArrayList<>();
        for (int b = 0; b < eq.size(); b++) {
            EqBand band = eq.get(b);
            String field = prefix + b;
            bands.add(new BandRow(field, WORDS.eqType(band.type()), hasGain(band.type()),
                    sent.getOrDefault(field + "-hz", WORDS.decimal(band.frequencyHz(), 0)),
                    sent.getOrDefault(field + "-db", WORDS.decimal(band.gainDb(), 1)),
                    sent.getOrDefault(field + "-q", WORDS.decimal(band.q(), 2)), "true".equals(sent.get(field + "-remove")),
                    band.type(), band.slopeDbPerOctave()));
        }
        return bands;
    }

    private static List<BandRow> newBandRows(int of, Map<String, String> sent) {
        List<BandRow> added = new ArrayList<>();
        for (int k = 1; k <= NEW_BANDS; k++) {
            String field = newBandPrefix(of, k);
            added.add(new BandRow(field, "Bell", true, sent.getOrDefault(field + "-hz", ""),
                    sent.getOrDefault(field + "-db", ""), sent.getOrDefault(field + "-q", "1.00"), false, "peaking", 12));
        }
        return added;
    }

    /** The master strip's fields as the form shows them, with the AI's glue settings (revision 1) beside them. */
    record MasterRow(List<BandRow> bands, List<BandRow> newBands, String glueDb, String glueRatio, String aiGlue) {
    }

    static MasterRow master(MixPlan plan, Map<String, String> sent, MixPlan ai) {
        CompressorMove glue = plan.master().compressor();
        CompressorMove aiGlue = ai.master().compressor();
        return new MasterRow(bandRows(plan.master().eq(), "meq-", sent), newBandRows(MASTER, sent),
                sent.getOrDefault("glueDb", glue == null ? "" : WORDS.decimal(glue.thresholdDb(), 1)),
                sent.getOrDefault("glueRatio", glue == null ? "" : WORDS.decimal(glue.ratio(), 1)),
                aiGlue == null ? "none" : WORDS.decimal(aiGlue.ratio(), 1) + ":1 from " + WORDS.decimal(aiGlue.thresholdDb(), 1) + " dB");
    }

    /** The reverb return's field as shown ("" without a reverb bus). */
    static String reverbReturn(MixPlan plan, Map<String, String> sent) {
        return plan.buses().isEmpty() ? "" : sent.getOrDefault("reverbReturn", WORDS.decimal(plan.buses().get(0).returnGainDb(), 1));
    }

    static MixPlan apply(MixPlan plan, Map<String, String> form) {
        List<TrackPlan> tracks = new ArrayList<>();
        for (int i = 0; i < plan.tracks().size(); i++) {
            TrackPlan t = plan.tracks().get(i);
            String of = " of “" + t.stem() + "”";
            GainMove gain = t.gain();
            Double gainDb = changed(form, "gain" + i, "the gain" + of + " (dB)", WORDS.decimal(t.gain().gainDb(), 1), -60, 24);
            if (gainDb != null) {
                gain = new GainMove(gainDb, t.gain().polarityInverted(), "set by you (the AI chose "
                        + WORDS.decimal(t.gain().gainDb(), 1) + " dB)");
            }
            PanMove pan = t.pan();
            Double position = changed(form, "pan" + i, "the pan" + of + " (−1 left … 1 right)", WORDS.decimal(t.pan().position(), 2), -1, 1);
            Double width = changed(form, "width" + i, "the stereo width" + of + " (0 mono … 1 as recorded … 2 wider)",
                    WORDS.decimal(t.pan().width(), 2), 0, 2);
            if (position != null || width != null) {
                pan = new PanMove(position != null ? position : t.pan().position(), width != null ? width : t.pan().width(),
                        "set by you (the AI chose " + WORDS.decimal(t.pan().position(), 2) + ", width "
                                + WORDS.decimal(t.pan().width(), 2) + ")");
            }
            boolean muted = "true".equals(form.get("mute" + i));
            List<EqBand> eq = editedBands(t.eq(), form, "eq" + i + "-", i, of);
            CompressorMove compressor = editedCompressor(t.compressor(), form, "compDb" + i, "compRatio" + i, "the compressor", of,
                    new CompressorMove(0, 1, 10, 120, 6, 0, "rms", 0, "added by you"));
            List<Send> sends = new ArrayList<>(t.sends());
            String sendText = text(form, "send" + i);
            if (!plan.buses().isEmpty() && form.containsKey("send" + i)) {
                if (sendText.isEmpty()) {
                    sends.clear();
                } else {
                    String shown = sends.isEmpty() ? "" : WORDS.decimal(sends.get(0).levelDb(), 1);
                    Double level = changed(form, "send" + i, "the reverb send" + of + " (dB)", shown, -60, 0);
                    if (level != null) {
                        Send send = new Send(sends.isEmpty() ? plan.buses().get(0).id() : sends.get(0).bus(), level,
                                sends.isEmpty() ? "added by you" : "set by you (the AI chose " + shown + " dB)");
                        if (sends.isEmpty()) {
                            sends.add(send);
                        } else {
                            sends.set(0, send);
                        }
                    }
                }
            }
            tracks.add(new TrackPlan(t.id(), t.stem(), t.role(), muted, gain, pan, eq, t.gate(), compressor, t.deEsser(), sends));
        }
        List<BusPlan> buses = new ArrayList<>(plan.buses());
        if (!buses.isEmpty()) {
            BusPlan bus = buses.get(0);
            Double returnDb = changed(form, "reverbReturn", "the reverb return (dB)", WORDS.decimal(bus.returnGainDb(), 1), -60, 12);
            if (returnDb != null) {
                buses.set(0, new BusPlan(bus.id(), bus.reverb(), returnDb, "set by you (the AI chose "
                        + WORDS.decimal(bus.returnGainDb(), 1) + " dB)"));
            }
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
        MixPlan.MasterPlan master = plan.master();
        List<EqBand> masterEq = editedBands(master.eq(), form, "meq-", MASTER, " of the master");
        CompressorMove glue = master.compressor();
        if (form.containsKey("glueDb") || form.containsKey("glueRatio")) {
            glue = editedCompressor(glue, form, "glueDb", "glueRatio", "the glue compressor", " of the master",
                    new CompressorMove(0, 1, 30, 200, 6, 0, "rms", 60, "added by you"));
        }
        if (!masterEq.equals(master.eq()) || !java.util.Objects.equals(glue, master.compressor())) {
            master = new MixPlan.MasterPlan(masterEq, glue, master.limiter(), master.reason());
        }
        return new MixPlan(plan.version(), target, tracks, buses, master);
    }

    /**
     * A compressor as its threshold and ratio fields left it: both empty is none; one empty is
     * refused; a new one takes {@code added}'s timing; an untouched value keeps its exact value.
     */
    private static CompressorMove editedCompressor(CompressorMove compressor, Map<String, String> form, String thresholdField,
                                                   String ratioField, String name, String of, CompressorMove added) {
        String thresholdText = text(form, thresholdField);
        String ratioText = text(form, ratioField);
        if (thresholdText.isEmpty() && ratioText.isEmpty()) {
            return null;
        }
        if (thresholdText.isEmpty() || ratioText.isEmpty()) {
            throw new InvalidInputException(thresholdText.isEmpty() ? thresholdField : ratioField, name + of
                    + " needs both a threshold (dB) and a ratio; leave both empty for none");
        }
        if (compressor == null) {
            return new CompressorMove(number(form, thresholdField, name + " threshold" + of + " (dB)", -60, 0),
                    number(form, ratioField, name + " ratio" + of, 1, 20), added.attackMs(), added.releaseMs(), added.kneeDb(),
                    added.makeupGainDb(), added.detection(), added.sidechainHighPassHz(), added.reason());
        }
        // Each value on its own: an untouched one keeps its exact value (and is not range-checked again).
        Double threshold = changed(form, thresholdField, name + " threshold" + of + " (dB)", WORDS.decimal(compressor.thresholdDb(), 1),
                -60, 0);
        Double ratio = changed(form, ratioField, name + " ratio" + of, WORDS.decimal(compressor.ratio(), 1), 1, 20);
        if (threshold == null && ratio == null) {
            return compressor;
        }
        return new CompressorMove(threshold != null ? threshold : compressor.thresholdDb(), ratio != null ? ratio : compressor.ratio(),
                compressor.attackMs(), compressor.releaseMs(), compressor.kneeDb(), compressor.makeupGainDb(), compressor.detection(),
                compressor.sidechainHighPassHz(), "set by you (the AI had " + WORDS.decimal(compressor.ratio(), 1) + ":1 from "
                        + WORDS.decimal(compressor.thresholdDb(), 1) + " dB)");
    }

    /**
     * {@code bands} as the form changed them: a band's fields under {@code prefix + index} (hz, db,
     * q, remove; filters are fixed), then up to {@value #NEW_BANDS} new bells ({@link #newBandPrefix}).
     */
    private static List<EqBand> editedBands(List<EqBand> bands, Map<String, String> form, String prefix, int newBandsOf,
                                            String of) {
        List<EqBand> eq = new ArrayList<>();
        for (int b = 0; b < bands.size(); b++) {
            EqBand band = bands.get(b);
            String field = prefix + b;
            String which = "the " + WORDS.eqType(band.type()).toLowerCase(java.util.Locale.ROOT) + of;
            if (!hasGain(band.type())) {
                // A filter rendered into the revision sources: it cannot be undone without the deleted
                // stems (RevisionPlans refuses it), so the form shows it but offers no fields for it.
                eq.add(band);
                continue;
            }
            if ("true".equals(form.get(field + "-remove"))) {
                continue;
            }
            Double hz = changed(form, field + "-hz", which + " (Hz)", WORDS.decimal(band.frequencyHz(), 0), 20, 20_000);
            Double db = changed(form, field + "-db", which + " (gain, dB)", WORDS.decimal(band.gainDb(), 1), -18, 18);
            Double q = changed(form, field + "-q", which + " (Q)", WORDS.decimal(band.q(), 2), 0.1, 10);
            if (hz == null && db == null && q == null) {
                eq.add(band);
            } else {
                eq.add(new EqBand(band.type(), hz != null ? hz : band.frequencyHz(), q != null ? q : band.q(),
                        db != null ? db : band.gainDb(), band.slopeDbPerOctave(), "changed by you (the AI had "
                        + WORDS.decimal(band.frequencyHz(), 0) + " Hz, " + WORDS.signed(band.gainDb(), 1) + " dB, Q "
                        + WORDS.decimal(band.q(), 2) + ")"));
            }
        }
        for (int k = 1; k <= NEW_BANDS; k++) {
            String field = newBandPrefix(newBandsOf, k);
            Double hz = number(form, field + "-hz", "the new EQ band" + of + " (Hz)", 20, 20_000);
            Double db = number(form, field + "-db", "the new EQ band" + of + " (gain, dB)", -18, 18);
            Double q = number(form, field + "-q", "the new EQ band" + of + " (Q)", 0.1, 10);
            if (hz != null && db != null && db != 0) {
                eq.add(new EqBand("peaking", hz, q == null ? 1.0 : q, db, 12, "added by you"));
            } else if (hz == null ^ db == null) {
                throw new InvalidInputException(field + (hz == null ? "-hz" : "-db"), "the new EQ band" + of
                        + " needs both a frequency (Hz) and a gain (dB)");
            }
        }
        return eq;
    }

    /** The index {@link #newBandPrefix} takes for the master's new bands. */
    static final int MASTER = -1;

    private static String newBandPrefix(int track, int k) {
        return track == MASTER ? "meqNew-" + k : "eqNew" + track + "-" + k;
    }

    private static boolean hasGain(String type) {
        return type.equals("peaking") || type.equals("lowShelf") || type.equals("highShelf");
    }

    private static String text(Map<String, String> form, String field) {
        String text = form.get(field);
        return text == null ? "" : text.trim();
    }

    /** The field's number when its text differs from what the form showed; null when untouched or empty. */
    private static Double changed(Map<String, String> form, String field, String what, String shown, double min, double max) {
        String text = text(form, field);
        if (text.isEmpty() || text.equals(shown)) {
            return null;
        }
        return number(form, field, what, min, max);
    }

    private static Double number(Map<String, String> form, String field, String what, double min, double max) {
        String text = text(form, field);
        if (text.isEmpty()) {
            return null;
        }
        double value;
        try {
            value = Double.parseDouble(text.replace('−', '-'));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, what + " must be a number, was '" + clip(text) + "'");
        }
        if (!(value >= min && value <= max)) {
            throw new InvalidInputException(field, what + " must be between " + WORDS.decimal(min, min % 1 == 0 ? 0 : 1)
                    + " and " + WORDS.decimal(max, max % 1 == 0 ? 0 : 1) + ", was " + clip(text));
        }
        return value;
    }

    /** A refused value is named, but never echoed at length. */
    private static String clip(String text) {
        return text.length() > 20 ? text.substring(0, 20) + "…" : text;
    }
}
