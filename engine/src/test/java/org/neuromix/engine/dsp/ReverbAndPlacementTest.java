package org.neuromix.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;

class ReverbAndPlacementTest {
    private static final int RATE = 48_000;

    private static AudioBuffer impulseResponse(FdnReverb reverb, double seconds) {
        int frames = (int) (seconds * RATE);
        AudioBuffer buffer = new AudioBuffer(2, frames);
        buffer.channel(0)[0] = 1f;
        buffer.channel(1)[0] = 1f;
        reverb.prepare(new ProcessSpec(RATE, frames, 2));
        reverb.process(buffer);
        return buffer;
    }

    /** RT60 from the Schroeder backward-integrated energy decay curve, fitted between -5 and -25 dB (T20). */
    @Test
    void decayTimeMatchesTheSetting() {
        for (double rt60 : new double[] {0.8, 2.0}) {
            AudioBuffer ir = impulseResponse(new FdnReverb(new FdnReverb.Settings(0, rt60, 0, 1)), rt60 * 2.5);
            double[] energy = new double[ir.frames()];
            double sum = 0;
            for (int i = ir.frames() - 1; i >= 0; i--) {
                double l = ir.channel(0)[i], r = ir.channel(1)[i];
                sum += l * l + r * r;
                energy[i] = sum;
            }
            int t5 = -1, t25 = -1;
            for (int i = 0; i < energy.length; i++) {
                double db = 10 * Math.log10(energy[i] / energy[0]);
                if (t5 < 0 && db <= -5) {
                    t5 = i;
                }
                if (t25 < 0 && db <= -25) {
                    t25 = i;
                    break;
                }
            }
            double measured = 3.0 * (t25 - t5) / (double) RATE;
            // Diffusers and the finite-length network make the decay a little uneven: within 15 %.
            assertEquals(rt60, measured, rt60 * 0.15, "RT60");
        }
    }

    @Test
    void preDelayDelaysTheOnsetAndChannelsAreDecorrelated() {
        AudioBuffer ir = impulseResponse(new FdnReverb(new FdnReverb.Settings(25, 1.5, 0.3, 1)), 1.0);
        int onset = (int) (0.025 * RATE);
        for (int i = 0; i < onset; i++) {
            assertEquals(0f, ir.channel(0)[i], 1e-12f);
        }
        double ll = 0, rr = 0, lr = 0;
        for (int i = 0; i < ir.frames(); i++) {
            double l = ir.channel(0)[i], r = ir.channel(1)[i];
            ll += l * l; rr += r * r; lr += l * r;
            assertTrue(Float.isFinite(ir.channel(0)[i]));
        }
        assertTrue(Math.abs(lr / Math.sqrt(ll * rr)) < 0.3, "correlation " + lr / Math.sqrt(ll * rr));
        AudioBuffer mono = impulseResponse(new FdnReverb(new FdnReverb.Settings(0, 1.5, 0.3, 0)), 0.5);
        for (int i = 0; i < mono.frames(); i++) {
            assertEquals(mono.channel(0)[i], mono.channel(1)[i], 0f, "width 0 is mono");
        }
    }

    @Test
    void dampingShortensTheHighFrequencies() {
        AudioBuffer dark = impulseResponse(new FdnReverb(new FdnReverb.Settings(0, 2, 0.8, 1)), 1.0);
        AudioBuffer bright = impulseResponse(new FdnReverb(new FdnReverb.Settings(0, 2, 0, 1)), 1.0);
        assertTrue(highFrequencyShare(dark) < highFrequencyShare(bright) * 0.5);
    }

    private static double highFrequencyShare(AudioBuffer ir) {
        double total = 0, difference = 0;
        float[] x = ir.channel(0);
        for (int i = RATE / 2 + 1; i < ir.frames(); i++) {
            total += x[i] * x[i];
            double d = x[i] - x[i - 1];
            difference += d * d;
        }
        return difference / total;
    }

    @Test
    void constantPowerPanLaw() {
        AudioBuffer source = new AudioBuffer(new float[][] {{1f}});
        AudioBuffer out = new AudioBuffer(2, 1);
        for (double position = -1; position <= 1.0001; position += 0.25) {
            new StereoPlacement(Math.min(position, 1), 1, 1).render(source, out);
            double l = out.channel(0)[0], r = out.channel(1)[0];
            assertEquals(1.0, l * l + r * r, 1e-6, "constant power at " + position);
        }
        new StereoPlacement(0, 1, 1).render(source, out);
        assertEquals(-3.0103, 20 * Math.log10(out.channel(0)[0]), 1e-3, "-3 dB at centre");
        new StereoPlacement(-1, 1, 1).render(source, out);
        assertEquals(0f, out.channel(1)[0], 1e-7f, "hard left");
    }

    @Test
    void stereoWidthAndBalance() {
        AudioBuffer source = new AudioBuffer(new float[][] {{0.8f}, {0.2f}});
        AudioBuffer out = new AudioBuffer(2, 1);
        new StereoPlacement(0, 1, 2).render(source, out);
        assertEquals(0.8f, out.channel(0)[0], 1e-6f, "unchanged at width 1, centre");
        assertEquals(0.2f, out.channel(1)[0], 1e-6f);
        new StereoPlacement(0, 0, 2).render(source, out);
        assertEquals(out.channel(0)[0], out.channel(1)[0], 1e-7f, "width 0 folds to mono");
        new StereoPlacement(1, 1, 2).render(source, out);
        assertEquals(0f, out.channel(0)[0], 1e-7f, "balance hard right silences left");
        assertEquals(0.2f, out.channel(1)[0], 1e-6f);
    }

    @Test
    void gainChangesRampWithoutSteps() {
        Gain gain = new Gain(0);
        gain.prepare(new ProcessSpec(RATE, RATE, 1));
        gain.setGainDb(-20);
        AudioBuffer ones = new AudioBuffer(1, RATE / 10);
        java.util.Arrays.fill(ones.channel(0), 1f);
        gain.process(ones);
        int ramp = (int) (Gain.SMOOTHING_MS * RATE / 1000);
        for (int i = 1; i < ramp; i++) {
            assertTrue(ones.channel(0)[i] < ones.channel(0)[i - 1], "falling during the ramp");
            assertTrue(ones.channel(0)[i - 1] - ones.channel(0)[i] < 1.0 / ramp + 1e-6, "no step");
        }
        assertEquals(0.1f, ones.channel(0)[ramp + 10], 1e-6f, "-20 dB after the ramp");
    }
}
