package org.neuromix.app.session.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.neuromix.app.system.InvalidInputException;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlan.BusPlan;
import org.neuromix.engine.plan.MixPlan.CompressorMove;
import org.neuromix.engine.plan.MixPlan.EqBand;
import org.neuromix.engine.plan.MixPlan.GainMove;
import org.neuromix.engine.plan.MixPlan.PanMove;
import org.neuromix.engine.plan.MixPlan.ReverbMove;
import org.neuromix.engine.plan.MixPlan.Send;
import org.neuromix.engine.plan.MixPlan.TrackPlan;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.plan.MixPlanValidator;
import org.neuromix.engine.plan.MixPlans;

/**
 * The revision form both ways (mixer issue, defects 8 and 15): sending back what it showed changes
 * nothing at all, even for values its rounding cannot show exactly; every EQ band can be changed
 * (frequency, gain, Q) or removed, several bands added at once, and a stem the AI did not send to
 * the reverb can be sent.
 */
class PlanEditsTest {
    /** Values the form's rounding cannot show: 18.25 dB, a pan of 0.125, a threshold of −20.04 dB. */
    static MixPlan plan() {
        TrackPlan vocal = new TrackPlan("vocal", "Vocal.wav", "leadVocal", false, new GainMove(18.25, false, "AI"),
                new PanMove(0.125, 1, "AI"),
                List.of(new EqBand("highPass", 87.5, 0.7071, 0, 12, "AI high-pass"),
                        new EqBand("peaking", 3150.4, 1.414, -2.35, 12, "AI bell")),
                null, new CompressorMove(-20.04, 3.25, 10, 100, 6, 0, "rms", 0, "AI comp"), null,
                List.of(new Send("verb", -14.05, "AI send")));
        TrackPlan bass = new TrackPlan("bass", "Bass.wav", "bass", false, new GainMove(-3.333, false, "AI"),
                new PanMove(0, 1, "AI"), List.of(), null, null, null, List.of());
        return new MixPlan(MixPlan.CURRENT_VERSION, new MixPlan.Target(-14, -1, 48_000, 24, "Spotify"), List.of(vocal, bass),
                List.of(new BusPlan("verb", new ReverbMove(20, 1.8, 0.5, 1, "AI reverb"), -6.125, "AI return")),
                new MixPlan.MasterPlan(List.of(new EqBand("lowShelf", 120.4, 0.7071, -4.65, 12, "AI low shelf"),
                        new EqBand("highShelf", 8000, 0.7071, 1.75, 12, "AI air")),
                        new CompressorMove(-18.05, 2.25, 30, 200, 6, 0, "rms", 60, "AI glue"), MixPlans.neutralMaster().limiter(),
                        "AI master"));
    }

    /** The form exactly as the page shows it, every field filled with its shown text. */
    static Map<String, String> asShown(MixPlan plan) {
        Map<String, String> form = new HashMap<>();
        for (PlanEdits.TrackRow row : PlanEdits.rows(plan, Map.of())) {
            int i = row.index();
            form.put("gain" + i, row.gain());
            form.put("pan" + i, row.pan());
            form.put("width" + i, row.width());
            if (row.muted()) {
                form.put("mute" + i, "true");
            }
            form.put("compDb" + i, row.compDb());
            form.put("compRatio" + i, row.compRatio());
            if (row.canSend()) {
                form.put("send" + i, row.send());
            }
            for (PlanEdits.BandRow band : row.bands()) {
                form.put(band.prefix() + "-hz", band.hz());
                if (band.hasGain()) {
                    form.put(band.prefix() + "-db", band.db());
                }
                form.put(band.prefix() + "-q", band.q());
            }
            for (PlanEdits.BandRow band : row.newBands()) {
                form.put(band.prefix() + "-hz", band.hz());
                form.put(band.prefix() + "-db", band.db());
                form.put(band.prefix() + "-q", band.q());
            }
        }
        form.put("reverbReturn", PlanEdits.reverbReturn(plan, Map.of()));
        form.put("target", "");
        PlanEdits.MasterRow master = PlanEdits.master(plan, Map.of(), plan);
        for (PlanEdits.BandRow band : master.bands()) {
            form.put(band.prefix() + "-hz", band.hz());
            form.put(band.prefix() + "-db", band.db());
            form.put(band.prefix() + "-q", band.q());
        }
        for (PlanEdits.BandRow band : master.newBands()) {
            form.put(band.prefix() + "-hz", band.hz());
            form.put(band.prefix() + "-db", band.db());
            form.put(band.prefix() + "-q", band.q());
        }
        form.put("glueDb", master.glueDb());
        form.put("glueRatio", master.glueRatio());
        return form;
    }

