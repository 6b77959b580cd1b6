package org.neuromix.app.session;

import java.util.Locale;

/**
 * Where a revision stands: queued (waiting for its plan) → planned → rendered (audio in the store)
 * → completed (measured, the report saved); or failed. Stored in lower case.
 */
public enum RevisionStatus {
    QUEUED, PLANNED, RENDERED, COMPLETED, FAILED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RevisionStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /** Completed or failed: no job works on it any more. */
    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }
}
