package org.neuromix.app.session.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** Mixer issue, defect 14: a 7-day period just begun is "in 7 days", not "in 6 days". */
class CountdownTest {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static String left(Duration duration) {
        return Countdown.until(NOW.plus(duration), NOW);
    }

    @Test
    void roundedToTheNearestUnit() {
        assertEquals("in 7 days", left(Duration.ofDays(7).minusMinutes(1)));
        assertEquals("in 7 days", left(Duration.ofDays(7)));
        assertEquals("in 2 days", left(Duration.ofHours(48)));
        assertEquals("in 47 hours", left(Duration.ofHours(47)));
        assertEquals("in 2 days", left(Duration.ofHours(48).minusMinutes(1)), "not \"in 48 hours\"");
        assertEquals("in 100 minutes", left(Duration.ofMinutes(100)));
        assertEquals("in 3 hours", left(Duration.ofMinutes(150)));
        assertEquals("in 1 minute", left(Duration.ofSeconds(50)));
        assertEquals("in 90 minutes", left(Duration.ofMinutes(90)));
        assertEquals("expired", left(Duration.ZERO));
        assertEquals("expired", left(Duration.ofMinutes(-5)));
    }
}
