package org.neuromix.engine.dsp;

/**
 * Normalised biquad coefficients (a0 = 1): H(z) = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²),
 * designed with Robert Bristow-Johnson's "Cookbook formulae for audio EQ biquad filter
 * coefficients" (the Audio EQ Cookbook, as published by the W3C Audio Working Group).
 */
public record BiquadCoefficients(double b0, double b1, double b2, double a1, double a2) {

    /** Butterworth Q of one second-order section: 1/√2. */
    public static final double BUTTERWORTH_Q = Math.sqrt(0.5);

    /**
     * Designs one section.
     *
     * @param frequencyHz centre, corner or shelf mid-point frequency, below Nyquist
     * @param q           quality factor (for shelves: the cookbook's Q form of the shelf slope; 0.7071 = steepest
     *                    without overshoot)
     * @param gainDb      boost/cut of peaking and shelving shapes; ignored otherwise
     */
    public static BiquadCoefficients design(FilterType type, double frequencyHz, double q, double gainDb,
                                            double sampleRateHz) {
        if (!(frequencyHz > 0 && frequencyHz < sampleRateHz / 2)) {
            throw new IllegalArgumentException("frequencyHz must be in (0, " + sampleRateHz / 2 + "), was " + frequencyHz);
        }
        if (!(q > 0 && q <= 100)) {
            throw new IllegalArgumentException("q must be in (0, 100], was " + q);
        }
        if (!Double.isFinite(gainDb) || Math.abs(gainDb) > 48) {
            throw new IllegalArgumentException("gainDb must be within ±48, was " + gainDb);
        }
        double w0 = 2 * Math.PI * frequencyHz / sampleRateHz;
        double cos = Math.cos(w0);
        double alpha = Math.sin(w0) / (2 * q);
        double a = Math.pow(10, gainDb / 40);
        double b0, b1, b2, a0, a1, a2;
        switch (type) {
            case LOW_PASS -> {
                b0 = (1 - cos) / 2; b1 = 1 - cos; b2 = (1 - cos) / 2;
                a0 = 1 + alpha; a1 = -2 * cos; a2 = 1 - alpha;
            }
            case HIGH_PASS -> {
                b0 = (1 + cos) / 2; b1 = -(1 + cos); b2 = (1 + cos) / 2;
                a0 = 1 + alpha; a1 = -2 * cos; a2 = 1 - alpha;
            }
            case BAND_PASS -> {
                b0 = alpha; b1 = 0; b2 = -alpha;
                a0 = 1 + alpha; a1 = -2 * cos; a2 = 1 - alpha;
            }
            case NOTCH -> {
                b0 = 1; b1 = -2 * cos; b2 = 1;
                a0 = 1 + alpha; a1 = -2 * cos; a2 = 1 - alpha;
            }
            case PEAKING -> {
                b0 = 1 + alpha * a; b1 = -2 * cos; b2 = 1 - alpha * a;
                a0 = 1 + alpha / a; a1 = -2 * cos; a2 = 1 - alpha / a;
            }
            case LOW_SHELF -> {
                double twoSqrtAAlpha = 2 * Math.sqrt(a) * alpha;
                b0 = a * ((a + 1) - (a - 1) * cos + twoSqrtAAlpha);
                b1 = 2 * a * ((a - 1) - (a + 1) * cos);
                b2 = a * ((a + 1) - (a - 1) * cos - twoSqrtAAlpha);
                a0 = (a + 1) + (a - 1) * cos + twoSqrtAAlpha;
                a1 = -2 * ((a - 1) + (a + 1) * cos);
                a2 = (a + 1) + (a - 1) * cos - twoSqrtAAlpha;
            }
            case HIGH_SHELF -> {
                double twoSqrtAAlpha = 2 * Math.sqrt(a) * alpha;
                b0 = a * ((a + 1) + (a - 1) * cos + twoSqrtAAlpha);
                b1 = -2 * a * ((a - 1) + (a + 1) * cos);
                b2 = a * ((a + 1) + (a - 1) * cos - twoSqrtAAlpha);
                a0 = (a + 1) - (a - 1) * cos + twoSqrtAAlpha;
                a1 = 2 * ((a - 1) - (a + 1) * cos);
                a2 = (a + 1) - (a - 1) * cos - twoSqrtAAlpha;
            }
            default -> throw new IllegalArgumentException("unknown filter type " + type);
        }
        return new BiquadCoefficients(b0 / a0, b1 / a0, b2 / a0, a1 / a0, a2 / a0);
    }

    /** |H(e^jω)| in dB at {@code frequencyHz}. */
    public double magnitudeDb(double frequencyHz, double sampleRateHz) {
        double w = 2 * Math.PI * frequencyHz / sampleRateHz;
        double cos1 = Math.cos(w), sin1 = Math.sin(w), cos2 = Math.cos(2 * w), sin2 = Math.sin(2 * w);
        double numRe = b0 + b1 * cos1 + b2 * cos2, numIm = -(b1 * sin1 + b2 * sin2);
        double denRe = 1 + a1 * cos1 + a2 * cos2, denIm = -(a1 * sin1 + a2 * sin2);
        return 10 * Math.log10((numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm));
    }
}
