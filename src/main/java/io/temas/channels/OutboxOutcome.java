package io.temas.channels;

import io.temas.shared.ChannelType;
import io.temas.shared.ReasonCode;
import java.util.UUID;

/**
 * What became of one outbox entry, as {@link OutboundSent}, {@link OutboundFailed} and {@link OutboundDropped} carry it:
 * the transport that sent it (for a send), or why it did not leave, in English and as a code for the reader's language
 * (null: the reason is shown as it is).
 */
public record OutboxOutcome(UUID outboxId, ChannelType channel, UUID conversationId, UUID messageId, String transport,
                            String reason, ReasonCode code) {
}
