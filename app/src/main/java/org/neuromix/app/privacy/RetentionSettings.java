package org.neuromix.app.privacy;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code neuromix.retention.*}: how long each kind of data is kept — the privacy policy's table,
 * which the policy page renders from these very values.
 *
 * @param originals     uploads and working copies after processing completes or fails for good (PT0S: at once)
 * @param output        mixed audio (mix, processed stems, revision sources) after the session completes
 * @param accountGrace  how long a deleted account can still be restored before everything is purged
 * @param logs          server log files and sessions' processing logs
 * @param emails        the log of emails sent
 * @param expiryNotice  how long before the output is deleted the owner is emailed (PT0S: no notice)
 * @param sweepInterval how often the purges run
 */
@ConfigurationProperties("neuromix.retention")
public record RetentionSettings(
        @DefaultValue("PT0S") Duration originals,
        @DefaultValue("P7D") Duration output,
        @DefaultValue("P30D") Duration accountGrace,
        @DefaultValue("P90D") Duration logs,
        @DefaultValue("P1095D") Duration emails,
        @DefaultValue("PT24H") Duration expiryNotice,
        @DefaultValue("PT5M") Duration sweepInterval) {
    public RetentionSettings {
        for (Duration d : new Duration[] {originals, output, accountGrace, logs, emails, expiryNotice}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("neuromix.retention periods must not be negative, was " + d);
            }
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("neuromix.retention.sweep-interval must be positive");
        }
    }

    /** "7 days", "30 days", "3 years", "5 seconds" — for the policy page. */
    public static String describe(Duration d) {
        if (d.isZero()) {
            return "at once";
        }
        long days = d.toDays();
        if (days >= 365 && days % 365 == 0) {
            return (days / 365) + (days == 365 ? " year" : " years");
        }
        if (days > 0 && d.equals(Duration.ofDays(days))) {
            return days + (days == 1 ? " day" : " days");
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
        }
        return d.toSeconds() + " seconds";
    }
}
