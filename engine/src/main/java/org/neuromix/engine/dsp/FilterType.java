package org.neuromix.engine.dsp;

/** The second-order filter shapes of Robert Bristow-Johnson's Audio EQ Cookbook. */
public enum FilterType {
    LOW_PASS,
    HIGH_PASS,
    /** Band-pass with 0 dB peak gain (the cookbook's "constant 0 dB peak gain" form). */
    BAND_PASS,
    NOTCH,
    PEAKING,
    LOW_SHELF,
    HIGH_SHELF;

    /** Whether the shape uses its gain parameter. */
    public boolean usesGain() {
        return this == PEAKING || this == LOW_SHELF || this == HIGH_SHELF;
    }
}
