package org.neuromix.engine.dsp;

import java.util.List;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;

/**
 * One EQ band for every channel: a single RBJ Audio EQ Cookbook biquad, or for 24 dB/octave
 * high- and low-pass two cascaded sections with the Q values of a 4th-order Butterworth filter
 * (0.5412, 1.3066). Transposed direct form II with {@code double} state; a 1e-20 offset on the
 * input keeps the state out of subnormal numbers in silence (~400 dB below full scale).
 * Coefficients are derived when prepared, for the actual sample rate. Latency: none.
 */
public final class BiquadFilter implements Processor {
    private static final double ANTI_DENORMAL_OFFSET = 1e-20;
    private static final double[] BUTTERWORTH_4TH_ORDER_Q = {0.54119610014619701, 1.3065629648763766};

    private final FilterType type;
    private final double frequencyHz;
    private final double q;
    private final double gainDb;
    private final int slopeDbPerOctave;

    private BiquadCoefficients[] sections;
    /** state[channel][section * 2 + {0,1}] */
    private double[][] state;

    /**
     * @param slopeDbPerOctave 12 (one section) or, for HIGH_PASS/LOW_PASS only, 24 (two sections)
     */
    public BiquadFilter(FilterType type, double frequencyHz, double q, double gainDb, int slopeDbPerOctave) {
        if (slopeDbPerOctave != 12 && slopeDbPerOctave != 24) {
            throw new IllegalArgumentException("slopeDbPerOctave must be 12 or 24, was " + slopeDbPerOctave);
        }
        if (slopeDbPerOctave == 24 && type != FilterType.HIGH_PASS && type != FilterType.LOW_PASS) {
            throw new IllegalArgumentException("24 dB/octave is for high-pass and low-pass only, not " + type);
        }
        if (!(frequencyHz > 0) || !(q > 0) || !Double.isFinite(gainDb)) {
            throw new IllegalArgumentException("frequency and Q must be positive and gain finite");
        }
        this.type = type;
        this.frequencyHz = frequencyHz;
        this.q = q;
        this.gainDb = gainDb;
        this.slopeDbPerOctave = slopeDbPerOctave;
    }

    /** A 12 dB/octave band. */
    public BiquadFilter(FilterType type, double frequencyHz, double q, double gainDb) {
        this(type, frequencyHz, q, gainDb, 12);
    }

    @Override
    public void prepare(ProcessSpec spec) {
        sections = designSections(spec.sampleRateHz());
        state = new double[spec.channels()][sections.length * 2];
    }

    private BiquadCoefficients[] designSections(double sampleRateHz) {
        // Keep the corner below Nyquist at low working rates instead of failing.
        double frequency = Math.min(frequencyHz, sampleRateHz * 0.49);
        if (slopeDbPerOctave == 24) {
            return new BiquadCoefficients[] {
                BiquadCoefficients.design(type, frequency, BUTTERWORTH_4TH_ORDER_Q[0], 0, sampleRateHz),
                BiquadCoefficients.design(type, frequency, BUTTERWORTH_4TH_ORDER_Q[1], 0, sampleRateHz)};
        }
        return new BiquadCoefficients[] {BiquadCoefficients.design(type, frequency, q, gainDb, sampleRateHz)};
    }

    /** The designed sections (after {@link #prepare}). */
    public List<BiquadCoefficients> sections() {
        return List.of(sections);
    }

    /** Magnitude response of the whole band in dB (after {@link #prepare}). */
    public double magnitudeDb(double frequency, double sampleRateHz) {
        double sum = 0;
        for (BiquadCoefficients section : sections) {
            sum += section.magnitudeDb(frequency, sampleRateHz);
        }
        return sum;
    }

    @Override
    public void process(AudioBuffer buffer) {
        int frames = buffer.frames();
        for (int s = 0; s < sections.length; s++) {
            BiquadCoefficients c = sections[s];
            int channel = 0;
            for (; channel + 1 < buffer.channels(); channel += 2) {
                processPair(c, s, buffer.channel(channel), state[channel], buffer.channel(channel + 1), state[channel + 1], frames);
            }
            if (channel < buffer.channels()) {
                processOne(c, s, buffer.channel(channel), state[channel], frames);
            }
        }
    }

    private static void processOne(BiquadCoefficients c, int section, float[] x, double[] st, int frames) {
        double b0 = c.b0(), b1 = c.b1(), b2 = c.b2(), a1 = c.a1(), a2 = c.a2();
        double s1 = st[section * 2], s2 = st[section * 2 + 1];
        for (int i = 0; i < frames; i++) {
            double in = x[i] + ANTI_DENORMAL_OFFSET;
            double out = b0 * in + s1;
            s1 = b1 * in - a1 * out + s2;
            s2 = b2 * in - a2 * out;
            x[i] = (float) out;
        }
        st[section * 2] = s1;
        st[section * 2 + 1] = s2;
    }

