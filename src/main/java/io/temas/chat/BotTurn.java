package io.temas.chat;

import io.temas.shared.Language;
import java.util.UUID;

/**
 * One turn of the customer's while the bot has the chat.
 *
 * @param entryPoint     the entry point's address ({@code web-sohbet})
 * @param unhelpfulSoFar answers of the bot's that did not help yet in this chat
 */
record BotTurn(UUID sessionId, String entryPoint, Language language, String text, int unhelpfulSoFar) {
}
