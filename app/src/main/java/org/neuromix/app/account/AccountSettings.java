package org.neuromix.app.account;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code neuromix.accounts.*}.
 *
 * @param requireEmailVerification sign-in only after the emailed link was followed (turn off for a private install)
 * @param tokenValidity            how long an emailed verification or reset link works
 * @param loginMaxFailures         failed sign-ins per account before a pause
 * @param loginMaxFailuresPerAddress failed sign-ins from one client address (many people may share one) before a pause
 * @param loginFailureWindow       the window those failures are counted in, and the pause
 * @param baseUrl                  the address links in emails point to
 * @param maxStoredBytes           uploads an account may have stored at once (waiting to be mixed)
 */
@ConfigurationProperties("neuromix.accounts")
public record AccountSettings(
        @DefaultValue("true") boolean requireEmailVerification,
        @DefaultValue("PT24H") Duration tokenValidity,
        @DefaultValue("5") int loginMaxFailures,
        @DefaultValue("50") int loginMaxFailuresPerAddress,
        @DefaultValue("PT15M") Duration loginFailureWindow,
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("20GB") org.springframework.util.unit.DataSize maxStoredBytes) {
    public AccountSettings {
        if (tokenValidity.isNegative() || tokenValidity.isZero()) {
            throw new IllegalArgumentException("neuromix.accounts.token-validity must be positive");
        }
        if (loginMaxFailures < 1 || loginMaxFailuresPerAddress < 1) {
            throw new IllegalArgumentException("neuromix.accounts.login-max-failures(-per-address) must be at least 1");
        }
        if (maxStoredBytes.toBytes() < 1) {
            throw new IllegalArgumentException("neuromix.accounts.max-stored-bytes must be positive");
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }
}
