package io.temas.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A receiver of events; its secret is never read back after it was created. */
public record WebhookSubscription(UUID id, String url, List<String> events, boolean paused, Instant createdAt, String createdBy) {
}
