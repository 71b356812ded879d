package io.temas.chat;

import io.temas.shared.Language;
import java.util.List;
import java.util.UUID;

/**
 * One turn of the customer's while the bot has the chat.
 *
 * @param entryPoint     the entry point's address ({@code web-sohbet})
 * @param unhelpfulSoFar answers of the bot's that did not help yet in this chat, not counting this turn
 * @param articleIds     the articles the bot's last suggestion showed, for the customer's answer to it; the bot records
 *                       the answer as a vote on each ({@link ChatBot#onAnswered})
 */
record BotTurn(UUID sessionId, String entryPoint, Language language, String text, int unhelpfulSoFar, List<UUID> articleIds) {

    BotTurn {
        articleIds = articleIds == null ? List.of() : List.copyOf(articleIds);
    }

    /** A turn with no articles shown before it (a message). */
    BotTurn(UUID sessionId, String entryPoint, Language language, String text, int unhelpfulSoFar) {
        this(sessionId, entryPoint, language, text, unhelpfulSoFar, List.of());
    }
}