    /** Two channels in one loop: independent recursions overlap in the CPU, same arithmetic as {@link #processOne}. */
    private static void processPair(BiquadCoefficients c, int section, float[] x, double[] st, float[] y, double[] su, int frames) {
        double b0 = c.b0(), b1 = c.b1(), b2 = c.b2(), a1 = c.a1(), a2 = c.a2();
        double s1 = st[section * 2], s2 = st[section * 2 + 1];
        double t1 = su[section * 2], t2 = su[section * 2 + 1];
        for (int i = 0; i < frames; i++) {
            double in = x[i] + ANTI_DENORMAL_OFFSET;
            double other = y[i] + ANTI_DENORMAL_OFFSET;
            double out = b0 * in + s1;
            double otherOut = b0 * other + t1;
            s1 = b1 * in - a1 * out + s2;
            t1 = b1 * other - a1 * otherOut + t2;
            s2 = b2 * in - a2 * out;
            t2 = b2 * other - a2 * otherOut;
            x[i] = (float) out;
            y[i] = (float) otherOut;
        }
        st[section * 2] = s1;
        st[section * 2 + 1] = s2;
        su[section * 2] = t1;
        su[section * 2 + 1] = t2;
    }

    /** Number of second-order sections (1, or 2 for 24 dB/octave). */
    int sectionCount() {
        return sections.length;
    }

    BiquadCoefficients section(int index) {
        return sections[index];
    }

    /** State {s1, s2} of a section lives at state[channel][2 * section]. */
    double[] state(int channel) {
        return state[channel];
    }

    /**
     * Two cascaded sections on two channels in one pass: four independent recursions per frame
     * keep the CPU's pipelines full, where one section at a time waits on each result. Same
     * arithmetic per section as {@link #process} except that the value between the two sections
     * stays in double instead of being rounded to float.
     */
    static void processTwoSectionsStereo(BiquadCoefficients first, BiquadCoefficients second,
                                         float[] left, double[] leftFirst, int leftFirstAt, double[] leftSecond, int leftSecondAt,
                                         float[] right, double[] rightFirst, int rightFirstAt, double[] rightSecond, int rightSecondAt,
                                         int frames) {
        double f0 = first.b0(), f1 = first.b1(), f2 = first.b2(), fa1 = first.a1(), fa2 = first.a2();
        double g0 = second.b0(), g1 = second.b1(), g2 = second.b2(), ga1 = second.a1(), ga2 = second.a2();
        double p1 = leftFirst[leftFirstAt], p2 = leftFirst[leftFirstAt + 1];
        double q1 = leftSecond[leftSecondAt], q2 = leftSecond[leftSecondAt + 1];
        double u1 = rightFirst[rightFirstAt], u2 = rightFirst[rightFirstAt + 1];
        double v1 = rightSecond[rightSecondAt], v2 = rightSecond[rightSecondAt + 1];
        for (int i = 0; i < frames; i++) {
            double xl = left[i] + ANTI_DENORMAL_OFFSET;
            double xr = right[i] + ANTI_DENORMAL_OFFSET;
            double yl = f0 * xl + p1;
            double yr = f0 * xr + u1;
            p1 = f1 * xl - fa1 * yl + p2;
            u1 = f1 * xr - fa1 * yr + u2;
            p2 = f2 * xl - fa2 * yl;
            u2 = f2 * xr - fa2 * yr;
            double zl = g0 * yl + q1;
            double zr = g0 * yr + v1;
            q1 = g1 * yl - ga1 * zl + q2;
            v1 = g1 * yr - ga1 * zr + v2;
            q2 = g2 * yl - ga2 * zl;
            v2 = g2 * yr - ga2 * zr;
            left[i] = (float) zl;
            right[i] = (float) zr;
        }
        leftFirst[leftFirstAt] = p1;
        leftFirst[leftFirstAt + 1] = p2;
        leftSecond[leftSecondAt] = q1;
        leftSecond[leftSecondAt + 1] = q2;
        rightFirst[rightFirstAt] = u1;
        rightFirst[rightFirstAt + 1] = u2;
        rightSecond[rightSecondAt] = v1;
        rightSecond[rightSecondAt + 1] = v2;
    }

    @Override
    public void reset() {
        for (double[] channel : state) {
            java.util.Arrays.fill(channel, 0.0);
        }
    }
}
