package org.neuromix.engine.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;

/**
 * Each filter shape, run on sines, against the analytic response of the cookbook's analog
 * prototype mapped by the bilinear transform: |H(e^jω)| = |H_a(jΩ)| with Ω = tan(ω/2) / tan(ω0/2).
 * The prototypes are written here independently of {@link BiquadCoefficients}.
 */
class BiquadResponseTest {
    /** 20 frequencies, log-spaced from 25 Hz to 18 kHz. */
    private static double[] frequencies() {
        double[] f = new double[20];
        for (int i = 0; i < 20; i++) {
            f[i] = 25 * Math.pow(18_000 / 25.0, i / 19.0);
        }
        return f;
    }

    static Stream<Arguments> shapes() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (int rate : new int[] {44_100, 48_000}) {
            cases.add(Arguments.of(FilterType.LOW_PASS, 2000.0, 0.707, 0.0, 12, rate));
            cases.add(Arguments.of(FilterType.HIGH_PASS, 150.0, 0.9, 0.0, 12, rate));
            cases.add(Arguments.of(FilterType.HIGH_PASS, 150.0, 0.707, 0.0, 24, rate));
            cases.add(Arguments.of(FilterType.LOW_PASS, 5000.0, 0.707, 0.0, 24, rate));
            cases.add(Arguments.of(FilterType.LOW_SHELF, 250.0, 0.707, 4.5, 12, rate));
            cases.add(Arguments.of(FilterType.HIGH_SHELF, 6000.0, 0.707, -3.0, 12, rate));
            cases.add(Arguments.of(FilterType.PEAKING, 1200.0, 2.0, -6.0, 12, rate));
            cases.add(Arguments.of(FilterType.PEAKING, 3000.0, 0.8, 5.0, 12, rate));
            cases.add(Arguments.of(FilterType.NOTCH, 1000.0, 5.0, 0.0, 12, rate));
            cases.add(Arguments.of(FilterType.BAND_PASS, 700.0, 1.5, 0.0, 12, rate));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1} Hz Q {2} {3} dB {4} dB/oct at {5} Hz")
    @MethodSource("shapes")
    void measuredResponseMatchesTheAnalyticPrototype(FilterType type, double f0, double q, double gainDb, int slope, int rate) {
        BiquadFilter filter = new BiquadFilter(type, f0, q, gainDb, slope);
        for (double frequency : frequencies()) {
            double expectedDb = analyticDb(type, f0, q, gainDb, slope, frequency, rate);
            double measuredDb = measureDb(filter, frequency, rate);
            if (expectedDb < -60) {
                // Deep in a stop band or notch: the float signal's own noise floor decides; just check it is deep.
                assertEquals(true, measuredDb < -55, type + " at " + frequency + " Hz: " + measuredDb);
                continue;
            }
            // 0.01 dB: the acceptance figure; the sine fit itself is good to ~1e-4 dB.
            assertEquals(expectedDb, measuredDb, 0.01, type + " at " + frequency + " Hz");
            assertEquals(expectedDb, filter.magnitudeDb(frequency, rate), 1e-6, "coefficient response at " + frequency);
        }
    }

    /** Steady-state gain of the filter for a sine, by a least-squares fit of the output. */
    private static double measureDb(BiquadFilter filter, double frequency, int rate) {
        int settle = rate; // 1 s: even the 25 Hz corner's transient is long gone
        int measure = rate / 2;
        AudioBuffer buffer = new AudioBuffer(1, settle + measure);
        for (int i = 0; i < buffer.frames(); i++) {
            buffer.channel(0)[i] = (float) (0.5 * Math.sin(2 * Math.PI * frequency * i / rate));
        }
        filter.prepare(new ProcessSpec(rate, buffer.frames(), 1));
        filter.process(buffer);
        double cc = 0, ss = 0, cs = 0, xc = 0, xs = 0;
        for (int i = settle; i < settle + measure; i++) {
            double phase = 2 * Math.PI * frequency * i / rate;
            double c = Math.cos(phase), s = Math.sin(phase), x = buffer.channel(0)[i];
            cc += c * c; ss += s * s; cs += c * s; xc += x * c; xs += x * s;
        }
        double det = cc * ss - cs * cs;
        double a = (xc * ss - xs * cs) / det;
        double b = (xs * cc - xc * cs) / det;
        return 20 * Math.log10(Math.hypot(a, b) / 0.5);
    }

    /** |H_a(jΩ)| of the cookbook prototypes (complex arithmetic written out). */
    static double analyticDb(FilterType type, double f0, double q, double gainDb, int slope, double f, double rate) {
        double omega = Math.tan(Math.PI * f / rate) / Math.tan(Math.PI * f0 / rate);
        double a = Math.pow(10, gainDb / 40);
        if (slope == 24) {
            double w8 = Math.pow(omega, 8);
            double magnitude = type == FilterType.HIGH_PASS ? Math.sqrt(w8 / (1 + w8)) : Math.sqrt(1 / (1 + w8));
            return 20 * Math.log10(magnitude);
        }
        // H(s) = (n2 s² + n1 s + n0) / (d2 s² + d1 s + d0), s = jΩ.
        double n2, n1, n0, d2, d1, d0;
        switch (type) {
            case LOW_PASS -> { n2 = 0; n1 = 0; n0 = 1; d2 = 1; d1 = 1 / q; d0 = 1; }
            case HIGH_PASS -> { n2 = 1; n1 = 0; n0 = 0; d2 = 1; d1 = 1 / q; d0 = 1; }
            case BAND_PASS -> { n2 = 0; n1 = 1 / q; n0 = 0; d2 = 1; d1 = 1 / q; d0 = 1; }
            case NOTCH -> { n2 = 1; n1 = 0; n0 = 1; d2 = 1; d1 = 1 / q; d0 = 1; }
            case PEAKING -> { n2 = 1; n1 = a / q; n0 = 1; d2 = 1; d1 = 1 / (a * q); d0 = 1; }
            case LOW_SHELF -> {
                n2 = a; n1 = a * Math.sqrt(a) / q; n0 = a * a;
                d2 = a; d1 = Math.sqrt(a) / q; d0 = 1;
            }
            default -> { // HIGH_SHELF
                n2 = a * a; n1 = a * Math.sqrt(a) / q; n0 = a;
                d2 = 1; d1 = Math.sqrt(a) / q; d0 = a;
            }
        }
        double numRe = n0 - n2 * omega * omega, numIm = n1 * omega;
        double denRe = d0 - d2 * omega * omega, denIm = d1 * omega;
        return 10 * Math.log10((numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm));
    }
}