    @Test
    void sendingBackWhatTheFormShowedChangesNothing() {
        MixPlan plan = plan();
        Map<String, String> form = asShown(plan);
        assertEquals("18.3", form.get("gain0"), "shown rounded");
        assertEquals(plan, PlanEdits.apply(plan, form), "and nothing drifts");
    }

    @Test
    void everyBandCanBeChangedOrRemovedAndSeveralAdded() throws MixPlanException {
        MixPlan plan = plan();
        Map<String, String> form = asShown(plan);
        form.put("eq0-0-remove", "true");
        form.put("eq0-1-hz", "2500");
        form.put("eq0-1-q", "0.7");
        form.put("eqNew0-1-hz", "120");
        form.put("eqNew0-1-db", "-3");
        form.put("eqNew0-2-hz", "8000");
        form.put("eqNew0-2-db", "2");
        form.put("eqNew0-2-q", "0.5");
        form.put("eqNew1-1-hz", "60");
        form.put("eqNew1-1-db", "1.5");
        MixPlan edited = PlanEdits.apply(plan, form);
        MixValidator.check(edited);
        List<EqBand> vocal = edited.tracks().get(0).eq();
        assertEquals(4, vocal.size(), vocal.toString());
        assertEquals(plan.tracks().get(0).eq().get(0), vocal.get(0),
                "the high-pass is rendered into the kept sources: it stays (RevisionPlans could not undo it)");
        assertEquals(new EqBand("peaking", 2500, 0.7, -2.35, 12, "changed by you (the AI had 3150 Hz, -2.4 dB, Q 1.41)"), vocal.get(1),
                "the untouched gain keeps its exact value");
        assertEquals(new EqBand("peaking", 120, 1.0, -3, 12, "added by you"), vocal.get(2));
        assertEquals(new EqBand("peaking", 8000, 0.5, 2, 12, "added by you"), vocal.get(3));
        assertEquals(List.of(new EqBand("peaking", 60, 1.0, 1.5, 12, "added by you")), edited.tracks().get(1).eq());
        assertEquals(List.of(), PlanEdits.rows(plan, Map.of()).get(0).bands().get(0).hasGain() ? List.of("editable") : List.of(),
                "the form offers no fields for the high-pass");

        Map<String, String> removeBell = asShown(plan);
        removeBell.put("eq0-1-remove", "true");
        assertEquals(List.of(plan.tracks().get(0).eq().get(0)), PlanEdits.apply(plan, removeBell).tracks().get(0).eq());
    }

