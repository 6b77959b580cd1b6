package org.neuromix.app.pipeline;

import org.neuromix.app.session.SessionFile;

/**
 * One stored upload cannot be read any more (it broke after its check on arrival, or the store
 * lost it): the session goes back to a draft without that file, keeping every other upload, so
 * that the musician can replace it and start again.
 */
final class BrokenUpload extends PipelineFailure {
    private final SessionFile file;

    BrokenUpload(SessionFile file, String reason, Throwable cause) {
        super("'" + file.originalName() + "' could not be read for mixing (" + reason + "); it was removed from the session,"
                + " the other files are kept: upload it again and start the mix", cause);
        this.file = file;
    }

    SessionFile file() {
        return file;
    }
}
