package org.neuromix.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;
import org.neuromix.engine.loudness.TruePeakMeter;

/** On adversarial material the limiter's output, measured by our BS.1770 meter, never exceeds its ceiling. */
class LimiterTest {
    private static final double TOLERANCE_DB = 0.1;

    static Stream<Arguments> material() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int rate : new int[] {44_100, 48_000, 96_000}) {
            for (double driveDb : new double[] {0, 6, 12}) {
                cases.add(Arguments.of("full-scale 1 kHz square", rate, driveDb, square(rate, 1000)));
                cases.add(Arguments.of("full-scale 50 Hz square", rate, driveDb, square(rate, 50)));
                cases.add(Arguments.of("fs/4 tone at 45° (+3 dB between samples)", rate, driveDb, interSample(rate)));
                cases.add(Arguments.of("0 dBFS drums", rate, driveDb, drums(rate)));
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} at {1} Hz, +{2} dB")
    @MethodSource("material")
    void truePeakNeverExceedsTheCeiling(String name, int rate, double driveDb, float[][] signal) {
        for (double ceilingDbtp : new double[] {-1.0, -2.0}) {
            TruePeakLimiter limiter = new TruePeakLimiter(new TruePeakLimiter.Settings(ceilingDbtp, 50, 1.5));
            int block = 1024;
            limiter.prepare(new ProcessSpec(rate, block, 2));
            TruePeakMeter meter = new TruePeakMeter(rate, 2);
            float gain = (float) Math.pow(10, driveDb / 20);
            int latency = limiter.latencyFrames();
            AudioBuffer buffer = new AudioBuffer(2, block);
            int total = signal[0].length + latency;
            for (int from = 0; from < total; from += block) {
                int count = Math.min(block, total - from);
                buffer.setFrames(count);
                for (int channel = 0; channel < 2; channel++) {
                    for (int i = 0; i < count; i++) {
                        int index = from + i;
                        buffer.channel(channel)[i] = index < signal[channel].length ? signal[channel][index] * gain : 0f;
                    }
                }
                limiter.process(buffer);
                meter.accept(buffer);
            }
            double truePeakDbtp = 20 * Math.log10(meter.truePeak());
            assertTrue(truePeakDbtp <= ceilingDbtp + TOLERANCE_DB,
                    name + ": " + truePeakDbtp + " dBTP over the " + ceilingDbtp + " dBTP ceiling");
            assertTrue(truePeakDbtp > ceilingDbtp - 3, name + ": not over-limited: " + truePeakDbtp);
        }
    }

    private static float[][] square(int rate, double frequency) {
        float[][] x = new float[2][rate];
        for (int i = 0; i < rate; i++) {
            float value = ((int) (2 * frequency * i / rate)) % 2 == 0 ? 1f : -1f;
            x[0][i] = value;
            x[1][i] = value;
        }
        return x;
    }

    private static float[][] interSample(int rate) {
        float[][] x = new float[2][rate];
        double amplitude = Math.sqrt(2); // samples at ±1.0, peaks at +3 dBTP between them
        for (int i = 0; i < rate; i++) {
            float value = (float) (amplitude * Math.sin(2 * Math.PI * (rate / 4.0) * i / rate + Math.PI / 4));
            x[0][i] = value;
            x[1][i] = -value;
        }
        return x;
    }

    /** Kick and snare hits with sharp attacks, normalised to 0 dBFS sample peak. */
    private static float[][] drums(int rate) {
        float[][] x = new float[2][2 * rate];
        Random random = new Random(8);
        for (int hit = 0; hit < 8; hit++) {
            int start = hit * rate / 4;
            boolean kick = hit % 2 == 0;
            for (int i = 0; i < rate / 4 && start + i < x[0].length; i++) {
                double t = i / (double) rate;
                double value = kick
                        ? Math.sin(2 * Math.PI * (50 + 120 * Math.exp(-t * 30)) * t) * Math.exp(-t * 12)
                        : (random.nextDouble() * 2 - 1) * Math.exp(-t * 25);
                x[0][start + i] += (float) value;
                x[1][start + i] += (float) (value * (kick ? 1 : 0.8));
            }
        }
        float peak = 0;
        for (float[] channel : x) {
            for (float v : channel) {
                peak = Math.max(peak, Math.abs(v));
            }
        }
        for (float[] channel : x) {
            for (int i = 0; i < channel.length; i++) {
                channel[i] /= peak;
            }
        }
        return x;
    }
}
