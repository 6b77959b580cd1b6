package org.neuromix.app.session;

/**
 * Where a session's revisions go to be worked on. The session feature decides when a revision is
 * queued; the pipeline, which implements this, decides how and where it runs.
 */
public interface RevisionQueue {
    /** Queues the revision once: queuing the same revision twice is a no-op. */
    void enqueue(String sessionId, int revision);

    /** Drops queued work of a deleted session (a running job notices that the session is gone). */
    void cancel(String sessionId, int revisions);
}
