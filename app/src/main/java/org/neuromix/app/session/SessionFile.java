package org.neuromix.app.session;

import java.time.Instant;

/**
 * An uploaded file. {@code kind}: "stem" or "reference". {@code stemName} is the sanitised,
 * unique name the engine sees (role detection reads it). {@code contentSha256} identifies the
 * bytes (null for files stored before it was kept); {@code warning} is what the upload check has
 * to tell the musician about an accepted file (a duplicate, digital silence), or null.
 */
public record SessionFile(String id, String sessionId, String kind, String originalName, String stemName, long sizeBytes,
                          double durationSeconds, int sampleRateHz, int channels, String format, Instant uploadedAt,
                          Instant deletedAt, String contentSha256, String warning) {
    public static final String STEM = "stem";
    public static final String REFERENCE = "reference";
    /** The pipeline decodes every upload to this rate, 32-bit float, at most stereo, before mixing. */
    public static final int WORKING_RATE_HZ = 48_000;

    /** The bytes the working copy of a file of this length and channel count takes. */
    public static long workingCopyBytes(double durationSeconds, int channels) {
        return (long) Math.ceil(durationSeconds * WORKING_RATE_HZ) * Math.min(2, Math.max(1, channels)) * Float.BYTES;
    }

    public long workingCopyBytes() {
        return workingCopyBytes(durationSeconds, channels);
    }
}
