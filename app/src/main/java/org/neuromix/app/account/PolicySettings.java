package org.neuromix.app.account;

import java.time.LocalDate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code neuromix.policy.*}: the privacy policy in force. Sign-up must accept exactly this version;
 * people who accepted an older one see a notice until they accept this one.
 *
 * @param material whether this version changes something that matters: publishing it emails everyone
 */
@ConfigurationProperties("neuromix.policy")
public record PolicySettings(@DefaultValue("2026-11-01") String version, @DefaultValue("2026-11-01") LocalDate lastUpdated,
                             @DefaultValue("true") boolean material) {
    public PolicySettings {
        if (version == null || version.isBlank() || version.length() > 40) {
            throw new IllegalArgumentException("neuromix.policy.version must have 1 to 40 characters");
        }
    }
}
