package org.neuromix.engine.loudness;

/**
 * The K-weighting filter of ITU-R BS.1770-4 (section 2.1): a high-shelf "pre-filter" modelling the
 * head, followed by the "RLB" high-pass, for one channel.
 *
 * <p>Coefficients are derived for any sample rate from the analog prototypes by the bilinear
 * transform with frequency pre-warping, as libebur128 does, so 44.1, 96 or 8 kHz are as exact as
 * the 48 kHz table in the standard (which these formulas reproduce to ~1e-8). Prototype constants:
 * shelf f0 = 1681.974 Hz, gain +3.99984 dB, Q 0.70718; high-pass f0 = 38.1355 Hz, Q 0.50033
 * (the analog fits of the BS.1770 table by Brecht De Man and the libebur128 authors).
 * The high-pass numerator is the standard's (1, -2, 1).
 *
 * <p>State is {@code double}; a 1e-20 DC offset on the input keeps the state out of subnormal
 * numbers during silence (it is removed by the high-pass and sits ~400 dB below the signal).
 * Latency: none.
 */
public final class KWeightingFilter {
    private static final double SHELF_F0_HZ = 1681.974450955533;
    private static final double SHELF_GAIN_DB = 3.999843853973347;
    private static final double SHELF_Q = 0.7071752369554196;
    private static final double HIGHPASS_F0_HZ = 38.13547087602444;
    private static final double HIGHPASS_Q = 0.5003270373238773;
    private static final double ANTI_DENORMAL_OFFSET = 1e-20;

    // Stage 1 (shelf) and stage 2 (high-pass), normalised so a0 = 1.
    final double shelfB0;
    final double shelfB1;
    final double shelfB2;
    final double shelfA1;
    final double shelfA2;
    final double highpassA1;
    final double highpassA2;

    // Transposed direct form II state.
    private double shelfS1;
    private double shelfS2;
    private double highpassS1;
    private double highpassS2;
    private double sumOfSquares;

    public KWeightingFilter(double sampleRateHz) {
        if (!(sampleRateHz >= 1000 && sampleRateHz <= 768_000)) {
            throw new IllegalArgumentException("sampleRateHz must be in [1000, 768000], was " + sampleRateHz);
        }
        double k = Math.tan(Math.PI * SHELF_F0_HZ / sampleRateHz);
        double vh = Math.pow(10.0, SHELF_GAIN_DB / 20.0);
        // Band gain of the shelf's mid section, from the same analog fit.
        double vb = Math.pow(vh, 0.4996667741545416);
        double a0 = 1.0 + k / SHELF_Q + k * k;
        shelfB0 = (vh + vb * k / SHELF_Q + k * k) / a0;
        shelfB1 = 2.0 * (k * k - vh) / a0;
        shelfB2 = (vh - vb * k / SHELF_Q + k * k) / a0;
        shelfA1 = 2.0 * (k * k - 1.0) / a0;
        shelfA2 = (1.0 - k / SHELF_Q + k * k) / a0;

        k = Math.tan(Math.PI * HIGHPASS_F0_HZ / sampleRateHz);
        a0 = 1.0 + k / HIGHPASS_Q + k * k;
        highpassA1 = 2.0 * (k * k - 1.0) / a0;
        highpassA2 = (1.0 - k / HIGHPASS_Q + k * k) / a0;
    }

    /**
     * Filters {@code frames} samples from {@code input[offset...]} and adds the squares of the
     * K-weighted output (the quantity BS.1770 integrates) to a running sum, sample by sample, so the
     * sum does not depend on how the input was split into calls.
     */
    public void accumulateSquares(float[] input, int offset, int frames) {
        double b0 = shelfB0, b1 = shelfB1, b2 = shelfB2, a1 = shelfA1, a2 = shelfA2;
        double ha1 = highpassA1, ha2 = highpassA2;
        double s1 = shelfS1, s2 = shelfS2, h1 = highpassS1, h2 = highpassS2;
        double sum = sumOfSquares;
        for (int i = offset, end = offset + frames; i < end; i++) {
            double x = input[i] + ANTI_DENORMAL_OFFSET;
            double shelf = b0 * x + s1;
            s1 = b1 * x - a1 * shelf + s2;
            s2 = b2 * x - a2 * shelf;
            double y = shelf + h1;
            h1 = -2.0 * shelf - ha1 * y + h2;
            h2 = shelf - ha2 * y;
            sum += y * y;
        }
        shelfS1 = s1;
        shelfS2 = s2;
        highpassS1 = h1;
        highpassS2 = h2;
        sumOfSquares = sum;
    }

