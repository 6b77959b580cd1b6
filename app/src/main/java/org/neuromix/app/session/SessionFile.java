package org.neuromix.app.session;

import java.time.Instant;

/**
 * An uploaded file. {@code kind}: "stem" or "reference". {@code stemName} is the sanitised,
 * unique name the engine sees (role detection reads it).
 */
public record SessionFile(String id, String sessionId, String kind, String originalName, String stemName, long sizeBytes,
                          double durationSeconds, int sampleRateHz, int channels, String format, Instant uploadedAt,
                          Instant deletedAt) {
    public static final String STEM = "stem";
    public static final String REFERENCE = "reference";
}
