package io.temas.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one id generator: time-ordered UUIDs (version 7, RFC 9562), so primary keys insert at
 * the right edge of their index and sort by creation.
 */
public final class Ids {

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong lastMillisAndCounter = new AtomicLong();

    public Ids(Clock clock) {
        this.clock = clock;
    }

    public UUID next() {
        long millis = clock.millis();
        // 12 bits of a per-millisecond counter keep ids from one node monotonic.
        long stamp = lastMillisAndCounter.updateAndGet(prev -> {
            long prevMillis = prev >>> 12;
            if (millis > prevMillis) {
                return millis << 12;
            }
            return prev + 1;
        });
        long stampMillis = stamp >>> 12;
        long counter = stamp & 0xFFF;
        long msb = (stampMillis << 16) | 0x7000L | counter;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
