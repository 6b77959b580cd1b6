package org.neuromix.engine.dsp;

/**
 * Table-driven conversions between linear level and decibels for the per-sample paths of the
 * dynamics processors, where {@code Math.log} and {@code Math.exp} dominate the cost. Linear
 * interpolation in tables of 2^13 mantissa steps and 0.01 dB steps keeps the error under 1e-5 dB,
 * far below anything audible or measurable in a gain computer, and the results are deterministic.
 */
final class DecibelTables {
    private static final int MANTISSA_BITS = 13;
    private static final int MANTISSA_STEPS = 1 << MANTISSA_BITS;
    /** log2 of 1 + k / MANTISSA_STEPS, k = 0..MANTISSA_STEPS. */
    private static final double[] LOG2_MANTISSA = new double[MANTISSA_STEPS + 1];

    static final double MIN_DB = -200.0;
    static final double MAX_DB = 60.0;
    private static final double DB_STEP = 0.01;
    private static final double STEPS_PER_DB = 100.0;
    /** 10^(dB/20) at MIN_DB + k·DB_STEP. */
    private static final double[] GAIN = new double[(int) Math.round((MAX_DB - MIN_DB) / DB_STEP) + 2];

    private static final double DB_PER_OCTAVE = 20.0 * Math.log10(2.0);

    static {
        for (int k = 0; k <= MANTISSA_STEPS; k++) {
            LOG2_MANTISSA[k] = Math.log1p(k / (double) MANTISSA_STEPS) / Math.log(2.0);
        }
        for (int k = 0; k < GAIN.length; k++) {
            GAIN[k] = Math.pow(10.0, (MIN_DB + k * DB_STEP) / 20.0);
        }
    }

    private DecibelTables() {
    }

    /** 20·log10(amplitude) for a positive, finite amplitude (subnormals read as the smallest normal). */
    static double amplitudeToDb(double amplitude) {
        long bits = Double.doubleToRawLongBits(amplitude);
        int exponent = (int) ((bits >>> 52) & 0x7FF) - 1023;
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        int index = (int) (mantissa >>> (52 - MANTISSA_BITS));
        double fraction = (mantissa & ((1L << (52 - MANTISSA_BITS)) - 1)) * (1.0 / (1L << (52 - MANTISSA_BITS)));
        double log2 = exponent + LOG2_MANTISSA[index] + fraction * (LOG2_MANTISSA[index + 1] - LOG2_MANTISSA[index]);
        return log2 * DB_PER_OCTAVE;
    }

    /** 10^(dB/20), with dB clamped to [MIN_DB, MAX_DB]. */
    static double dbToAmplitude(double decibels) {
        double position = (Math.max(MIN_DB, Math.min(MAX_DB, decibels)) - MIN_DB) / DB_STEP;
        int index = (int) position;
        double fraction = position - index;
        return GAIN[index] + fraction * (GAIN[index + 1] - GAIN[index]);
    }
}
