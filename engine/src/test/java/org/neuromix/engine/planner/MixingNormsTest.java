package org.neuromix.engine.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.neuromix.engine.analysis.Bands;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.loudness.LoudnessMeasurement;

/** The "good mix" targets the models learn: each rule checked on hand-made analyses with known answers. */
class MixingNormsTest {
    /** A stem whose 1/3-octave spectrum is {@code bandDb} per band (dB relative to the total). */
    private static StemAnalysis stem(double[] bandDb, double crestDb, double stereoWidth) {
        return new StemAnalysis(Path.of("x.wav"), 2, 10, new LoudnessMeasurement(-20, 5, -8, -8, -16, -17), -22, crestDb,
                0.9, bandDb, 1000, 4000, 0.1, 2, stereoWidth, 1 - 2 * stereoWidth, 0.1, new float[0][]);
    }

    /** Flat at {@code levelDb} from {@code fromHz} up, 60 dB lower below it. */
    private static double[] flatFrom(double fromHz, double levelDb) {
        double[] bands = new double[Bands.CENTRES_HZ.length];
        for (int b = 0; b < bands.length; b++) {
            bands[b] = Bands.CENTRES_HZ[b] >= fromHz ? levelDb : levelDb - 60;
        }
        return bands;
    }

    private static void set(double[] bands, double fromHz, double toHz, double levelDb) {
        for (int b = 0; b < bands.length; b++) {
            if (Bands.CENTRES_HZ[b] >= fromHz && Bands.CENTRES_HZ[b] <= toHz) {
                bands[b] = levelDb;
            }
        }
    }

    private static StemTargets one(Role role, StemAnalysis stem, String style) {
        return MixingNorms.targets(List.of(role), List.of(stem), style).get(0);
    }

    @Test
    void balanceIsTheRoleLevelShiftedForTheStyle() {
        StemAnalysis any = stem(flatFrom(100, -15), 12, 0);
        assertEquals(-6 + 3, one(Role.ELECTRIC_GUITAR, any, "rock").relativeLoudnessLu(), 1e-9);
        assertEquals(-4 + PlannerOptions.styleOffsetLu("hiphop", Role.BASS), one(Role.BASS, any, "hiphop").relativeLoudnessLu(),
                1e-9);
    }

    @Test
    void highPassSitsJustBelowTheUsefulLowEndAndNeverAboveTwiceTheUsualCorner() {
        // Content from 250 Hz: 0.7 × 250 = 175 Hz, within twice the woodwind's 120 Hz.
        assertEquals(175, one(Role.WOODWIND, stem(flatFrom(250, -15), 12, 0), "pop").highPassHz(), 1e-9);
        // Content from 1 kHz: capped at 2 × 120 Hz.
        assertEquals(240, one(Role.WOODWIND, stem(flatFrom(1000, -15), 12, 0), "pop").highPassHz(), 1e-9);
        // Content from 40 Hz: 28 Hz, rounded to 5 Hz steps.
        assertEquals(30, one(Role.BASS, stem(flatFrom(40, -15), 12, 0), "pop").highPassHz(), 1e-9);
        assertEquals(0, one(Role.KICK, stem(flatFrom(40, -15), 12, 0), "pop").highPassHz(), "no high-pass on the kick");
    }

    @Test
    void correctiveEqFollowsTheStemsSpectrum() {
        double[] muddy = flatFrom(100, -20);
        set(muddy, 200, 500, -4); // 16 dB over the presence region: cut 0.5 × (16 − 6) = 5 dB
        assertEquals(-5.0, one(Role.PIANO_KEYS, stem(muddy, 12, 0), "pop").lowMidGainDb(), 1e-9);
        assertEquals(0.0, one(Role.PIANO_KEYS, stem(flatFrom(100, -20), 12, 0), "pop").lowMidGainDb(), "flat: no cut");
        assertEquals(0.0, one(Role.BASS, stem(muddy, 12, 0), "pop").lowMidGainDb(), "the bass keeps its low-mids");

        double[] dull = flatFrom(100, -15);
        set(dull, 6300, 16000, -35); // air 20 dB under the presence region: lift 0.25 × (20 − 12) = 2 dB
        assertEquals(2.0, one(Role.STRINGS, stem(dull, 12, 0), "pop").highShelfGainDb(), 1e-9);
        assertEquals(0.0, one(Role.HI_HAT_CYMBALS, stem(dull, 12, 0), "pop").highShelfGainDb(), "no air for cymbals");

        double[] thinKick = flatFrom(31, -15); // low end level with the low-mids: lift 0.5 × (6 − 0) = 3 dB
        assertEquals(3.0, one(Role.KICK, stem(thinKick, 12, 0), "pop").lowShelfGainDb(), 1e-9);
        double[] boomy = flatFrom(31, -30);
        set(boomy, 40, 100, -10); // 20 dB over the low-mids: cut, at most 3 dB
        assertEquals(-3.0, one(Role.BASS, stem(boomy, 12, 0), "pop").lowShelfGainDb(), 1e-9);
        assertEquals(0.0, one(Role.PIANO_KEYS, stem(thinKick, 12, 0), "pop").lowShelfGainDb(), "shelves only for kick and bass");
    }

