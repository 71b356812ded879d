package io.temas.conversations;

import io.temas.shared.ChannelType;
import java.util.UUID;

/**
 * A customer's message went through the pipeline and was stored. Published inside the pipeline's transaction; it carries
 * what the customer said, so listeners that look for words (complaint rules, a survey's one-digit answer) decide in
 * memory and touch the database only for the messages that concern them.
 *
 * @param subject  the subject, or null
 * @param text     the text as stored, or null
 * @param language the language the pipeline settled on (a code), or null
 */
public record MessageReceived(UUID messageId, UUID conversationId, UUID customerId, ChannelType channel, String entryPoint,
                              String subject, String text, String language) {
}
