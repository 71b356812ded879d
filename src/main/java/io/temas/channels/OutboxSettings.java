package io.temas.channels;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the outbox retries.
 *
 * @param maxAttempts   sends tried before a message counts as failed
 * @param firstBackoff  wait before the second try; doubles each time
 * @param maxBackoff    longest wait between tries
 * @param batchSize     messages one dispatcher round sends at most
 * @param sendsAtOnce   sends a channel's lane makes at the same time through a transport that sends side by side (a
 *                      provider's HTTP API, an SMTP server); 1 sends one after the other
 */
@ConfigurationProperties("temas.outbox")
public record OutboxSettings(
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("10s") Duration firstBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("50") int batchSize,
        @DefaultValue("8") int sendsAtOnce) {

    public OutboxSettings {
        if (batchSize < 1) {
            throw new IllegalArgumentException("temas.outbox.batch-size must be at least 1, not " + batchSize);
        }
        if (sendsAtOnce < 1 || sendsAtOnce > 256) {
            throw new IllegalArgumentException("temas.outbox.sends-at-once must be between 1 and 256, not " + sendsAtOnce);
        }
    }

    public Duration backoff(int attemptsSoFar) {
        long factor = 1L << Math.min(Math.max(attemptsSoFar - 1, 0), 20);
        Duration wait = firstBackoff.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** The backoff, or the wait the provider asked for ({@code retryAfter}, may be null) when that is longer, up to the longest wait. */
    public Duration backoff(int attemptsSoFar, Duration retryAfter) {
        Duration wait = backoff(attemptsSoFar);
        if (retryAfter == null || retryAfter.compareTo(wait) <= 0) {
            return wait;
        }
        // The backoff never exceeds the longest wait, so neither does this.
        return retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
    }
}
