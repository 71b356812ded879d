package io.temas.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock a test moves by hand, so time windows are tested without waiting. */
public final class HandClock extends Clock {

    private volatile Instant now;

    public HandClock(Instant now) {
        this.now = now;
    }

    /** Moves the clock on (or back, with a negative amount). */
    public void advance(Duration amount) {
        now = now.plus(amount);
    }

    public void set(Instant instant) {
        now = instant;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
