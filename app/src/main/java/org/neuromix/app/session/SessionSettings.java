package org.neuromix.app.session;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code neuromix.sessions.*}: upload limits.
 *
 * @param maxFileSize     largest single upload (also set as the multipart limit)
 * @param maxFiles        most files (stems and reference) in one session
 * @param maxDuration     longest stem
 * @param maxWorkingBytes the working copies a session's uploads expand to (48 kHz float, stereo at most), all together
 */
@ConfigurationProperties("neuromix.sessions")
public record SessionSettings(
        @DefaultValue("1GB") DataSize maxFileSize,
        @DefaultValue("32") int maxFiles,
        @DefaultValue("PT20M") Duration maxDuration,
        @DefaultValue("6GB") DataSize maxWorkingBytes) {
    public SessionSettings {
        if (maxFiles < 1 || maxFiles > 256) {
            throw new IllegalArgumentException("neuromix.sessions.max-files must be in [1, 256]");
        }
        if (maxWorkingBytes.toBytes() < 1) {
            throw new IllegalArgumentException("neuromix.sessions.max-working-bytes must be positive");
        }
        if (maxDuration.isNegative() || maxDuration.isZero()) {
            throw new IllegalArgumentException("neuromix.sessions.max-duration must be positive");
        }
    }
}
