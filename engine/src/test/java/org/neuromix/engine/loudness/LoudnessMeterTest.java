package org.neuromix.engine.loudness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.neuromix.engine.testing.TestSignals.fadeEdges;
import static org.neuromix.engine.testing.TestSignals.programme;
import static org.neuromix.engine.testing.TestSignals.segment;
import static org.neuromix.engine.testing.TestSignals.sine;
import static org.neuromix.engine.testing.TestSignals.sineSegments;
import static org.neuromix.engine.testing.TestSignals.sineWithPhase;
import static org.neuromix.engine.testing.TestSignals.slice;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ChannelRole;

class LoudnessMeterTest {

    private static LoudnessMeasurement measure(AudioBuffer audio, int sampleRateHz) {
        LoudnessMeter meter = LoudnessMeter.forFrontChannels(sampleRateHz, audio.channels());
        meter.accept(audio);
        return meter.measurement();
    }

    private static LoudnessMeasurement measureInBlocks(AudioBuffer audio, int sampleRateHz, int blockFrames) {
        LoudnessMeter meter = LoudnessMeter.forFrontChannels(sampleRateHz, audio.channels());
        for (int from = 0; from < audio.frames(); from += blockFrames) {
            meter.accept(audio, from, Math.min(blockFrames, audio.frames() - from));
        }
        return meter.measurement();
    }

