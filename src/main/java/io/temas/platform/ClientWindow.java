package io.temas.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * At most {@code limit} events per key (a client address, a user name) within a sliding window,
 * counted in memory on this node. The per-client limits of the web doors (sign-in, votes, searches,
 * refused webhooks, the contact form) are all one of these.
 */
public final class ClientWindow {

    /** Past this many keys, keys whose events all aged out are forgotten, so memory stays bounded. */
    private static final int PRUNE_ABOVE = 100_000;

    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

    public ClientWindow(int limit, Duration window, Clock clock) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalStateException("A limit needs at least one event in a positive window: " + limit + " per " + window);
        }
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** Counts one event for this key; false (and not counted) when the key already had its limit in the window. */
    public boolean tryAcquire(String key) {
        Instant now = clock.instant();
        prune(now);
        Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            if (times.size() >= limit) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }

    /** Counts one event for this key whatever its count. */
    public void record(String key) {
        Instant now = clock.instant();
        prune(now);
        Deque<Instant> times = recent.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            expire(times, now);
            times.addLast(now);
            while (times.size() > limit) {
                times.pollFirst();
            }
        }
    }

    /** How long until this key may have another event: empty when it may now. */
    public Optional<Duration> blockedFor(String key) {
        Deque<Instant> times = recent.get(key);
        if (times == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        synchronized (times) {
            expire(times, now);
            return times.size() < limit ? Optional.empty() : Optional.of(Duration.between(now, times.peekFirst().plus(window)));
        }
    }

    /** Forgets this key's events. */
    public void reset(String key) {
        recent.remove(key);
    }

    private void expire(Deque<Instant> times, Instant now) {
        while (!times.isEmpty() && !times.peekFirst().plus(window).isAfter(now)) {
            times.pollFirst();
        }
    }

    private void prune(Instant now) {
        if (recent.size() > PRUNE_ABOVE) {
            recent.values().removeIf(times -> {
                synchronized (times) {
                    return times.isEmpty() || !times.peekLast().plus(window).isAfter(now);
                }
            });
        }
    }
}
