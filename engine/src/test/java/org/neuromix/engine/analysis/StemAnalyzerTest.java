package org.neuromix.engine.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.testing.TestSignals;

class StemAnalyzerTest {
    @TempDir
    Path directory;

    private StemAnalysis analyse(String name, AudioBuffer audio, int rate) throws Exception {
        Path file = directory.resolve(name);
        AudioWriter.write(file, AudioEncoding.WAV_FLOAT_32, rate, audio);
        return StemAnalyzer.analyze(file);
    }

    @Test
    void steadySine() throws Exception {
        StemAnalysis sine = analyse("sine.wav", TestSignals.sine(48_000, 2, 1000, -20, 5), 48_000);
        assertEquals(-23.01, sine.rmsDbfs(), 0.05, "a sine's RMS is 3 dB under its peak");
        assertEquals(3.01, sine.crestFactorDb(), 0.05);
        assertEquals(1000, sine.spectralCentroidHz(), 30);
        assertTrue(sine.spectralFlatness() < 0.01, "tonal: " + sine.spectralFlatness());
        assertEquals(15, maxBand(sine.bandEnergiesDb()), "strongest band is 1 kHz");
        assertEquals(1.0, sine.activity(), 0.01);
        assertEquals(0.0, sine.stereoWidth(), 1e-6);
        assertEquals(1.0, sine.stereoCorrelation(), 1e-6);
        assertEquals(0.0, sine.lowFrequencyShare(), 0.01);
        assertEquals(5.0, sine.durationSeconds(), 1e-6);
        assertEquals(-20.0, sine.loudness().samplePeakDbfs(), 0.01);
    }

    @Test
    void noiseIsFlatAndBright() throws Exception {
        StemAnalysis noise = analyse("noise.wav", TestSignals.noise(48_000, 2, 5, 0.3, 3), 48_000);
        assertTrue(noise.spectralFlatness() > 0.4, "noise-like: " + noise.spectralFlatness());
        assertEquals(12_000, noise.spectralCentroidHz(), 1_000, "white noise centres at a quarter of the rate");
        assertTrue(noise.spectralRolloffHz() > 18_000, "roll-off " + noise.spectralRolloffHz());
        assertEquals(0.5, noise.stereoWidth(), 0.02, "independent channels");
        assertEquals(0.0, noise.stereoCorrelation(), 0.02);
    }

    @Test
    void lowFrequencyStem() throws Exception {
        StemAnalysis bass = analyse("bass.wav", TestSignals.sine(44_100, 1, 60, -12, 4), 44_100);
        assertTrue(bass.lowFrequencyShare() > 0.95, "share " + bass.lowFrequencyShare());
        assertEquals(1, bass.channels());
    }

    @Test
    void transientsAreCounted() throws Exception {
        int rate = 48_000;
        AudioBuffer clicks = new AudioBuffer(1, rate * 8);
        Random random = new Random(5);
        for (int hit = 0; hit < 32; hit++) { // 4 per second
            int start = hit * rate / 4;
            for (int i = 0; i < 2400; i++) {
                clicks.channel(0)[start + i] = (float) ((random.nextDouble() * 2 - 1) * Math.exp(-i / 300.0) * 0.8);
            }
        }
        StemAnalysis drums = analyse("clicks.wav", clicks, rate);
        assertEquals(4.0, drums.transientsPerSecond(), 1.0);
        StemAnalysis pad = analyse("pad.wav", TestSignals.sine(rate, 1, 220, -12, 8), rate);
        assertTrue(pad.transientsPerSecond() < 0.5, "a steady pad has no transients: " + pad.transientsPerSecond());
    }

    @Test
    void activityCountsTheSoundingPart() throws Exception {
        AudioBuffer half = TestSignals.sineSegments(48_000, 440,
                List.of(TestSignals.segment(1, -12, 4), TestSignals.segment(1, Double.NaN, 4)));
        assertEquals(0.5, analyse("half.wav", half, 48_000).activity(), 0.03);
    }

    @Test
    void silenceIsFiniteAndInactive() throws Exception {
        StemAnalysis silence = analyse("silence.wav", new AudioBuffer(2, 48_000 * 2), 48_000);
        assertTrue(silence.isSilent());
        assertEquals(0.0, silence.activity());
        for (double value : new double[] {silence.rmsDbfs(), silence.crestFactorDb(), silence.spectralCentroidHz(),
                silence.spectralFlatness(), silence.transientsPerSecond(), silence.stereoWidth(), silence.lowFrequencyShare()}) {
            assertTrue(Double.isFinite(value));
        }
    }

    @Test
    void maskingFollowsSharedBands() throws Exception {
        StemAnalysis bass = analyse("bass.wav", TestSignals.sine(48_000, 1, 80, -12, 4), 48_000);
        StemAnalysis kick = analyse("kick.wav", TestSignals.sine(48_000, 1, 80, -14, 4), 48_000);
        StemAnalysis hats = analyse("hats.wav", highNoise(), 48_000);
        MaskingMatrix matrix = MaskingMatrix.of(List.of(bass, kick, hats));
        assertTrue(matrix.score(1, 0) > 0.8, "the bass covers the kick: " + matrix.score(1, 0));
        assertTrue(matrix.score(0, 2) < 0.1, "hats leave the bass alone: " + matrix.score(0, 2));
        MaskingMatrix.Conflict worst = matrix.conflicts().get(0);
        assertTrue(worst.target() <= 1 && worst.masker() <= 1, "the worst conflict is bass/kick");
        assertEquals(80.0, Bands.CENTRES_HZ[worst.worstBand(kick.bandEnergiesDb())], "at 80 Hz");
    }

    private static AudioBuffer highNoise() {
        AudioBuffer noise = TestSignals.noise(48_000, 1, 4, 0.2, 9);
        float[] x = noise.channel(0);
        float previous = 0;
        for (int i = 0; i < x.length; i++) { // first difference: a gentle high-pass
            float current = x[i];
            x[i] = current - previous;
            previous = current;
        }
        return noise;
    }

    private static int maxBand(double[] bands) {
        int best = 0;
        for (int b = 1; b < bands.length; b++) {
            if (bands[b] > bands[best]) {
                best = b;
            }
        }
        return best;
    }
}
