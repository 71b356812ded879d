package io.temas.routing;

import io.temas.shared.ChannelType;
import java.util.UUID;

/**
 * An address customers reach the company on: an e-mail address, a phone number, an SMS
 * keyword, a form or a campaign code. It names the queue and, for campaigns, the campaign and
 * ad medium. A null channel matches every channel.
 */
public record EntryPoint(UUID id, String address, ChannelType channel, UUID queueId, String name, String campaign, String medium) {
}
