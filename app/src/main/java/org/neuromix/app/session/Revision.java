package org.neuromix.app.session;

import java.time.Instant;

/** One plan of a session and its render. Number 1 is the AI's; later ones are the user's edits. */
public record Revision(String sessionId, int number, RevisionStatus status, String planJson, String stemsJson, String reportJson,
                       String note, String error, Instant createdAt, Instant completedAt) {
    public boolean completed() {
        return status == RevisionStatus.COMPLETED;
    }
}
