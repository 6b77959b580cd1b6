package org.neuromix.app.session.web;

import java.time.Duration;
import java.time.Instant;

/** "in 6 days", "in 5 hours", "in 12 minutes", "expired" — how long a session's audio is still kept. */
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
        if (left.toDays() >= 2) {
            return "in " + left.toDays() + " days";
        }
        if (left.toHours() >= 2) {
            return "in " + left.toHours() + " hours";
        }
        return "in " + Math.max(1, left.toMinutes()) + " minutes";
    }
}
