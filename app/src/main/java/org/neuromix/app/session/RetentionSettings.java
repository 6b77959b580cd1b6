package org.neuromix.app.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code neuromix.retention.*}: how long each kind of data is kept (the privacy policy's table).
 *
 * @param originals     uploads and working copies after processing completes (PT0S: at once)
 * @param output        mixed audio after the session completes
 * @param sweepInterval how often expired data is purged
 */
@ConfigurationProperties("neuromix.retention")
public record RetentionSettings(
        @DefaultValue("PT0S") Duration originals,
        @DefaultValue("P7D") Duration output,
        @DefaultValue("PT5M") Duration sweepInterval) {
    public RetentionSettings {
        if (originals.isNegative() || output.isNegative() || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("neuromix.retention periods must not be negative");
        }
    }
}
