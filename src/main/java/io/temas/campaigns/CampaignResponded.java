package io.temas.campaigns;

import io.temas.shared.ChannelType;
import java.time.Instant;
import java.util.UUID;

/** A customer answered a campaign, on a channel, through an entry point and medium. */
public record CampaignResponded(UUID responseId, UUID campaignId, String campaignCode, UUID customerId, ResponseKind kind,
                                ChannelType channel, String medium, String entryPoint, Instant occurredAt) {
}
