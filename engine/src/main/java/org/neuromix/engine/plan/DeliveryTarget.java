package org.neuromix.engine.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where the mix goes: a loudness target and a true-peak ceiling, from a platform preset or custom.
 * Presets follow the platforms' published normalisation references.
 */
public record DeliveryTarget(String name, double loudnessLufs, double truePeakDbtp) {
    public static final double MIN_LUFS = -40;
    public static final double MAX_LUFS = -5;

    /** Platform presets: key, display name, loudness reference, true-peak ceiling. */
    public enum Platform {
        SPOTIFY("spotify", "Spotify", -14, -1),
        APPLE_MUSIC("apple", "Apple Music", -16, -1),
        YOUTUBE("youtube", "YouTube", -14, -1),
        AMAZON_MUSIC("amazon", "Amazon Music", -14, -2),
        TIDAL("tidal", "Tidal", -14, -1),
        EBU_R128("ebu", "EBU R128 broadcast", -23, -1),
        ATSC_A85("atsc", "ATSC A/85 broadcast", -24, -2);

        private final String key;
        private final String displayName;
        private final double loudnessLufs;
        private final double truePeakDbtp;

        Platform(String key, String displayName, double loudnessLufs, double truePeakDbtp) {
            this.key = key;
            this.displayName = displayName;
            this.loudnessLufs = loudnessLufs;
            this.truePeakDbtp = truePeakDbtp;
        }

        public String key() {
            return key;
        }

        public String displayName() {
            return displayName;
        }

        public double loudnessLufs() {
            return loudnessLufs;
        }

        public double truePeakDbtp() {
            return truePeakDbtp;
        }

        public DeliveryTarget target() {
            return new DeliveryTarget(displayName, loudnessLufs, truePeakDbtp);
        }
    }

    public DeliveryTarget {
        if (!(loudnessLufs >= MIN_LUFS && loudnessLufs <= MAX_LUFS)) {
            throw new IllegalArgumentException("loudness must be in [" + (int) MIN_LUFS + ", " + (int) MAX_LUFS
                    + "] LUFS, was " + loudnessLufs);
        }
        if (!(truePeakDbtp >= -10 && truePeakDbtp <= 0)) {
            throw new IllegalArgumentException("true-peak ceiling must be in [-10, 0] dBTP, was " + truePeakDbtp);
        }
    }

    /**
     * Parses a user's choice: a platform key ({@code spotify}, {@code apple}, {@code youtube},
     * {@code amazon}, {@code tidal}, {@code ebu}, {@code atsc}), a loudness in LUFS ({@code -12},
     * ceiling −1 dBTP) or loudness and ceiling ({@code -12/-0.5}).
     *
     * @throws IllegalArgumentException with a message listing what is accepted
     */
    public static DeliveryTarget parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Platform platform : Platform.values()) {
            if (platform.key.equals(value)) {
                return platform.target();
            }
        }
        try {
            String[] parts = value.split("/", -1);
            if (parts.length == 1) {
                return new DeliveryTarget("custom", Double.parseDouble(parts[0]), -1);
            }
            if (parts.length == 2) {
                return new DeliveryTarget("custom", Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("target must be one of " + Arrays.stream(Platform.values()).map(Platform::key)
                .collect(Collectors.joining(", ")) + ", or a loudness in LUFS such as -12 or -12/-0.5 (LUFS/dBTP), was '"
                + text + "'");
    }
}
