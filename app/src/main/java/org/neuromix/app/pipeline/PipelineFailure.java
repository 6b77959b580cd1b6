package org.neuromix.app.pipeline;

/** A job failure that retrying cannot fix (bad audio, silent stems, an impossible plan): fail now. */
public class PipelineFailure extends RuntimeException {
    PipelineFailure(String message, Throwable cause) { // package-private: only the pipeline decides this
        super(message, cause);
    }
}
