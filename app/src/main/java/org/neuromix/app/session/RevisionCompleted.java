package org.neuromix.app.session;

/** Published once a revision's audio and report are saved (again when a resumed job finds it done). */
public record RevisionCompleted(String sessionId, int revision) {
}
