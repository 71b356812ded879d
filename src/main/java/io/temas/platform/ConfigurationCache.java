package io.temas.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Configuration that changes rarely and is read for every message (routing, campaigns, contact
 * rules) is held in memory and reloaded after a local change or, for changes made on other nodes,
 * after a few seconds. One reader reloads; meanwhile the others go on with the value it replaces
 * (a few seconds old at most), so readers that hold a database connection never queue behind a reload
 * that waits for one. Only when there is no value (the first read, or right after a local change) do
 * readers wait for the load.
 */
public final class ConfigurationCache<T> {

    private static final Duration TTL = Duration.ofSeconds(5);

    private final Supplier<T> loader;
    private final Clock clock;
    private volatile T value;
    private volatile Instant loadedAt = Instant.MIN;
    private final java.util.concurrent.locks.ReentrantLock reloading = new java.util.concurrent.locks.ReentrantLock();

    public ConfigurationCache(Supplier<T> loader, Clock clock) {
        this.loader = loader;
        this.clock = clock;
    }

    public T get() {
        T current = value;
        if (current != null && !loadedAt.plus(TTL).isBefore(clock.instant())) {
            return current;
        }
        if (current != null) {
            if (!reloading.tryLock()) {
                return current;
            }
            try {
                if (loadedAt.plus(TTL).isBefore(clock.instant()) && value != null) {
                    load();
                }
                return value != null ? value : current;
            } finally {
                reloading.unlock();
            }
        }
        reloading.lock();
        try {
            if (value == null || loadedAt.plus(TTL).isBefore(clock.instant())) {
                load();
            }
            return value;
        } finally {
            reloading.unlock();
        }
    }

    private void load() {
        T loaded = loader.get();
        loadedAt = clock.instant();
        value = loaded;
    }

    public void invalidate() {
        value = null;
    }
}
