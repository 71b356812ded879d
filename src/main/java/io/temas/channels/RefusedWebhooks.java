package io.temas.channels;

import io.micrometer.core.instrument.MeterRegistry;
import io.temas.platform.ClientWindow;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Webhook requests refused for their signature. Anybody can send them, as fast as they like, so they
 * are counted ({@code temas.webhooks.refused}, by channel and outcome), kept in the quarantine only
 * in part and only for a few per client address and window; the quarantine forgets them after its
 * retention period. Input with a valid signature that cannot be read is not this: it is quarantined
 * whole, as it comes from a provider we trust.
 */
@Service
public class RefusedWebhooks {

    static final String METER = "temas.webhooks.refused";

    private final InboundSink sink;
    private final WebhookSettings settings;
    private final ClientWindow perClient;
    private final MeterRegistry meters;

    RefusedWebhooks(InboundSink sink, WebhookSettings settings, Clock clock, MeterRegistry meters) {
        this.sink = sink;
        this.settings = settings;
        this.perClient = new ClientWindow(settings.refusalsPerClient(), settings.refusalWindow(), clock);
        this.meters = meters;
    }

    /**
     * How long a client over its limit waits at most before a refused request of its is kept again: the
     * window, said to it as {@code Retry-After} with the 429.
     */
    public java.time.Duration retryAfter() {
        return settings.refusalWindow();
    }

    /**
     * Records one refused request from {@code client} (its address after forwarded-header handling).
     *
     * @return the quarantine id of what was kept, or empty when the client is over its limit and nothing was kept
     */
    public Optional<UUID> refuse(String channel, String client, String reason, String contentType, byte[] body) {
        if (!perClient.tryAcquire(client == null ? "" : client)) {
            meters.counter(METER, "channel", channel, "outcome", "dropped").increment();
            return Optional.empty();
        }
        meters.counter(METER, "channel", channel, "outcome", "kept").increment();
        byte[] raw = body == null ? new byte[0] : body;
        int keep = (int) Math.min(raw.length, settings.refusedBodyLimit().toBytes());
        boolean truncated = keep < raw.length;
        String why = truncated ? reason + " (first " + keep + " of " + raw.length + " bytes kept)" : reason;
        return Optional.of(sink.rejectUnauthenticated(channel, why, contentType, Arrays.copyOf(raw, keep), truncated));
    }
}