    /**
     * {@link #accumulateSquares} for two channels at once, with identical arithmetic per channel.
     * The recursions of two channels are independent, so interleaving them lets the CPU overlap
     * their latency chains: nearly twice the throughput of one channel after the other.
     */
    public static void accumulateSquares(KWeightingFilter first, float[] firstInput,
                                         KWeightingFilter second, float[] secondInput, int offset, int frames) {
        if (first.shelfB0 != second.shelfB0 || first.highpassA1 != second.highpassA1) {
            throw new IllegalArgumentException("both filters must be for the same sample rate");
        }
        double b0 = first.shelfB0, b1 = first.shelfB1, b2 = first.shelfB2, a1 = first.shelfA1, a2 = first.shelfA2;
        double ha1 = first.highpassA1, ha2 = first.highpassA2;
        double s1 = first.shelfS1, s2 = first.shelfS2, h1 = first.highpassS1, h2 = first.highpassS2;
        double t1 = second.shelfS1, t2 = second.shelfS2, g1 = second.highpassS1, g2 = second.highpassS2;
        double sum = first.sumOfSquares, otherSum = second.sumOfSquares;
        for (int i = offset, end = offset + frames; i < end; i++) {
            double x = firstInput[i] + ANTI_DENORMAL_OFFSET;
            double u = secondInput[i] + ANTI_DENORMAL_OFFSET;
            double shelf = b0 * x + s1;
            double otherShelf = b0 * u + t1;
            s1 = b1 * x - a1 * shelf + s2;
            t1 = b1 * u - a1 * otherShelf + t2;
            s2 = b2 * x - a2 * shelf;
            t2 = b2 * u - a2 * otherShelf;
            double y = shelf + h1;
            double v = otherShelf + g1;
            h1 = -2.0 * shelf - ha1 * y + h2;
            g1 = -2.0 * otherShelf - ha1 * v + g2;
            h2 = shelf - ha2 * y;
            g2 = otherShelf - ha2 * v;
            sum += y * y;
            otherSum += v * v;
        }
        first.shelfS1 = s1;
        first.shelfS2 = s2;
        first.highpassS1 = h1;
        first.highpassS2 = h2;
        first.sumOfSquares = sum;
        second.shelfS1 = t1;
        second.shelfS2 = t2;
        second.highpassS1 = g1;
        second.highpassS2 = g2;
        second.sumOfSquares = otherSum;
    }

    /** Returns the running sum of squares and starts a new one. */
    public double takeSumOfSquares() {
        double sum = sumOfSquares;
        sumOfSquares = 0.0;
        return sum;
    }

    /** Magnitude response in dB at {@code frequencyHz}, from the coefficients (for tests and docs). */
    public double magnitudeDb(double frequencyHz, double sampleRateHz) {
        double w = 2.0 * Math.PI * frequencyHz / sampleRateHz;
        return 20.0 * Math.log10(biquadMagnitude(shelfB0, shelfB1, shelfB2, shelfA1, shelfA2, w)
                * biquadMagnitude(1.0, -2.0, 1.0, highpassA1, highpassA2, w));
    }

    private static double biquadMagnitude(double b0, double b1, double b2, double a1, double a2, double w) {
        double cos1 = Math.cos(w), sin1 = Math.sin(w), cos2 = Math.cos(2 * w), sin2 = Math.sin(2 * w);
        double numRe = b0 + b1 * cos1 + b2 * cos2, numIm = -(b1 * sin1 + b2 * sin2);
        double denRe = 1.0 + a1 * cos1 + a2 * cos2, denIm = -(a1 * sin1 + a2 * sin2);
        return Math.sqrt((numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm));
    }

    public void reset() {
        shelfS1 = shelfS2 = highpassS1 = highpassS2 = 0.0;
        sumOfSquares = 0.0;
    }
}
