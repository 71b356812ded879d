package io.temas.webhooks;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhook deliveries are sent and retried.
 *
 * @param maxAttempts           tries before a delivery counts as failed (an administrator can still retry it)
 * @param firstBackoff          the longest wait before the second try; doubles each time, each wait a random share
 *                              between half and all of it (jitter, so receivers that come back are not hit all at once)
 * @param maxBackoff            the longest wait between tries
 * @param connectTimeout        how long a connection may take
 * @param readTimeout           how long the receiver may take to answer once the request is sent
 * @param allowPrivateAddresses whether deliveries may go to loopback, private, link-local and other internal addresses;
 *                              off, so a subscription cannot make Temas call into its own network
 * @param batchSize             deliveries one round claims and sends side by side
 * @param keep                  how long a delivered or failed delivery stays in the log (its body is a copy of the event)
 */
@ConfigurationProperties("temas.webhooks.delivery")
record DeliverySettings(@DefaultValue("10") int maxAttempts,
                        @DefaultValue("10s") Duration firstBackoff,
                        @DefaultValue("1h") Duration maxBackoff,
                        @DefaultValue("5s") Duration connectTimeout,
                        @DefaultValue("10s") Duration readTimeout,
                        @DefaultValue("false") boolean allowPrivateAddresses,
                        @DefaultValue("50") int batchSize,
                        @DefaultValue("30d") Duration keep) {

    DeliverySettings {
        if (maxAttempts < 1 || batchSize < 1) {
            throw new IllegalArgumentException("temas.webhooks.delivery.max-attempts and .batch-size must be at least 1");
        }
    }

    /**
     * The wait after {@code attemptsSoFar} failed tries: {@code firstBackoff} doubled per earlier try, at most
     * {@code maxBackoff}, times a share between half and all of it chosen by {@code random} (in [0, 1)).
     */
    Duration backoff(int attemptsSoFar, double random) {
        long factor = 1L << Math.min(Math.max(attemptsSoFar - 1, 0), 30);
        long ceiling = Math.min(firstBackoff.toMillis() * factor, maxBackoff.toMillis());
        if (ceiling < 0) {
            ceiling = maxBackoff.toMillis();
        }
        return Duration.ofMillis(Math.round(ceiling * (0.5 + 0.5 * random)));
    }

    /** How long a claimed delivery is someone's: longer than a send can take, so only a node that died leaves it to another. */
    Duration lease() {
        return connectTimeout.plus(readTimeout).plusSeconds(30);
    }
}
