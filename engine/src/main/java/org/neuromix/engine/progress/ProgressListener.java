package org.neuromix.engine.progress;

/**
 * Told how far a long engine call (separation, rendering, training, an evaluation loop) has come,
 * so that a caller can show progress. It may be called often and from worker threads:
 * implementations must be quick and thread-safe, and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores everything: what the calls without a listener use. */
    ProgressListener NONE = (stage, fractionDone) -> { };

    /**
     * @param stage        what is being done now, in a few words ("separating", "limiter pass 2")
     * @param fractionDone how much of the whole call is done, 0 to 1; NaN when it cannot be known
     */
    void progress(String stage, double fractionDone);

    /**
     * This listener as seen by a part of the work that covers {@code [fromFraction, toFraction]} of
     * the whole: the part reports 0 to 1 of itself, the caller hears the matching share of the whole.
     */
    default ProgressListener part(double fromFraction, double toFraction) {
        ProgressListener whole = this;
        return (stage, fractionDone) -> whole.progress(stage, Double.isNaN(fractionDone) ? fromFraction
                : fromFraction + (toFraction - fromFraction) * Math.max(0, Math.min(1, fractionDone)));
    }
}
