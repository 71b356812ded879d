package io.temas.campaigns;

import java.time.Instant;
import java.util.UUID;

/** A campaign was created or changed status: lists of running campaigns need refreshing. */
public record CampaignChanged(UUID campaignId, String code, Campaign.Status status, Instant occurredAt) {
}
