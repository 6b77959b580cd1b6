package org.neuromix.engine.audio;

/** Conversions between linear amplitude/power and decibels. */
public final class Decibels {
    private Decibels() {
    }

    /** 20·log10(amplitude); -Infinity for 0. */
    public static double fromAmplitude(double amplitude) {
        return 20.0 * Math.log10(amplitude);
    }

    /** 10^(dB/20). */
    public static double toAmplitude(double decibels) {
        return Math.pow(10.0, decibels / 20.0);
    }

    /** 10·log10(power); -Infinity for 0. */
    public static double fromPower(double power) {
        return 10.0 * Math.log10(power);
    }

    /** 10^(dB/10). */
    public static double toPower(double decibels) {
        return Math.pow(10.0, decibels / 10.0);
    }
}
