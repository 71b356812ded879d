package io.temas.chat;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;

/**
 * Token buckets per key (a chat, a client address): {@code perMinute} refill, a burst of a quarter
 * of it (at least 3). Kept in this node's memory: a visitor's connection stays on one node, and a
 * flood spread over nodes is still bounded per node.
 */
final class ChatThrottle {

    private record Bucket(double tokens, long at) {
    }

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int perMinute;
    private final String what;

    ChatThrottle(Clock clock, int perMinute, String what) {
        this.clock = clock;
        this.perMinute = perMinute;
        this.what = what;
    }

    /** Takes one token for {@code key}; @throws ChatRefused 429 with the seconds to wait when there is none. */
    void take(String key) {
        long now = clock.millis();
        double burst = Math.max(3, perMinute / 4.0);
        double perMilli = perMinute / 60_000.0;
        double[] wait = {0};
        buckets.compute(key, (k, b) -> {
            double tokens = b == null ? burst : Math.min(burst, b.tokens() + (now - b.at()) * perMilli);
            if (tokens < 1) {
                wait[0] = (1 - tokens) / perMilli;
                return new Bucket(tokens, now);
            }
            return new Bucket(tokens - 1, now);
        });
        if (wait[0] > 0) {
            long seconds = Math.max(1, (long) Math.ceil(wait[0] / 1000));
            throw new ChatRefused(HttpStatus.TOO_MANY_REQUESTS, "chat-flood",
                    "Too many " + what + "; try again in " + seconds + " s.", seconds);
        }
        if (buckets.size() > 100_000) {
            buckets.entrySet().removeIf(e -> now - e.getValue().at() > 120_000);
        }
    }
}
