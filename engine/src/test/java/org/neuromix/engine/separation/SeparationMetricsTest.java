package org.neuromix.engine.separation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuromix.engine.audio.AudioBuffer;

class SeparationMetricsTest {
    static AudioBuffer sine(int frames, double frequency, double amplitude) {
        AudioBuffer a = new AudioBuffer(2, frames);
        for (int i = 0; i < frames; i++) {
            a.channel(0)[i] = (float) (amplitude * Math.sin(frequency * i));
            a.channel(1)[i] = (float) (0.5 * amplitude * Math.sin(frequency * i + 1));
        }
        return a;
    }

    @Test
    void sdrIsTheSignalToErrorRatioPerWindowAndSilentWindowsAreLeftOut() {
        int window = 1000;
        AudioBuffer s = sine(3500, 0.05, 1), other = sine(3500, 0.31, 1);
        AudioBuffer estimate = new AudioBuffer(2, 3500);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 3500; i++) {
                estimate.channel(c)[i] = s.channel(c)[i] + 0.1f * other.channel(c)[i];
            }
        }
        // Window 1 of the second reference is silent: museval leaves the window out for every source.
        for (int c = 0; c < 2; c++) {
            java.util.Arrays.fill(other.channel(c), 1000, 2000, 0f);
        }
        double[][] sdr = SeparationMetrics.framewiseSdr(new AudioBuffer[] {s, other}, new AudioBuffer[] {estimate, other}, window);
        assertEquals(3, sdr[0].length, "only whole windows");
        // 0.1 × a sine of the same power: 20 dB, within the small power mismatch of a 1000-sample window of two sines.
        assertEquals(20, sdr[0][0], 0.3);
        assertTrue(Double.isNaN(sdr[0][1]) && Double.isNaN(sdr[1][1]));
        assertEquals(Double.POSITIVE_INFINITY, sdr[1][0]);
        assertEquals(20, SeparationMetrics.nanMedian(new double[] {Double.NaN, 10, 20, 30}));
    }

    @Test
    void siSdrIgnoresScale() {
        AudioBuffer s = sine(5000, 0.05, 1), half = sine(5000, 0.05, 0.5), noise = sine(5000, 0.77, 0.05);
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 5000; i++) {
                half.channel(c)[i] += noise.channel(c)[i];
            }
        }
        double scaled = SeparationMetrics.siSdr(s, half);
        // Half the reference plus noise at 1/10 of that: 20 dB whatever the overall scale (±0.2 dB: the
        // sines are not exactly orthogonal over 5000 samples).
        assertEquals(20, scaled, 0.2);
    }
}
