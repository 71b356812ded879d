package io.temas.portal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The public contact form opens a conversation and sends an acknowledgement to the address typed
 * in it, so one client may send at most {@link #LIMIT} messages per {@link #WINDOW}: enough for a
 * customer, too few to turn the form into a mail cannon. Counted per client address on this node.
 */
@Component
class ContactThrottle {

    static final int LIMIT = 5;
    static final Duration WINDOW = Duration.ofMinutes(10);
    private static final int MAX_CLIENTS = 100_000;

    private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();
    private final Clock clock;

    ContactThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Counts one message from this client; false when it is over the limit. */
    boolean allow(String client) {
        Instant now = clock.instant();
        if (recent.size() > MAX_CLIENTS) {
            recent.values().removeIf(times -> times.isEmpty() || !times.peekLast().plus(WINDOW).isAfter(now));
        }
        Deque<Instant> times = recent.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
                times.pollFirst();
            }
            if (times.size() >= LIMIT) {
                return false;
            }
            times.addLast(now);
            return true;
        }
    }
}
