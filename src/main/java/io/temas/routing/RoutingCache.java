package io.temas.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Routing configuration changes rarely and is read for every message, so it is held in memory
 * and reloaded after a local change or, for changes made on other nodes, after a few seconds.
 */
final class RoutingCache<T> {

    private static final Duration TTL = Duration.ofSeconds(5);

    private final Supplier<T> loader;
    private final Clock clock;
    private volatile T value;
    private volatile Instant loadedAt = Instant.MIN;

    RoutingCache(Supplier<T> loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    T get() {
        T current = value;
        if (current == null || loadedAt.plus(TTL).isBefore(clock.instant())) {
            synchronized (this) {
                if (value == null || loadedAt.plus(TTL).isBefore(clock.instant())) {
                    value = loader.get();
                    loadedAt = clock.instant();
                }
                current = value;
            }
        }
        return current;
    }

    void invalidate() {
        value = null;
    }
}