    /** The master strip (mixer issue): its EQ bands and glue compressor change like a track's; the limiter follows the target. */
    @Test
    void theMasterEqAndGlueCanBeChangedRemovedAndAdded() throws MixPlanException {
        MixPlan plan = plan();
        assertEquals("2.3:1 from -18.1 dB", PlanEdits.master(plan, Map.of(), plan).aiGlue(), "the AI's glue beside the fields");
        Map<String, String> form = asShown(plan);
        form.put("meq-0-db", "-2");
        form.put("meq-1-remove", "true");
        form.put("meqNew-1-hz", "3000");
        form.put("meqNew-1-db", "-1.5");
        form.put("meqNew-1-q", "2");
        form.put("glueRatio", "4");
        MixPlan edited = PlanEdits.apply(plan, form);
        MixValidator.check(edited);
        assertEquals(List.of(new EqBand("lowShelf", 120.4, 0.7071, -2, 12, "changed by you (the AI had 120 Hz, -4.7 dB, Q 0.71)"),
                new EqBand("peaking", 3000, 2, -1.5, 12, "added by you")), edited.master().eq());
        CompressorMove glue = edited.master().compressor();
        assertEquals(-18.05, glue.thresholdDb(), 0.0, "the untouched threshold keeps its exact value");
        assertEquals(4, glue.ratio(), 0.0);
        assertEquals(60, glue.sidechainHighPassHz(), 0.0, "and the rest of the AI's glue");
        assertEquals(plan.master().limiter(), edited.master().limiter());
        assertEquals(plan.tracks(), edited.tracks(), "the tracks are untouched");

        Map<String, String> noGlue = asShown(plan);
        noGlue.put("glueDb", "");
        noGlue.put("glueRatio", "");
        assertEquals(null, PlanEdits.apply(plan, noGlue).master().compressor(), "both fields empty: no glue");
        MixPlan withoutGlue = PlanEdits.apply(plan, noGlue);
        Map<String, String> addGlue = asShown(withoutGlue);
        addGlue.put("glueDb", "-20");
        addGlue.put("glueRatio", "2");
        CompressorMove added = PlanEdits.apply(withoutGlue, addGlue).master().compressor();
        assertEquals(-20, added.thresholdDb(), 0.0);
        assertEquals(2, added.ratio(), 0.0);
        assertEquals("added by you", added.reason());

        Map<String, String> half = asShown(plan);
        half.put("glueRatio", "");
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> PlanEdits.apply(plan, half));
        assertEquals("glueRatio", refused.field());
        assertTrue(refused.getMessage().contains("the glue compressor of the master needs both"), refused.getMessage());
        Map<String, String> loud = asShown(plan);
        loud.put("meq-0-db", "30");
        assertEquals("meq-0-db", assertThrows(InvalidInputException.class, () -> PlanEdits.apply(plan, loud)).field());
    }

    @Test
    void aStemTheAiDidNotSendCanBeSentAndTheReturnSet() throws MixPlanException {
        MixPlan plan = plan();
        assertTrue(PlanEdits.rows(plan, Map.of()).get(1).canSend(), "a send field for the bass too");
        Map<String, String> form = asShown(plan);
        form.put("send1", "-12");
        form.put("reverbReturn", "-3");
        form.put("send0", "");
        form.put("width1", "0.5");
        MixPlan edited = PlanEdits.apply(plan, form);
        MixValidator.check(edited);
        assertEquals(List.of(new Send("verb", -12, "added by you")), edited.tracks().get(1).sends());
        assertEquals(List.of(), edited.tracks().get(0).sends(), "an emptied send is no send");
        assertEquals(-3, edited.buses().get(0).returnGainDb());
        assertEquals(0.5, edited.tracks().get(1).pan().width(), "the width too");
        assertEquals(0, edited.tracks().get(1).pan().position(), "the pan kept");

        Map<String, String> ratioOnly = asShown(plan);
        ratioOnly.put("compRatio0", "4");
        CompressorMove compressor = PlanEdits.apply(plan, ratioOnly).tracks().get(0).compressor();
        assertEquals(4, compressor.ratio());
        assertEquals(-20.04, compressor.thresholdDb(), "the untouched threshold keeps its exact value");
    }

    @Test
    void refusalsNameTheStemAndTheControlInWords() {
        MixPlan plan = plan();
        Map<String, String> form = asShown(plan);
        form.put("eqNew1-1-hz", "60");
        InvalidInputException halfABand = assertThrows(InvalidInputException.class, () -> PlanEdits.apply(plan, form));
        assertEquals("eqNew1-1-db", halfABand.field());
        assertEquals("the new EQ band of “Bass.wav” needs both a frequency (Hz) and a gain (dB)", halfABand.getMessage());
        Map<String, String> q = asShown(plan);
        q.put("eq0-1-q", "50");
        InvalidInputException wide = assertThrows(InvalidInputException.class, () -> PlanEdits.apply(plan, q));
        assertEquals("the bell of “Vocal.wav” (Q) must be between 0.1 and 10, was 50", wide.getMessage());
        Map<String, String> long10k = asShown(plan);
        long10k.put("gain1", "9".repeat(10_000));
        InvalidInputException echo = assertThrows(InvalidInputException.class, () -> PlanEdits.apply(plan, long10k));
        assertTrue(echo.getMessage().length() < 200, "a long value is not echoed: " + echo.getMessage().length());
        assertNull(PlanEdits.rows(plan, Map.of()).get(1).compDb().isEmpty() ? null : "a compressor", "the bass has none");
    }

    /** The engine's own check of a plan. */
    private static final class MixValidator {
        static void check(MixPlan plan) throws MixPlanException {
            MixPlanValidator.validate(plan);
        }
    }
}