    /** K-weighting is derived per rate, so the same signal reads the same at every rate. */
    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000, 96_000})
    void sameLoudnessAtEverySampleRate(int sampleRateHz) {
        double steady = measure(sine(sampleRateHz, 2, 1000, -23, 20), sampleRateHz).integratedLufs();
        // The per-rate filters come from one analog prototype; bilinear warping makes their 1 kHz
        // response differ from the 48 kHz table by up to 0.017 dB (96 kHz), as in libebur128.
        assertEquals(EbuConformanceTest.analyticStereoSineLufs(-23), steady, 0.02);

        AudioBuffer gated = sineSegments(sampleRateHz, 1000, List.of(segment(2, -36, 10), segment(2, -23, 60), segment(2, -36, 10)));
        assertEquals(-23.0, measure(gated, sampleRateHz).integratedLufs(), 0.1);

        AudioBuffer range = sineSegments(sampleRateHz, 1000, List.of(segment(2, -20, 20), segment(2, -30, 20)));
        assertEquals(10.0, measure(range, sampleRateHz).loudnessRangeLu(), 0.1);
    }

    /** Low-frequency and high-frequency tones follow the K-weighting curve at each rate. */
    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000, 96_000})
    void kWeightingShapesTheSpectrum(int sampleRateHz) {
        double at1k = measure(sine(sampleRateHz, 1, 1000, -20, 10), sampleRateHz).integratedLufs();
        double at40 = measure(sine(sampleRateHz, 1, 40, -20, 10), sampleRateHz).integratedLufs();
        double at8k = measure(sine(sampleRateHz, 1, 8000, -20, 10), sampleRateHz).integratedLufs();
        KWeightingFilter filter = new KWeightingFilter(sampleRateHz);
        assertEquals(filter.magnitudeDb(40, sampleRateHz) - filter.magnitudeDb(1000, sampleRateHz), at40 - at1k, 0.01);
        assertEquals(filter.magnitudeDb(8000, sampleRateHz) - filter.magnitudeDb(1000, sampleRateHz), at8k - at1k, 0.01);
        // The shape against the standard's 48 kHz table: -6.265 dB at 40 Hz (RLB high-pass) and
        // +3.342 dB at 8 kHz (shelf) relative to 1 kHz; other rates are within warping error.
        assertEquals(-6.2646, at40 - at1k, 0.02, "40 Hz relative to 1 kHz");
        assertEquals(3.3417, at8k - at1k, 0.05, "8 kHz relative to 1 kHz");
    }

    /** BS.1770 mono: one channel of weight 1, i.e. 3.01 dB below the same signal on two channels. */
    @Test
    void monoIsOneChannelOfWeightOne() {
        double mono = measure(sine(48_000, 1, 1000, -23, 20), 48_000).integratedLufs();
        double stereo = measure(sine(48_000, 2, 1000, -23, 20), 48_000).integratedLufs();
        assertEquals(stereo - 10 * Math.log10(2), mono, 0.001);

        AudioBuffer leftOnly = new AudioBuffer(2, 48_000 * 20);
        System.arraycopy(sine(48_000, 1, 1000, -23, 20).channel(0), 0, leftOnly.channel(0), 0, leftOnly.frames());
        assertEquals(mono, measure(leftOnly, 48_000).integratedLufs(), 1e-9);
    }

    @Test
    void resultDoesNotDependOnBlockSize() {
        AudioBuffer audio = programme(48_000, 2, 12.0, 7);
        LoudnessMeasurement whole = measure(audio, 48_000);
        for (int blockFrames : new int[] {1, 37, 4096}) {
            assertEquals(whole, measureInBlocks(audio, 48_000, blockFrames), "blocks of " + blockFrames);
        }
        // Random splits, seeded.
        Random random = new Random(42);
        LoudnessMeter meter = LoudnessMeter.forFrontChannels(48_000, 2);
        for (int from = 0; from < audio.frames(); ) {
            int count = Math.min(1 + random.nextInt(10_000), audio.frames() - from);
            meter.accept(audio, from, count);
            from += count;
        }
        assertEquals(whole, meter.measurement());
    }

    @Test
    void silenceHasNoIntegratedLoudness() {
        LoudnessMeasurement silence = measure(new AudioBuffer(2, 48_000 * 5), 48_000);
        assertTrue(Double.isNaN(silence.integratedLufs()));
        assertTrue(Double.isNaN(silence.loudnessRangeLu()));
        assertTrue(silence.isSilent());
        assertEquals(Double.NEGATIVE_INFINITY, silence.truePeakDbtp());
        assertEquals(null, LoudnessMeasurement.defined(silence.truePeakDbtp()));
    }

    @Test
    void programmeBelowTheAbsoluteGateIsSilent() {
        assertTrue(measure(sine(48_000, 2, 1000, -80, 5), 48_000).isSilent());
    }

    @Test
    void shortProgrammes() {
        LoudnessMeasurement tooShortForAnything = measure(sine(48_000, 2, 1000, -23, 0.3), 48_000);
        assertTrue(Double.isNaN(tooShortForAnything.integratedLufs()));
        assertTrue(Double.isNaN(tooShortForAnything.maxMomentaryLufs()));

        LoudnessMeasurement twoSeconds = measure(sine(48_000, 2, 1000, -23, 2), 48_000);
        assertEquals(-23.0, twoSeconds.integratedLufs(), 0.1);
        assertTrue(Double.isNaN(twoSeconds.loudnessRangeLu()), "no 3 s short-term window yet");
        assertTrue(Double.isNaN(twoSeconds.maxShortTermLufs()));
    }

    @Test
    void maximaOfMomentaryAndShortTerm() {
        AudioBuffer audio = sineSegments(48_000, 1000, List.of(segment(2, -30, 10), segment(2, -20, 5), segment(2, -30, 10)));
        LoudnessMeasurement m = measure(audio, 48_000);
        double loud = EbuConformanceTest.analyticStereoSineLufs(-20);
        assertEquals(loud, m.maxMomentaryLufs(), 0.01);
        assertEquals(loud, m.maxShortTermLufs(), 0.01);
    }

    /** True peak at other rates: 4x oversampling below 96 kHz, 2x from there up. */
    @ParameterizedTest(name = "{0} Hz")
    @ValueSource(ints = {44_100, 48_000, 96_000, 192_000})
    void truePeakOfAnInterSamplePeak(int sampleRateHz) {
        // A tone at a quarter of the rate, 45 degrees off: samples sit 3 dB below the peak.
        AudioBuffer audio = fadeEdges(sineWithPhase(sampleRateHz, 2, sampleRateHz / 4.0, -6, 45, 1.0), sampleRateHz, 0.01);
        LoudnessMeasurement m = measure(audio, sampleRateHz);
        assertEquals(-9.0, m.samplePeakDbfs(), 0.05);
        assertEquals(-6.0, m.truePeakDbtp(), 0.1);
    }

    @Test
    void truePeakDoesNotDependOnBlockSize() {
        AudioBuffer audio = programme(44_100, 2, 4.0, 3);
        TruePeakMeter whole = new TruePeakMeter(44_100, 2);
        whole.accept(audio);
        for (int blockFrames : new int[] {1, 37, 4096}) {
            TruePeakMeter blocks = new TruePeakMeter(44_100, 2);
            for (int from = 0; from < audio.frames(); from += blockFrames) {
                AudioBuffer part = slice(audio, from, Math.min(blockFrames, audio.frames() - from));
                blocks.accept(part);
            }
            assertEquals(whole.truePeak(), blocks.truePeak(), "blocks of " + blockFrames);
            assertEquals(whole.samplePeak(), blocks.samplePeak());
        }
    }

    @Test
    void kWeightingCoefficientsMatchTheStandardsTableAt48kHz() {
        KWeightingFilter filter = new KWeightingFilter(48_000);
        // BS.1770-4 Tables 1 and 2 (14 digits). The analog fit reproduces them to about 1e-8.
        assertEquals(1.53512485958697, filter.shelfB0, 1e-7);
        assertEquals(-2.69169618940638, filter.shelfB1, 1e-7);
        assertEquals(1.19839281085285, filter.shelfB2, 1e-7);
        assertEquals(-1.69065929318241, filter.shelfA1, 1e-7);
        assertEquals(0.73248077421585, filter.shelfA2, 1e-7);
        assertEquals(-1.99004745483398, filter.highpassA1, 1e-7);
        assertEquals(0.99007225036621, filter.highpassA2, 1e-7);
    }

    @Test
    void surroundAndLfeWeights() {
        assertEquals(1.41, ChannelRole.SURROUND.loudnessWeight());
        assertEquals(0.0, ChannelRole.LOW_FREQUENCY_EFFECTS.loudnessWeight());
        assertEquals(1.0, ChannelRole.FRONT.loudnessWeight());
    }
}
