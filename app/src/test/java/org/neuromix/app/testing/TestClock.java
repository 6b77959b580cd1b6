package org.neuromix.app.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The real time moved forward by a settable offset: jobs keep running while the test jumps days ahead. */
public final class TestClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    public void set(Duration offsetFromNow) {
        this.offset = offsetFromNow;
    }

    public void advance(Duration by) {
        this.offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
