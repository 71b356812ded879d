package io.temas.channels;

import io.temas.shared.ChannelType;
import java.time.Instant;
import java.util.List;

/**
 * A delivery status notification: our mail to these recipients failed.
 *
 * @param externalId the notification's own id (for deduplication)
 * @param recipients the addresses that could not be reached
 * @param permanent  true for a permanent failure (5.x.x), false for a delay (4.x.x)
 * @param reason     the diagnostic the remote server gave
 */
public record InboundBounce(ChannelType channel, String externalId, List<String> recipients, boolean permanent, String reason,
                            Instant receivedAt, InboundMessage.RawPayload raw) {
}
