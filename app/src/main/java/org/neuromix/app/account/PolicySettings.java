package org.neuromix.app.account;

import java.time.LocalDate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code neuromix.policy.*}: the privacy policy in force. Sign-up must accept exactly this version.
 */
@ConfigurationProperties("neuromix.policy")
public record PolicySettings(@DefaultValue("2026-11-01") String version, @DefaultValue("2026-11-01") LocalDate lastUpdated) {
}