    @Test
    void compressionFollowsStyleAndPeakiness() {
        StemTargets pop = one(Role.BASS, stem(flatFrom(40, -15), 12, 0), "pop");
        assertEquals(3.3, pop.compressorRatio(), 1e-9, "crest 12 dB: 1 + 0.75 × (4 − 1) = 3.25, rounded to 0.1");
        assertEquals(-6, pop.compressorThresholdLu(), 1e-9);
        StemTargets hiphop = one(Role.BASS, stem(flatFrom(40, -15), 12, 0), "hiphop");
        assertTrue(hiphop.compressorRatio() > pop.compressorRatio() && hiphop.compressorThresholdLu() < pop.compressorThresholdLu(),
                "hip-hop compresses harder: " + hiphop);
        StemTargets peaky = one(Role.BASS, stem(flatFrom(40, -15), 20, 0), "pop");
        assertTrue(peaky.compressorRatio() > pop.compressorRatio(), "peakier: more ratio");
        assertEquals(-2, peaky.compressorThresholdLu(), 1e-9, "peaks 8 dB higher: threshold 4 LU higher");
        StemTargets hats = one(Role.HI_HAT_CYMBALS, stem(flatFrom(400, -15), 12, 0), "hiphop");
        assertEquals(1, hats.compressorRatio(), "no compression on cymbals");
        assertEquals(0, hats.compressorThresholdLu());
    }

    @Test
    void pansScaleWithStyleBalanceTheFieldAndNarrowStereoSources() {
        StemAnalysis mono = stem(flatFrom(100, -15), 12, 0);
        StemAnalysis stereo = stem(flatFrom(100, -15), 12, 0.3);
        assertEquals(-0.65, one(Role.ELECTRIC_GUITAR, mono, "rock").panPosition(), 1e-9, "rock: 1.3 × -0.5");
        assertEquals(-0.4, one(Role.ELECTRIC_GUITAR, mono, "hiphop").panPosition(), 1e-9, "hip-hop: 0.8 × -0.5");
        assertEquals(-0.25, one(Role.ELECTRIC_GUITAR, stereo, "pop").panPosition(), 1e-9, "stereo source: half as far");
        assertEquals(0.0, one(Role.KICK, mono, "rock").panPosition(), 1e-9);
        // Guitar (-6 LU, left) and piano (-7 LU, also left by the table): the quieter piano goes right.
        List<StemTargets> both = MixingNorms.targets(List.of(Role.PIANO_KEYS, Role.ELECTRIC_GUITAR), List.of(mono, mono), "pop");
        assertEquals(0.3, both.get(0).panPosition(), 1e-9);
        assertEquals(-0.5, both.get(1).panPosition(), 1e-9);
    }

    @Test
    void silentStemsGetNoProcessing() {
        double[] floor = new double[Bands.CENTRES_HZ.length];
        Arrays.fill(floor, -120);
        StemAnalysis silent = new StemAnalysis(Path.of("s.wav"), 1, 10, new LoudnessMeasurement(Double.NaN, 0,
                Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY),
                Double.NEGATIVE_INFINITY, 0, 0, floor, 0, 0, 0, 0, 0, 1, 0, new float[0][]);
        StemTargets targets = one(Role.BASS, silent, "pop");
        assertEquals(0, targets.highPassHz());
        assertEquals(1, targets.compressorRatio());
        assertThrows(IllegalArgumentException.class, () -> MixingNorms.targets(List.of(Role.BASS), List.of(), "pop"));
    }
}
