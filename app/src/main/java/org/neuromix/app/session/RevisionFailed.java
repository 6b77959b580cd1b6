package org.neuromix.app.session;

/** Published when a revision failed for good; {@code sessionFailed} when it was the session's first mix. */
public record RevisionFailed(String sessionId, int revision, boolean sessionFailed) {
}
