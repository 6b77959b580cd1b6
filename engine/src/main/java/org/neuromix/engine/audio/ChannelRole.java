package org.neuromix.engine.audio;

/**
 * What a channel of a file feeds, as far as loudness measurement cares (ITU-R BS.1770-4, Table 3):
 * front channels count once, surround channels (around ±110°, and all rear/side positions) with
 * weight 1.41 (+1.5 dB), the LFE channel not at all.
 */
public enum ChannelRole {
    FRONT(1.0),
    SURROUND(1.41),
    LOW_FREQUENCY_EFFECTS(0.0);

    private final double loudnessWeight;

    ChannelRole(double loudnessWeight) {
        this.loudnessWeight = loudnessWeight;
    }

    /** The channel's weighting coefficient G in BS.1770-4 equation (2). */
    public double loudnessWeight() {
        return loudnessWeight;
    }
}
