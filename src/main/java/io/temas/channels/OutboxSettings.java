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
 */
@ConfigurationProperties("temas.outbox")
public record OutboxSettings(
        @DefaultValue("8") int maxAttempts,
        @DefaultValue("10s") Duration firstBackoff,
        @DefaultValue("1h") Duration maxBackoff,
        @DefaultValue("50") int batchSize) {

    public Duration backoff(int attemptsSoFar) {
        long factor = 1L << Math.min(Math.max(attemptsSoFar - 1, 0), 20);
        Duration wait = firstBackoff.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
