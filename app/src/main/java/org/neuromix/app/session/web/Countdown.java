package org.neuromix.app.session.web;

import java.time.Duration;
import java.time.Instant;

/** "in 7 days", "in 5 hours", "in 12 minutes", "expired" — how long a session's audio is still kept, rounded. */
final class Countdown {
    private Countdown() {
    }

    static String until(Instant expires, Instant now) {
        if (expires == null) {
            return "";
        }
        Duration left = Duration.between(now, expires);
        if (left.isNegative() || left.isZero()) {
            return "expired";
        }
        // Rounded to the nearest unit: a 7-day period just begun is "in 7 days", not "in 6 days".
        long minutes = Math.max(1, Math.round(left.getSeconds() / 60.0));
        if (Math.round(minutes / 60.0) >= 48) {
            return "in " + Math.max(2, Math.round(minutes / 1440.0)) + " days";
        }
        if (minutes >= 120) {
            return "in " + Math.round(minutes / 60.0) + " hours";
        }
        return minutes == 1 ? "in 1 minute" : "in " + minutes + " minutes";
    }
}
