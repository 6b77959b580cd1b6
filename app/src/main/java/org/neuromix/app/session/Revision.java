package org.neuromix.app.session;

import java.time.Instant;

/**
 * One plan of a session and its render. Number 1 is the AI's; later ones are the user's edits.
 * {@code status}: queued, planned, rendered, completed, failed.
 */
public record Revision(String sessionId, int number, String status, String planJson, String stemsJson, String reportJson,
                       String note, String error, Instant createdAt, Instant completedAt) {
}
