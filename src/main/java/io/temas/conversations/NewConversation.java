package io.temas.conversations;

import io.temas.shared.ChannelType;
import io.temas.shared.Language;
import java.time.Instant;
import java.util.UUID;

/** What a conversation starts with. */
public record NewConversation(UUID customerId, ChannelType channel, String entryPoint, String subject, Language language,
                              String chatSession, boolean customerWasNew, String campaign, String medium, Instant at) {
}
