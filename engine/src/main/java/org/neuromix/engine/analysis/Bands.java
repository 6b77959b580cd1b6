package org.neuromix.engine.analysis;

/** The 1/3-octave bands of IEC 61260 / ISO 266 used for spectral features and masking. */
public final class Bands {
    /** Nominal centre frequencies, 31.5 Hz to 16 kHz. */
    public static final double[] CENTRES_HZ = {31.5, 40, 50, 63, 80, 100, 125, 160, 200, 250, 315, 400, 500, 630, 800,
        1000, 1250, 1600, 2000, 2500, 3150, 4000, 5000, 6300, 8000, 10000, 12500, 16000};

    private Bands() {
    }

    /** Band index of a frequency (exact centres 1000·2^(n/3), edges at ±1/6 octave), or -1 outside. */
    public static int bandOf(double frequencyHz) {
        if (frequencyHz <= 0) {
            return -1;
        }
        double third = Math.round(3 * Math.log(frequencyHz / 1000.0) / Math.log(2)); // -15 (31.5 Hz) ... +12 (16 kHz)
        int index = (int) third + 15;
        return index >= 0 && index < CENTRES_HZ.length ? index : -1;
    }
}
