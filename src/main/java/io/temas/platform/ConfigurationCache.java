package io.temas.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Configuration that changes rarely and is read for every message (routing, campaigns, contact
 * rules) is held in memory and reloaded after a local change or, for changes made on other nodes,
 * after a few seconds. One reader reloads; the others wait for its result.
 */
public final class ConfigurationCache<T> {

    private static final Duration TTL = Duration.ofSeconds(5);

    private final Supplier<T> loader;
    private final Clock clock;
    private volatile T value;
    private volatile Instant loadedAt = Instant.MIN;

    public ConfigurationCache(Supplier<T> loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    public T get() {
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

    public void invalidate() {
        value = null;
    }
}
