package io.temas.campaigns;

import java.time.Instant;
import java.util.UUID;

/** A customer left a call list before being called (answered the campaign elsewhere, may not be called). */
public record CallListEntryRemoved(UUID callListId, UUID campaignId, UUID customerId, String phone, String reason, Instant occurredAt) {
}
