package org.neuromix.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ChannelRole;
import org.neuromix.engine.audio.ProcessSpec;
import org.neuromix.engine.dsp.TruePeakLimiter;
import org.neuromix.engine.loudness.GatedLoudnessMeter;
import org.neuromix.engine.testing.TestSignals;

/** The probe's prediction against the limiter run over the whole programme. */
class LimiterProbeTest {
    private static final int RATE = 48_000;
    private static final int BLOCK = 4096;
    private static final TruePeakLimiter.Settings SETTINGS = new TruePeakLimiter.Settings(-1, 60, 1.5);

    private static LimiterProbe probeOf(AudioBuffer programme) {
        LimiterProbe probe = new LimiterProbe(BLOCK, programme.frames());
        AudioBuffer block = new AudioBuffer(2, BLOCK);
        for (int start = 0; start < programme.frames(); start += BLOCK) {
            int count = Math.min(BLOCK, programme.frames() - start);
            for (int channel = 0; channel < 2; channel++) {
                System.arraycopy(programme.channel(channel), start, block.channel(channel), 0, count);
            }
            probe.offer(block, count);
        }
        return probe;
    }

    private static double lufs(AudioBuffer audio, int from, int frames) {
        GatedLoudnessMeter meter = new GatedLoudnessMeter(RATE, List.of(ChannelRole.FRONT, ChannelRole.FRONT));
        meter.accept(audio, from, frames);
        return meter.integratedLufs();
    }

    /** The whole programme at a gain through one limiter: its loudness, the look-ahead compensated. */
    private static double limitedLufs(AudioBuffer programme, double gainDb) {
        TruePeakLimiter limiter = new TruePeakLimiter(SETTINGS);
        limiter.prepare(new ProcessSpec(RATE, BLOCK, 2));
        int latency = limiter.latencyFrames();
        int total = programme.frames() + latency;
        AudioBuffer out = new AudioBuffer(2, total);
        float gain = (float) Math.pow(10, gainDb / 20);
        AudioBuffer block = new AudioBuffer(2, BLOCK);
        for (int start = 0; start < total; start += BLOCK) {
            int count = Math.min(BLOCK, total - start);
            for (int channel = 0; channel < 2; channel++) {
                for (int i = 0; i < count; i++) {
                    int at = start + i;
                    block.channel(channel)[i] = at < programme.frames() ? programme.channel(channel)[at] * gain : 0f;
                }
            }
            block.setFrames(count);
            limiter.process(block);
            for (int channel = 0; channel < 2; channel++) {
                System.arraycopy(block.channel(channel), 0, out.channel(channel), start, count);
            }
        }
        out.setFrames(total);
        return lufs(out, latency, programme.frames());
    }

    @Test
    void predictsWhatTheLimiterTakesFromTheWholeProgramme() {
        AudioBuffer programme = TestSignals.programme(RATE, 2, 60, 3);
        double premaster = lufs(programme, 0, programme.frames());
        LimiterProbe probe = probeOf(programme);
        assertTrue(probe.excerptCount() >= 5, "excerpts: " + probe.excerptCount());
        for (double gainDb : new double[] {0, 6, 12}) {
            double actual = limitedLufs(programme, gainDb);
            double predicted = probe.predictedLufs(premaster, gainDb, SETTINGS, RATE);
            assertTrue(premaster + gainDb - actual > (gainDb == 0 ? -0.01 : 0.5), "the limiter takes loudness at +" + gainDb);
            assertEquals(actual, predicted, 0.1, "at +" + gainDb + " dB");
        }
        double target = -9;
        double gain = probe.gainFor(target, premaster, target - premaster, SETTINGS, RATE);
        assertEquals(target, limitedLufs(programme, gain), 0.1, "the gain found lands on the target");
    }

    @Test
    void memoryStaysBoundedAndSilenceGivesTheFirstGuess() {
        LimiterProbe probe = new LimiterProbe(BLOCK, 0);
        AudioBuffer silent = new AudioBuffer(2, BLOCK);
        for (int block = 0; block < 40_000; block++) { // about an hour
            probe.offer(silent, BLOCK);
        }
        assertTrue(probe.excerptCount() <= 64, "excerpts kept: " + probe.excerptCount());
        assertTrue(probe.excerptCount() >= 32, "excerpts kept: " + probe.excerptCount());
        assertEquals(4.0, probe.gainFor(-14, -18, 4.0, SETTINGS, RATE), 0.0);
        assertEquals(4.0, new LimiterProbe(BLOCK, 0).gainFor(-14, -18, 4.0, SETTINGS, RATE), 0.0, "nothing offered");
    }
}
